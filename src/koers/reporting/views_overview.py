"""(Being built.)"""

from django.http import Http404


def _missing(*args, **kwargs):
    raise Http404


overview = calendar_edit = effort_reports = _missing
