from django.contrib.auth.forms import AuthenticationForm

from koers.ui import style_widgets


class LoginForm(AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)
