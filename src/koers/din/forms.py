"""The forms of the DIN's pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koers.ui import style_widgets

from . import graph

#: The ``?spoor=`` value of the efforts without a track.
NO_TRACK = "geen"


class DiagramFilterForm(forms.Form):
    """What the diagram shows: all tracks or one, with or without the activities (GET)."""

    spoor = forms.ChoiceField(label=gettext_lazy("Track"), required=False)
    activiteiten = forms.BooleanField(label=gettext_lazy("Show activities"), required=False)

    def __init__(self, *args, network: graph.Network, **kwargs):
        super().__init__(*args, **kwargs)
        used = {e.track for e in network.efforts}
        choices = [("", _("All tracks"))] + [
            (str(t.id), t.name) for t in network.tracks if t.id in used
        ]
        if None in used:
            choices.append((NO_TRACK, _("Without a track")))
        self.fields["spoor"].choices = choices
        style_widgets(self)

    def choices(self) -> tuple[str, bool]:
        """The chosen track ('' for all, a track id, or NO_TRACK) and whether to show the
        activities; anything invalid counts as nothing chosen."""
        if not self.is_valid():
            return "", False
        return self.cleaned_data["spoor"] or "", bool(self.cleaned_data["activiteiten"])
