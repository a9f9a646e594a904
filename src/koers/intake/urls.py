app_name = "intake"

# (being written)
urlpatterns = []
