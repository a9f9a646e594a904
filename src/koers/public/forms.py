"""The publication form: the programme's publication with one row per indicator and effort."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.ui import style_widgets

from .models import EffortPublication, ProgrammePublication
from .selectors import PublicationOverview


def _model_label(model, name: str) -> str:
    return model._meta.get_field(name).verbose_name


class PublicationForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    published = forms.BooleanField(
        label=_model_label(ProgrammePublication, "published"),
        required=False,
        help_text=ProgrammePublication._meta.get_field("published").help_text,
    )
    introduction = forms.CharField(
        label=_model_label(ProgrammePublication, "introduction"),
        required=False,
        widget=forms.Textarea,
        help_text=ProgrammePublication._meta.get_field("introduction").help_text,
    )
    show_budget_total = forms.BooleanField(
        label=_model_label(ProgrammePublication, "show_budget_total"),
        required=False,
        help_text=ProgrammePublication._meta.get_field("show_budget_total").help_text,
    )

    def __init__(self, data=None, *, overview: PublicationOverview):
        publication = overview.publication
        initial = {
            "version": overview.version,
            "published": overview.published,
            "introduction": publication.introduction if publication else "",
            "show_budget_total": bool(publication and publication.show_budget_total),
        }
        for indicator in overview.indicators:
            initial[f"indicator_{indicator.pk}"] = bool(
                indicator.public and indicator.public.published
            )
        for effort in overview.efforts:
            initial[f"effort_{effort.pk}_published"] = bool(
                effort.public and effort.public.published
            )
            initial[f"effort_{effort.pk}_public_description"] = (
                effort.public.public_description if effort.public else ""
            )
        super().__init__(data, initial=initial)
        self.overview = overview
        for indicator in overview.indicators:
            self.fields[f"indicator_{indicator.pk}"] = forms.BooleanField(
                label=_("Publish %(code)s. %(name)s")
                % {"code": indicator.operational_goal.code, "name": indicator.name},
                required=False,
            )
        for effort in overview.efforts:
            self.fields[f"effort_{effort.pk}_published"] = forms.BooleanField(
                label=_("Publish “%(name)s”") % {"name": effort.name}, required=False
            )
            self.fields[f"effort_{effort.pk}_public_description"] = forms.CharField(
                label=_("Public description of “%(name)s”") % {"name": effort.name},
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=EffortPublication._meta.get_field("public_description").help_text,
            )
        style_widgets(self)

    def indicator_fields(self):
        return [self[f"indicator_{i.pk}"] for i in self.overview.indicators]

    def effort_rows(self):
        return [
            (
                effort,
                self[f"effort_{effort.pk}_published"],
                self[f"effort_{effort.pk}_public_description"],
            )
            for effort in self.overview.efforts
        ]

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "published": data["published"],
            "introduction": data["introduction"],
            "show_budget_total": data["show_budget_total"],
            "indicators": {i.pk: data[f"indicator_{i.pk}"] for i in self.overview.indicators},
            "efforts": {
                e.pk: (
                    data[f"effort_{e.pk}_published"],
                    data[f"effort_{e.pk}_public_description"],
                )
                for e in self.overview.efforts
            },
        }
