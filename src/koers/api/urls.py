app_name = "api"

# (being written)
urlpatterns = []
