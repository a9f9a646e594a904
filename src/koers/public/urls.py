app_name = "public"

# (being written)
urlpatterns = []
