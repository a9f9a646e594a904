from django.contrib.auth.forms import AuthenticationForm

from koers.ui import style_widgets


class LoginForm(AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # No autofocus: keyboard and screen-reader users start at the top of the page, where the
        # skip link is.
        self.fields["username"].widget.attrs.pop("autofocus", None)
        style_widgets(self)
