"""What the other person saved: after a refused (stale) save, the saved values beside the user's
input, compared through the form's own fields (so 93.000 and 93000 are the same number) and
shown through its choices (the label, not the stored code)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import formats
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from koers.numbers import NumberFormatError, parse_decimal
from koers.text import normalise_text

Difference = tuple[str, str, str]


def saved_differences(instance, form: forms.BaseForm, names=None) -> list[Difference] | None:
    """After a refused (stale) save: what the other person saved beside the user's input, field
    by field, as (label, saved, typed), for the visible fields of ``form`` (or only ``names``).

    The saved values are read as the form itself would show the fresh object (the form class
    built again with ``instance=``), and both sides go through the form field's ``clean`` so
    notation does not count as a difference. The form then carries the current version, so
    saving again is a deliberate choice to replace their values. None when the object was
    deleted meanwhile."""
    fresh = type(instance)._default_manager.filter(pk=instance.pk).first()
    if fresh is None:
        return None
    saved_values = _saved_values(form, fresh)
    if names is None:
        names = [
            name
            for name, field in form.fields.items()
            if name != "version"
            and name in saved_values
            and not field.disabled
            and not field.widget.is_hidden
        ]
    rows = []
    for name in names:
        if name not in form.fields:
            continue
        field = form.fields[name]
        saved = _clean(field, saved_values.get(name))
        typed = _clean(field, form[name].value())
        if _comparable(saved) != _comparable(typed):
            rows.append((str(field.label), _shown(field, saved), _shown(field, typed)))
    set_version(form, fresh.version)
    return rows


def set_version(form: forms.BaseForm, version: int) -> None:
    """Let a re-rendered bound form carry ``version``, so saving again replaces that one."""
    form.data = form.data.copy()
    form.data["version"] = str(version)


def _saved_values(form: forms.BaseForm, fresh) -> dict:
    """The values of ``fresh`` as the form shows them: the same form class built for it, or,
    for a form that cannot be built again without more context, the object's attributes."""
    kwargs = {"programme": form.programme} if hasattr(form, "programme") else {}
    try:
        theirs = type(form)(instance=fresh, **kwargs)
    except TypeError:
        theirs = None
    values = {}
    for name in form.fields:
        if theirs is not None and name in theirs.fields:
            values[name] = theirs[name].value()
        elif hasattr(fresh, name):
            value = getattr(fresh, name)
            if hasattr(value, "all") and callable(value.all):
                value = list(value.all())
            values[name] = value
    return values


def _clean(field: forms.Field, value):
    """The value as the field reads it (an instance for a choice of objects, a Decimal for a
    number); the raw value when the field does not accept it."""
    if isinstance(value, models.Model | Decimal | dt.date | bool):
        return value
    try:
        return field.clean(value)
    except (ValidationError, TypeError, ValueError):
        return value


def _comparable(value) -> str:
    if isinstance(value, models.QuerySet):
        value = list(value)
    if isinstance(value, list | tuple | set):
        return ",".join(sorted(_comparable(v) for v in value))
    if value is None:
        return ""
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, bool):
        return "1" if value else ""
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return format(Decimal(value).normalize(), "f")
    text = normalise_text(str(value))
    try:
        return format(parse_decimal(text).normalize(), "f")
    except NumberFormatError:
        return text


def _number(value: Decimal) -> str:
    """93000 → '93.000', Decimal('6.5000') → '6,5' (in Dutch): as the pages show numbers."""
    normal = value.normalize()
    exponent = normal.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return number_format(normal, decimal_pos=places, use_l10n=True, force_grouping=True)


def _shown(field: forms.Field, value) -> str:
    if isinstance(value, models.QuerySet):
        value = list(value)
    values = value if isinstance(value, list | tuple | set) else [value]
    labels = {}
    if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
        labels = {str(k): str(v) for k, v in field.choices}
    show = getattr(field, "show", None)  # a field may say how it shows a value (money: €)
    shown = []
    for v in values:
        if v is None or v == "":
            continue
        if show is not None and not isinstance(v, str):
            shown.append(show(v))
        elif isinstance(v, bool) or isinstance(field, forms.BooleanField):
            shown.append(_("yes") if v else _("no"))
        elif str(v) in labels:
            shown.append(labels[str(v)])
        elif isinstance(v, Decimal):
            shown.append(_number(v))
        elif isinstance(v, dt.date):
            shown.append(formats.date_format(v, "SHORT_DATE_FORMAT"))
        else:
            shown.append(str(v).replace("\r\n", "\n").strip())
    return ", ".join(s for s in shown if s) or "—"
