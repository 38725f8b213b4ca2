"""The example questions of ``schemas/questions.sql``: ``name -> SQL``, in file order."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

QUESTIONS_FILE = Path(__file__).resolve().parents[2] / "schemas" / "questions.sql"


def questions() -> dict[str, str]:
    text = (QUESTIONS_FILE.read_text(encoding="utf-8") if QUESTIONS_FILE.exists()
            else resources.files("pipeline.store").joinpath("questions.sql").read_text(encoding="utf-8"))
    found = {}
    for block in re.split(r"^-- name: ", text, flags=re.M)[1:]:
        name, _, body = block.partition("\n")
        sql = "\n".join(line for line in body.splitlines() if not line.startswith("--")).strip()
        found[name.strip()] = sql.rstrip(";")
    return found
