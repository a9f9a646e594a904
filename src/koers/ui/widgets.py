"""Form helpers every page shares: NL Design System classes on Django form widgets, numbers
read as Dutch and international users write them, a service's errors on the form."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_noop

from koers.numbers import NumberFormatError, format_decimal_input, parse_decimal

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


class DecimalInput(forms.TextInput):
    """Shows 93000 and 6,5 instead of 93000.0000 and 6.5000."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
            return format_decimal_input(Decimal(str(value)))
        return super().format_value(value)


class DutchDecimalField(forms.DecimalField):
    """A decimal field that reads numbers as Dutch and international users write them
    (see koers.numbers): 93.000 and 93000, 7,0 and 7.0."""

    widget = DecimalInput

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("\u00a0", " ").strip()
        if value in self.empty_values:
            return None
        try:
            number = parse_decimal(str(value))
        except NumberFormatError as exc:
            raise ValidationError(str(exc), code="invalid") from exc
        if not number.is_finite():
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return number


class DutchIntegerField(forms.IntegerField):
    """A whole number read with the same rules as :class:`DutchDecimalField`: 7.000 is seven
    thousand (Django's own IntegerField would read it as 7)."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("\u00a0", " ").strip()
        if value in self.empty_values:
            return None
        try:
            number = parse_decimal(str(value))
        except NumberFormatError as exc:
            raise ValidationError(str(exc), code="invalid") from exc
        if number != number.to_integral_value():
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return int(number)


def use_dutch_decimals(form: forms.BaseForm) -> None:
    """Swap every DecimalField and IntegerField of ``form`` for one that reads numbers as Dutch
    and international users write them (see :mod:`koers.numbers`). Hidden fields (the edited
    ``version``) are left alone."""
    for name, field in list(form.fields.items()):
        if isinstance(field.widget, forms.HiddenInput):
            continue
        if isinstance(field, forms.DecimalField) and not isinstance(field, DutchDecimalField):
            new = DutchDecimalField(
                max_digits=field.max_digits, decimal_places=field.decimal_places
            )
        elif type(field) is forms.IntegerField:
            new = DutchIntegerField(widget=forms.TextInput(attrs={"inputmode": "numeric"}))
        else:
            continue
        new.required, new.label, new.help_text = field.required, field.label, field.help_text
        new.initial = field.initial
        new.validators = [v for v in field.validators if not _is_decimal_validator(v)] + [
            v for v in new.validators if _is_decimal_validator(v)
        ]
        form.fields[name] = new


def _is_decimal_validator(validator) -> bool:
    from django.core.validators import DecimalValidator

    return isinstance(validator, DecimalValidator)


def apply_errors(form: forms.BaseForm, exc: ValidationError, rename=None) -> None:
    """Put a service's validation errors on the form's fields, or above the form for errors
    that belong to no field. ``rename`` maps a service's error key to the form's field name."""
    from django.core.exceptions import NON_FIELD_ERRORS

    if not hasattr(exc, "error_dict"):
        for message in exc.messages:
            form.add_error(None, message)
        return
    for key, errors in exc.error_dict.items():
        name = rename(key) if rename else key
        target = name if name in form.fields and key != NON_FIELD_ERRORS else None
        for error in errors:
            form.add_error(target, error)


# Django REST framework ships its own Dutch for Django's form message ("Dit veld is vereist.") and,
# installed later, would replace Django's wording on every form. Koers keeps Django's wording.
gettext_noop("This field is required.")
