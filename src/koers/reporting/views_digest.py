"""(Being built.)"""

from django.http import Http404


def _missing(*args, **kwargs):
    raise Http404


digest = _missing
