"""Messages that several apps' commands share."""

from django.utils.translation import gettext as _


def os_error_text(exc: OSError) -> str:
    """Why a file could not be read or written, in the user's language."""
    if isinstance(exc, FileNotFoundError):
        return _("the file or folder does not exist")
    if isinstance(exc, PermissionError):
        return _("no permission")
    if isinstance(exc, IsADirectoryError):
        return _("this is a folder, not a file")
    return exc.strerror or str(exc)
