"""The base types of the record contract: a strict pydantic model, exact amounts, and entity values.

Each entity type's value model is defined once, where it is parsed (``parsers/money.py``,
``parsers/dates.py``) or found (``extract/<type>.py``), on :class:`Value`; ``models.py`` puts them
into the record.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Union

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer
from pydantic.json_schema import SkipJsonSchema


def json_number(value: Decimal) -> int | float:
    """Exact decimals in Python, plain JSON numbers on the wire (integers stay integers); the
    ``default`` of a JSON encoder (anything else is refused)."""
    if not isinstance(value, Decimal):
        raise TypeError(f"{type(value).__name__} is not JSON serializable")
    return int(value) if value == value.to_integral_value() else float(value)


Amount = Annotated[Decimal, PlainSerializer(json_number, return_type=Union[int, float], when_used="json")]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class Value(Model):
    """An entity's normalized value. ``flags`` are odd things noticed while parsing it
    (``invalid_day``, ``implausible_amount`` …): they go to the entity's ``flags``, and are no
    part of the value's JSON."""

    flags: SkipJsonSchema[list[str]] = Field(default_factory=list, exclude=True, repr=False)
