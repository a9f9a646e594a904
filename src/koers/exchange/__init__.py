"""The complete exchange of a programme: format ``koers-programma`` version 2.

Everything of a programme's record in one documented JSON file (docs/uitwisseling.md, JSON
Schema in ``static/exchange/koers-programma-2.schema.json``): the DIN
(:mod:`koers.programmes.exchange`) and the measurements, judgements, reporting, finance, risks,
decisions, partners, meetings, initiatives, publication choices and cross-programme links.

This app sits above every app whose data it exchanges and has no models. Its public functions:

* :func:`export_programme` — a programme as the bytes of a file (``history=True`` adds who
  changed what, when); :func:`write_programme` writes to a stream;
* :func:`import_programme` — a file (version 1 or 2) into the database, completely or not at all;
* :func:`replace_plan` / :func:`replace_backup` — what a replace removes, and the export made
  before it.
"""

# The names are loaded on first use (PEP 562): this package is an installed app, imported
# before the models are ready.
_PLACES = {
    "ExchangeError": "koers.programmes.exchange",
    "Problem": "koers.programmes.exchange",
    "ProgrammeExistsError": "koers.programmes.exchange",
    "FORMAT_VERSION": "koers.exchange.export",
    "export_programme": "koers.exchange.export",
    "write_programme": "koers.exchange.export",
    "ProgrammeFile": "koers.exchange.read",
    "read_programme_file": "koers.exchange.read",
    "PlanLine": "koers.exchange.replace",
    "programme_counts": "koers.exchange.replace",
    "replace_backup": "koers.exchange.replace",
    "replace_plan": "koers.exchange.replace",
    "file_counts": "koers.exchange.write",
    "import_programme": "koers.exchange.write",
}

__all__ = sorted(_PLACES)


def __getattr__(name: str):
    if name not in _PLACES:
        raise AttributeError(name)
    import importlib

    return getattr(importlib.import_module(_PLACES[name]), name)
