app_name = "portfolio"

# (being written)
urlpatterns = []
