"""LongestMatcher: the leftmost-longest matches of many keys, checked against a brute-force search."""

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.matching import LongestMatcher
from pipeline.places import places

KEYS = ["金华市", "金华", "华市", "市经信局", "经信局", "金华市经信局", "浙江省", "江省", "县", "义乌市"]


def brute_force(keys: dict[str, object], text: str) -> list[tuple[int, int, object]]:
    """At each place from the left, the longest key starting there; then on after its end."""
    found, i = [], 0
    while i < len(text):
        size = max((len(k) for k in keys if text.startswith(k, i)), default=0)
        if size:
            found.append((i, i + size, keys[text[i:i + size]]))
            i += size
        else:
            i += 1
    return found


def test_leftmost_then_longest():
    matcher = LongestMatcher((k, k) for k in KEYS)
    assert matcher.find("请金华市经信局和义乌市") == (
        (1, 7, "金华市经信局"), (8, 11, "义乌市"))
    # the leftmost start wins over a longer key starting later: 浙江省 then 经信局, not 江省…
    assert matcher.find("浙江省经信局") == ((0, 3, "浙江省"), (3, 6, "经信局"))
    assert matcher.find("") == () and matcher.find("没有") == ()


def test_last_value_of_a_key_added_twice():
    assert LongestMatcher([("经信局", 1), ("经信局", 2)]).find("市经信局") == ((1, 4, 2),)
    assert len(LongestMatcher([])) == 0 and LongestMatcher([]).find("金华") == ()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(KEYS + list("金华市县经信局浙江省义乌的和")), max_size=25))
def test_same_as_brute_force(pieces):
    text = "".join(pieces)
    keys = {k: k for k in KEYS}
    assert list(LongestMatcher(keys.items()).find(text)) == brute_force(keys, text)


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_place_names_as_brute_force(data):
    """The real place list (3,000 names, many sharing their ends), in texts made of them."""
    names = sorted(k for k in places().by_name if len(k) >= 3)
    pieces = data.draw(st.lists(st.one_of(st.sampled_from(names), st.sampled_from(list("市县区的和省州"))),
                                max_size=12))
    text = "".join(pieces)
    keys = {k: k for k in names}
    assert [hit[:2] for hit in places().hits(text)] == [hit[:2] for hit in brute_force(keys, text)]
