"""Shared presentation helpers: NL Design System classes on Django form widgets."""

from __future__ import annotations

from django import forms

WIDGET_CLASSES = {
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.SelectMultiple: "utrecht-select utrecht-select--html-select",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.CheckboxSelectMultiple: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.RadioSelect: "utrecht-radio-button utrecht-radio-button--html-input",
}
TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"


def style_widgets(form: forms.BaseForm) -> None:
    """Give every visible widget of ``form`` its NL Design System class."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.HiddenInput):
            continue
        css = WIDGET_CLASSES.get(type(widget))
        if css is None and isinstance(widget, forms.widgets.Input):
            css = TEXTBOX
        if css and css not in widget.attrs.get("class", ""):
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
        if isinstance(widget, forms.Textarea):
            widget.attrs.setdefault("rows", 4)
