"""China's administrative divisions as data, from a well-kept package: JioNLP's ``china_location``.

JioNLP (Apache-2.0) ships ``jionlp/dictionary/china_location.zip``: a tab-indented tree province →
city → county → township → village with adcodes and short names for the upper three levels. The
file is read straight from the installed package, without importing ``jionlp`` (its import prints a
banner and unpacks files). Villages are not read. Rows the package lacks (divisions newer than its
data) are added from ``rules/places_extra.tsv``.

Parsing the 12 MB tree takes about 0.3 s, so the rows are kept in the user's cache folder
(:mod:`pipeline.usercache`), keyed by the package file's content.
"""

from __future__ import annotations

import io
import zipfile
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import NamedTuple

from .rules import load_table
from .usercache import derived

LEVELS = ("province", "city", "county", "township")
# nodes that stand for no place: their children hang on the node above
_PSEUDO = ("省直辖行政区划", "市直辖行政区划", "自治区直辖县级行政区划")
# provinces whose lower levels the letters of mainland portals never mean
_SKIP_BELOW = ("台湾省", "香港", "澳门", "香港特别行政区", "澳门特别行政区")
# the names a township-level row must end with to be read (not 开发区, 农场, 管委会 …)
TOWNSHIP_ENDS = ("镇", "乡", "街道", "苏木")
_FORMAT = 1  # bump when the row layout changes: old caches are then ignored


class Division(NamedTuple):
    name: str
    level: str  # province | city | county | township
    parent: str | None  # the name of the division above (a township's county)
    short: str  # 金华 of 金华市, 甘南 of 甘南藏族自治州; "" for townships
    grandparent: str | None = None  # the division two levels up (a township's city)


class DivisionDataMissing(RuntimeError):
    """The division data package is not installed."""


def source_file() -> Path:
    spec = find_spec("jionlp")  # finds the package without running its __init__
    if spec is None or not spec.submodule_search_locations:
        raise DivisionDataMissing("the administrative-division data comes from the jionlp package: "
                                  "pip install jionlp==1.5.31 (see pyproject.toml)")
    return Path(next(iter(spec.submodule_search_locations))) / "dictionary" / "china_location.zip"


def parse_tree(text: str) -> list[Division]:
    """The rows of a ``china_location`` tree down to townships (villages, four tabs deep, skipped).

    >>> rows = parse_tree("浙江省\\t330000\\t浙江\\n\\t金华市\\t330700\\t金华\\n\\t\\t浦江县\\t330726\\t浦江\\n"
    ...                   "\\t\\t\\t黄宅镇\\n\\t\\t\\t\\t某村\\n")
    >>> [(r.name, r.level, r.parent, r.short) for r in rows]
    [('浙江省', 'province', None, '浙江'), ('金华市', 'city', '浙江省', '金华'), ('浦江县', 'county', '金华市', '浦江'), ('黄宅镇', 'township', '浦江县', '')]
    >>> parse_tree("北京市\\t110000\\t北京\\n\\t北京市\\t110000\\t北京\\n\\t\\t丰台区\\t110106\\t丰台\\n")[1]
    Division(name='丰台区', level='county', parent='北京市', short='丰台', grandparent=None)
    """
    rows: list[Division] = []
    path: list[str | None] = [None] * 4  # the names above, by depth; None for a pseudo node
    skipping = False
    for line in text.splitlines():
        if not line.strip() or line.startswith("\t\t\t\t"):
            continue
        depth = len(line) - len(line.lstrip("\t"))
        cells = [cell.strip() for cell in line[depth:].split("\t")]
        name = cells[0]
        if depth == 0:
            skipping = name in _SKIP_BELOW
        elif skipping:
            continue
        parents = [p for p in path[:depth] if p is not None]
        path[depth] = None if name in _PSEUDO else name
        for deeper in range(depth + 1, 4):
            path[deeper] = None
        if name in _PSEUDO:
            continue
        parent = parents[-1] if parents else None
        if depth == 1 and name == parent:
            path[depth] = None  # a municipality's city level repeats the province (北京市 / 北京市)
            continue
        if depth == 3 and (not name.endswith(TOWNSHIP_ENDS) or len(name) < 3):
            continue
        short = cells[2] if len(cells) > 2 and depth < 3 else ""
        grandparent = parents[-2] if len(parents) >= 2 else None
        rows.append(Division(name, LEVELS[depth], parent, short, grandparent))
    return rows


def _read_source(source: Path) -> list[Division]:
    with zipfile.ZipFile(source) as outer:
        member = next(n for n in outer.namelist() if n.endswith(".txt"))
        text = io.TextIOWrapper(outer.open(member), encoding="utf-8").read()
    return parse_tree(text)


@lru_cache(maxsize=1)
def divisions() -> tuple[Division, ...]:
    """Every province, city, county and township (package data, then ``rules/places_extra.tsv``)."""
    source = source_file()
    rows = [Division(*row) for row in
            derived("divisions", _FORMAT, source, lambda: [tuple(row) for row in _read_source(source)])]
    extra = [Division(row[0], row[1], row[2] or None, row[3] if len(row) > 3 else "")
             for row in load_table("places_extra.tsv")]
    return tuple(rows) + tuple(extra)
