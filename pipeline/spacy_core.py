"""spaCy, imported without its command line.

``import spacy`` imports ``spacy.cli`` (typer, weasel, httpx, requests and every command) for one
name, ``spacy.info``. That is a third of its import time, 0.35 s of 1.0 s here, and a run never uses
it. So the first import of spaCy in the process goes through :func:`import_spacy`: while spaCy's
``__init__`` runs, ``spacy.cli.info`` is a stand-in module whose ``info`` imports the real one when
it is called. The stand-in is taken out of ``sys.modules`` as soon as spaCy is imported, so that a
later ``import spacy.cli`` imports the real command line. When spaCy was imported already, nothing
is done (``tests/test_spacy_core.py``).

Modules of this package import spaCy as ``from .spacy_core import spacy``, before any
``from spacy… import``.
"""

from __future__ import annotations

import sys
import types
from importlib import import_module

_INFO = "spacy.cli.info"


def _info(*args, **kwargs):
    """``spacy.info``: the real one, imported when it is first called."""
    return import_module(_INFO).info(*args, **kwargs)


def import_spacy() -> types.ModuleType:
    if "spacy" in sys.modules or _INFO in sys.modules:
        return import_module("spacy")
    stand_in = types.ModuleType(_INFO, "Stands for spacy.cli.info while spaCy is imported.")
    stand_in.info = _info
    sys.modules[_INFO] = stand_in
    try:
        return import_module("spacy")
    finally:
        if sys.modules.get(_INFO) is stand_in:
            del sys.modules[_INFO]


spacy = import_spacy()
