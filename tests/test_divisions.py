"""The administrative divisions come from the installed data package, parsed once and cached."""

from __future__ import annotations

import subprocess
import sys

from pipeline.divisions import divisions
from pipeline.places import places


def test_every_level_is_there():
    levels = {}
    for row in divisions():
        levels[row.level] = levels.get(row.level, 0) + 1
    assert levels["province"] >= 31 and levels["city"] >= 300
    assert levels["county"] >= 2800 and levels["township"] >= 35000


def test_autonomous_divisions_are_found_by_the_names_letters_use():
    p = places()
    assert p.place("甘南州").name == "甘南藏族自治州"
    assert p.place("寻甸县").name == "寻甸回族彝族自治县"
    assert p.place("镇康县").parent == "临沧市"


def test_two_character_counties_only_where_a_place_can_begin():
    p = places()
    assert p.name_ending_at("由和县", 3) == "和县"
    assert p.name_ending_at("各镇和县", 4) is None  # 和 is a conjunction here
    assert not any(True for _ in p.find_places("提高县级医院能力"))


def test_a_cache_that_cannot_be_written_is_no_error(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("")  # a file where the cache folder would be
    code = "from pipeline.divisions import divisions; print(len(divisions()))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={"XDG_CACHE_HOME": str(blocked), "PATH": ""}, check=True)
    assert int(out.stdout) == len(divisions())


def test_the_cache_is_written_and_read(tmp_path):
    code = "from pipeline.divisions import divisions; print(len(divisions()))"
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env={"XDG_CACHE_HOME": str(tmp_path), "PATH": ""}, check=True) for _ in range(2)]
    assert runs[0].stdout == runs[1].stdout
    assert list((tmp_path / "govreply").glob("divisions-*.marshal"))
