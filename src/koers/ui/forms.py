"""The base of every plain (not model) edit form: the version the user saw and the values the
service takes."""

from __future__ import annotations

from django import forms

from .widgets import style_widgets


class VersionedForm(forms.Form):
    """A form that edits one versioned object.

    ``field_names`` are the fields the service takes; ``initial_from`` reads them from the object
    (override it when a field is not an attribute of the same name) and ``values`` hands them to
    the service (override it to convert). The hidden ``version`` field carries the version the
    user saw, so a stale save is refused (409) instead of silently replacing someone's work.
    ``programme`` is the programme the object belongs to, for forms whose choices depend on it."""

    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    field_names: tuple[str, ...] = ()

    def __init__(self, *args, instance=None, programme=None, **kwargs):
        self.instance = instance
        self.programme = programme
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_from(instance)
        super().__init__(*args, **kwargs)
        self.setup()
        style_widgets(self)

    def initial_from(self, instance) -> dict:
        data = {name: getattr(instance, name) for name in self.field_names}
        data["version"] = instance.version
        return data

    def setup(self) -> None:
        """Adjust the fields (choices, widgets) once they exist."""

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.field_names}
