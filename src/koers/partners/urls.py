app_name = "partners"

# (being written)
urlpatterns = []
