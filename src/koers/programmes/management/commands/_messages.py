"""Old place of :func:`koers.messages.os_error_text` (kept until every command imports it there)."""

from koers.messages import os_error_text  # noqa: F401
