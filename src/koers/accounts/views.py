from django.contrib.auth import views as auth_views
from django.urls import reverse

from .forms import LoginForm


class LoginView(auth_views.LoginView):
    """Django's log-in, in Koers' look; a logged-in user is sent on, never back to this page."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_redirect_url(self) -> str:
        url = super().get_redirect_url()
        # ?next= pointing at the log-in page itself would loop for a logged-in user.
        if url and url.split("?")[0] == reverse("accounts:login"):
            return ""
        return url
