"""govreply: Chinese government reply letters (答复函) to validated records.

Nothing runs at import time: the heavy parts (spaCy, jieba) load when a
pipeline is first built.
"""

__version__ = "0.2.0"
SCHEMA_VERSION = "1.2"

__all__ = ["__version__", "SCHEMA_VERSION", "parse_text", "parse_file", "Pipeline"]


def __getattr__(name):  # PEP 562: keep `import pipeline` cheap
    if name in ("parse_text", "parse_file", "Pipeline"):
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
