"""The example questions of ``schemas/questions.sql``: ``name -> SQL``, in file order."""

from __future__ import annotations

import re
from . import read_sql


def questions() -> dict[str, str]:
    text = read_sql("questions.sql")
    found = {}
    for block in re.split(r"^-- name: ", text, flags=re.M)[1:]:
        name, _, body = block.partition("\n")
        sql = "\n".join(line for line in body.splitlines() if not line.startswith("--")).strip()
        found[name.strip()] = sql.rstrip(";")
    return found
