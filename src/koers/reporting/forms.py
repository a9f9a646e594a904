"""Forms of the report pages: the progress report itself (eight aspects, overall status, the
question to the principals) and the reviewer's accept / return form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.ui import style_widgets

from .constants import Aspect, AspectStatus
from .models import REPORT_CONTENT_FIELDS, ProgressReport


def _field_label(name: str):
    return ProgressReport._meta.get_field(name).verbose_name


class ReportForm(forms.Form):
    """The report's content. Every field is optional here: a draft may be incomplete; what a
    submission needs is checked by ``services.submission_problems``."""

    overall_status = forms.ChoiceField(
        label=_field_label("overall_status"),
        choices=AspectStatus.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text=_("Your judgement of the effort as a whole in this period."),
    )
    principals_request = forms.CharField(
        label=_field_label("principals_request"),
        help_text=ProgressReport._meta.get_field("principals_request").help_text,
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, report: ProgressReport | None = None, **kwargs):
        if report is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                **{name: getattr(report, name) for name in REPORT_CONTENT_FIELDS},
                "version": report.version,
            }
        super().__init__(*args, **kwargs)
        for aspect in Aspect:
            self.fields[f"{aspect.value}_status"] = forms.ChoiceField(
                label=_("status: %(aspect)s") % {"aspect": aspect.label},
                choices=AspectStatus.choices,
                widget=forms.RadioSelect,
                required=False,
            )
            self.fields[f"{aspect.value}_explanation"] = forms.CharField(
                label=_field_label(f"{aspect.value}_explanation"),
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
            )
        # The contract's order: overall status, the aspects, then the question; version last.
        order = ["overall_status"]
        order += [f"{a.value}_{part}" for a in Aspect for part in ("status", "explanation")]
        self.order_fields([*order, "principals_request", "version"])
        style_widgets(self)

    def aspect_rows(self) -> list[tuple[str, str, forms.BoundField, forms.BoundField]]:
        """(value, label, status field, explanation field) per aspect, in the contract's order.
        Called while rendering, after every error is known: a field with an error points at its
        message."""
        for name in self.errors:
            if name in self.fields and name.endswith("_explanation"):
                self.fields[name].widget.attrs["aria-describedby"] = f"id_{name}_error"
        return [
            (a.value, a.label, self[f"{a.value}_status"], self[f"{a.value}_explanation"])
            for a in Aspect
        ]

    def content(self) -> dict:
        """The cleaned content, ready for ``services.report_save``."""
        return {name: self.cleaned_data.get(name) or "" for name in REPORT_CONTENT_FIELDS}


class ReviewForm(forms.Form):
    """The reviewer's comment; the button pressed (``action``) says accept or return."""

    ACCEPT, RETURN = "accept", "return"

    comment = forms.CharField(
        label=_("comment"),
        help_text=_(
            "Required when you send the report back: say what the owner should change. "
            "Optional when you accept it."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, report: ProgressReport | None = None, **kwargs):
        if report is not None and "initial" not in kwargs:
            kwargs["initial"] = {"version": report.version}
        super().__init__(*args, **kwargs)
        style_widgets(self)
