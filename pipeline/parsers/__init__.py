"""Pure parsers: ``str -> value | None``, no spaCy, no I/O. Each has table tests."""
