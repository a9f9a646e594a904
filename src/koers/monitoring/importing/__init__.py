"""Bulk import of measurements from CSV and XLSX files in the delivery format.

The format, the notations of numbers and periods that are accepted and every message are
described (in Dutch) in ``docs/metingen-importeren.md``. Modules:

- :mod:`.read` — the file as a stream of rows (CSV or XLSX), header mapped to the columns;
- :mod:`.validate` — one row: programme, indicator, period, value, source, note;
- :mod:`.check` — the checking pass (duplicates, comparison with the database);
- :mod:`.write` — the writing pass (raw SQL upserts in batches, history set-based);
- :mod:`.process` — :func:`check_file` and :func:`apply_file`;
- :mod:`.batches` — upload → preview → confirm in the web interface;
- :mod:`.template` and :mod:`.export` — the template, and a programme's values as CSV.
"""

from .batches import (
    batch_cancel,
    batch_check,
    batch_confirm,
    batch_create,
    batch_preview_store,
    batches_expire,
    retention_hours,
)
from .export import measurements_csv
from .problems import (
    COLUMNS,
    MAX_PROBLEMS,
    MAX_SAMPLES,
    MAX_UPLOAD_BYTES,
    OPTIONAL_COLUMNS,
    ChangeSample,
    ImportCheck,
    ImportProblem,
    ImportRefused,
)
from .process import apply_file, check_file
from .template import template_csv, template_xlsx

__all__ = [
    "COLUMNS",
    "MAX_PROBLEMS",
    "MAX_SAMPLES",
    "MAX_UPLOAD_BYTES",
    "OPTIONAL_COLUMNS",
    "ChangeSample",
    "ImportCheck",
    "ImportProblem",
    "ImportRefused",
    "apply_file",
    "batch_cancel",
    "batch_check",
    "batch_confirm",
    "batch_create",
    "batch_preview_store",
    "batches_expire",
    "check_file",
    "measurements_csv",
    "retention_hours",
    "template_csv",
    "template_xlsx",
]
