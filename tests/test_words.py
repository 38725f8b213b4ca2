"""Words where they matter (pipeline/words.py): segmenting only what the rules ask about gives the
words, and the records, of segmenting the whole letter."""

import math
import random
import re

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.extract.targets import quantity_pattern
from pipeline.normalize import normalize
from pipeline.words import Guide, Words, as_jieba_cuts, segmenter_for

from .conftest import CORPUS

TEXTS = {path.name: normalize(path.read_text(encoding="utf-8")) for path in sorted(CORPUS.glob("*.txt"))}


@pytest.fixture(scope="module")
def jieba_words():
    segmenter = segmenter_for("jieba")
    guide = Guide(quantity_pattern())
    return lambda text: Words(text, segmenter, guide), segmenter


@pytest.fixture(scope="module")
def jieba_only_words():
    """Units cut by jieba itself, as the whole-text reference is: the property below is then exact.
    (rjieba's cuts are jieba's up to ties in probability, tested apart below.)"""
    segmenter = segmenter_for("jieba")
    segmenter._fast = None
    guide = Guide(quantity_pattern())
    return lambda text: Words(text, segmenter, guide), segmenter


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_words_unit_by_unit_are_the_words_of_the_whole_text(jieba_words, name):
    make, segmenter = jieba_words
    text = TEXTS[name]
    whole = Words(text, segmenter, Guide(quantity_pattern()), whole=True)  # each guarded piece to jieba.cut
    assert make(text).all() == whole.all()


def test_windows_asked_in_any_order_give_the_same_words(jieba_words):
    make, _ = jieba_words
    rng = random.Random(7)
    for text in list(TEXTS.values())[:10]:
        full = make(text).all()
        lazy = make(text)
        for _ in range(40):
            start = rng.randrange(len(text))
            end = min(len(text), start + rng.randrange(1, 60))
            assert lazy.tokens(start, end) == [w for w in full if w.idx < end and w.end > start]


_PIECES = ["市", "区", "金华市", "浙江省", "和", "与", "就业", "人才服务中心", "经信局", "研究所", "有限公司", "关于",
           "联合", "·", "、", "，", "。", " ", "  ", "\n", "\r\n", "\u3000", "2023年", "7月11日", "50万元", "3.5%",
           "ABC", "-", "_", "二〇一九年", "2000家以上", "委员会", "发展", "𠀋", "é"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_PIECES), max_size=30), st.data())
def test_any_text_unit_by_unit_and_read_backwards(jieba_only_words, pieces, data):
    make, segmenter = jieba_only_words
    text = "".join(pieces)
    whole = Words(text, segmenter, Guide(quantity_pattern()), whole=True).all()
    assert make(text).all() == whole
    if text:
        end = data.draw(st.integers(1, len(text)))
        back, expected = make(text).backwards(end), [w for w in whole if w.idx < end][::-1]
        assert [back[k] for k in range(len(expected) + 1)] == expected + [None]


def test_records_are_the_same_with_words_as_the_docs_tokens(pipeline):
    """Characters as the Doc's tokens (the default) or the segmenter's words: the same records."""
    from pipeline.api import Pipeline
    from pipeline.read import read_file

    by_words = Pipeline(doc_tokens="words")
    for path in sorted(CORPUS.glob("*.txt")):
        document = read_file(path, display_path=path.name)
        assert pipeline.process(document) == by_words.process(document), path.name


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from(list("金华市经信局 \n\t,。2023年𠀀é🙂\u3000")), max_size=40))
def test_a_doc_of_characters_made_from_their_orths(pipeline, text):
    """The tokenizer hands spaCy each character's orth: the tokens are the characters, their
    lexemes the vocabulary's, and the text is the text, for characters seen before or not."""
    doc = pipeline.nlp.make_doc(text)
    assert [t.text for t in doc] == list(text) and doc.text == text
    assert all(t.orth == pipeline.nlp.vocab[ch].orth for t, ch in zip(doc, text))
    assert not any(t.whitespace_ for t in doc)


def test_entity_edges_fall_on_word_edges():
    """The guard keeps entities whole: with words as the Doc's tokens no span needed widening."""
    from pipeline.nlp import build_nlp

    nlp = build_nlp(doc_tokens="words")
    for name, text in TEXTS.items():
        doc = nlp(text)
        assert [s.text for key in doc.spans for s in doc.spans[key] if s._.exact] == [], name


def test_a_trained_pkuseg_model_segments_the_words(tmp_path):
    """spacy-pkuseg ships no model: a tiny one trained here is used, with the gazetteer's names whole."""
    import spacy_pkuseg

    from pipeline.api import Pipeline
    from pipeline.read import read_file

    lines = ["市 经信局 联合 市 财政局 开展 工作", "感谢 您 对 我们 工作 的 关心 和 支持", "现 答复 如下"] * 10
    (tmp_path / "train.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    spacy_pkuseg.train(str(tmp_path / "train.txt"), str(tmp_path / "train.txt"), str(tmp_path / "model"),
                       train_iter=2)
    segmenter = segmenter_for("pkuseg", str(tmp_path / "model"))
    # trained on 市|财政局, the gazetteer's 市财政局 is one word
    assert segmenter.cut("金华市经济和信息化局联合市财政局开展工作")[-3:] == ["市财政局", "开展", "工作"]
    path = sorted(CORPUS.glob("*.txt"))[0]
    record = Pipeline(segmenter="pkuseg", pkuseg_model=str(tmp_path / "model")).process(read_file(path, path.name))
    assert any(e.type == "org" for e in record.entities)



def test_jieba_is_given_the_table_its_own_initialisation_builds():
    """The table is jieba's own, read from the file jieba reads, found without importing jieba."""
    import jieba

    from pipeline.words import JIEBA_HAN, jieba_dictionary, jieba_prefix_table

    tokenizer = jieba.Tokenizer()
    assert jieba_prefix_table() == tokenizer.gen_pfdict(tokenizer.get_dict_file())
    assert jieba_dictionary() == Path(jieba.__file__).with_name("dict.txt")
    assert (JIEBA_HAN.pattern, JIEBA_HAN.flags) == (jieba.re_han_default.pattern, jieba.re_han_default.flags)


def _fresh(code: str) -> str:
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()


def test_rjieba_is_used_without_its_default_instance():
    """rjieba's package builds a dictionary of its own on import; the segmenter takes the class from
    the extension module, and a later ``import rjieba`` still works, with the same class."""
    pytest.importorskip("rjieba")
    assert _fresh("import sys\n"
                  "from pipeline.words import JiebaSegmenter\n"
                  "seg = JiebaSegmenter(['市经信局'])\n"
                  "assert seg._fast is not None and 'rjieba' not in sys.modules\n"
                  "print(seg.cut('市经信局会同财政局'))\n"
                  "import rjieba\n"
                  "print(type(seg._fast) is rjieba.Jieba, rjieba.cut('会同财政局'))"
                  ) == "['市经信局', '会同', '财政局']\nTrue ['会同', '财政局']"


def test_rjieba_imported_first_is_used_as_it_is():
    pytest.importorskip("rjieba")
    assert _fresh("import rjieba\n"
                  "from pipeline.words import JiebaSegmenter\n"
                  "print(type(JiebaSegmenter(['市经信局'])._fast) is rjieba.Jieba)") == "True"


def test_jieba_itself_is_loaded_only_when_a_unit_needs_it(monkeypatch):
    pytest.importorskip("rjieba")
    from pipeline import words

    segmenter = words.JiebaSegmenter(["市经信局"])
    assert segmenter._tokenizer is None
    assert segmenter.cut("市经信局会同财政局")[:2] == ["市经信局", "会同"]
    assert segmenter._tokenizer is None  # rjieba cut it
    segmenter.cut("学习C#语言")
    assert segmenter._tokenizer is not None  # a unit with # is jieba's own


def test_the_jieba_tables_are_derived_once_and_read_back_the_same(tmp_path, monkeypatch):
    from pipeline.words import _JIEBA_LAYOUT, WordTags, _read_jieba_tags, jieba_dictionary

    from pipeline.usercache import cache_file, derived

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    source = jieba_dictionary()
    built = derived("jieba-tags", _JIEBA_LAYOUT, source, _read_jieba_tags)  # derived and written
    assert cache_file("jieba-tags", _JIEBA_LAYOUT, source).exists()
    read_back = derived("jieba-tags", _JIEBA_LAYOUT, source, lambda: pytest.fail("the cache was not read"))
    assert read_back == built and WordTags(read_back)["了解"].startswith("v")


def test_the_tags_read_as_asked_for_are_the_dictionarys():
    from pipeline.words import _jieba_rows, jieba_tags

    words, _, tag_list = _jieba_rows()
    expected = {word: tag for word, tag in zip(words, tag_list) if tag}  # (a word listed twice: its last tag)
    tags = jieba_tags()
    assert all(tags.get(word) == tag for word, tag in expected.items())
    assert "了解" in tags and tags.get("了解了解") is None and "了解了解" not in tags
    assert tags.get("", "n") == "n" and "" not in tags and tags.get("\t", "n") == "n"
    with pytest.raises(KeyError):
        tags["了解了解"]


def test_a_new_cache_file_replaces_the_old_ones(tmp_path, monkeypatch):
    from pipeline.usercache import cache_file, derived

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    source = tmp_path / "src.txt"
    source.write_text("one")
    derived("thing", 1, source, lambda: [1])
    first = cache_file("thing", 1, source)
    source.write_text("a new release")  # another size: another key
    assert derived("thing", 1, source, lambda: [2]) == [2]
    files = sorted((tmp_path / "cache" / "govreply").glob("thing-*.marshal"))
    assert files == [cache_file("thing", 1, source)] and first not in files


def test_a_read_only_cache_folder_is_no_error(tmp_path, monkeypatch):
    from pipeline.usercache import derived

    (tmp_path / "ro").mkdir()
    (tmp_path / "ro").chmod(0o500)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "ro" / "sub"))
    source = tmp_path / "src.txt"
    source.write_text("x")
    assert derived("thing", 1, source, lambda: {"a": 1}) == {"a": 1}


def test_a_trained_pkuseg_model_gives_the_same_words_unit_by_unit_and_whole(tmp_path):
    import spacy_pkuseg

    lines = ["市 经信局 联合 市 财政局 开展 工作", "现 答复 如下"] * 10
    (tmp_path / "train.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    spacy_pkuseg.train(str(tmp_path / "train.txt"), str(tmp_path / "train.txt"), str(tmp_path / "model"),
                       train_iter=1)
    segmenter = segmenter_for("pkuseg", str(tmp_path / "model"))
    guide = Guide(quantity_pattern())
    for text in list(TEXTS.values())[:5]:
        assert Words(text, segmenter, guide).all() == Words(text, segmenter, guide, whole=True).all()


# -- rjieba, the fast path: jieba's words, faster ----------------------------------------------------
def _units_of(texts):
    seg = segmenter_for("jieba")
    return seg, [u for text in texts for line in normalize(text).split("\n") for u in seg.units(line)
                 if seg._units.match(u)]


def _generated(n: int, seed: int = 7) -> list[str]:
    """Sentences made of the corpus's clauses in a new order, with numbers, dates, shares and
    amounts written as letters write them put between."""
    rnd = random.Random(seed)
    clauses = [c for p in sorted(CORPUS.glob("*.txt")) for c in re.split(r"[，,。；;：:\n]", p.read_text(encoding="utf-8"))
               if len(c) > 4]
    extras = ["2024-05-20", "82%", "1.35亿元", "0571-87052316", "10-20万元", "3.5", "A级", "5G", "95%以上", "第12号"]
    return ["".join(rnd.choice(clauses) + rnd.choice(extras) for _ in range(4)) for _ in range(n)]


def test_rjieba_knows_every_word_of_jiebas_dictionary():
    rjieba = pytest.importorskip("rjieba")
    from pipeline.words import jieba_prefix_table

    fast = rjieba.Jieba()
    words = [w for w, f in jieba_prefix_table()[0].items() if f > 0]
    assert len(words) > 300_000 and all(fast.has_word(w) for w in words)


@pytest.mark.parametrize("source", ["corpus", "generated", "seed"])
def test_the_fast_path_cuts_as_jieba_does(source, request):
    pytest.importorskip("rjieba")
    if source == "corpus":
        texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    elif source == "generated":
        texts = _generated(400)
    else:
        texts = [request.getfixturevalue("seed_text")]
    seg, units = _units_of(texts)
    assert seg._fast is not None and len(units) > 50
    differ = [u for u in units if seg.cut(u) != [w for w in seg.tokenizer.cut(u) if w]]
    assert differ == []


def _same_or_tie(seg, unit: str) -> bool:
    """Whether rjieba cuts ``unit`` as jieba does, or the two differ only where a choice is a tie
    of probabilities, which the two break by rounding differently:

    * their best routes through the dictionary: the same number of words and the same sum of
      log-frequencies (区区|区 against 区|区区); the HMM then joins the single characters left over
      differently (区市|市 against 市市);
    * on one route, the HMM's best tags for a run of single characters: the same score under
      jieba's model (业发发|发业 against 业发|发发业: B M E B E and B E B M E)."""
    fast_words, slow_words = seg.cut(unit), [w for w in seg.tokenizer.cut(unit) if w]
    if fast_words == slow_words:
        return True
    fast = as_jieba_cuts(seg._fast.cut(unit, False))
    slow = [w for w in seg.tokenizer.cut(unit, HMM=False) if w]
    if fast == slow:
        return _hmm_tie(unit, slow, fast_words, slow_words)
    freq = seg.tokenizer.FREQ
    return len(fast) == len(slow) and math.isclose(
        math.fsum(math.log(freq.get(w) or 1) for w in fast), math.fsum(math.log(freq.get(w) or 1) for w in slow),
        rel_tol=0, abs_tol=1e-9)


def _hmm_tie(unit: str, route: list[str], fast: list[str], slow: list[str]) -> bool:
    """On the same ``route``, whether ``fast`` and ``slow`` differ only inside runs of single
    Chinese characters (what jieba gives its HMM), each cut into words of equal score."""
    from jieba.finalseg.prob_emit import P as emit
    from jieba.finalseg.prob_start import P as start
    from jieba.finalseg.prob_trans import P as trans

    def edges(words):
        out, at = set(), 0
        for word in words:
            at += len(word)
            out.add(at)
        return out

    def score(run: str, cuts: set[int]) -> float:  # the HMM's log-probability of the run so cut
        tags = []
        for k in range(len(run)):
            begins, ends = k == 0 or k in cuts, k + 1 in cuts or k + 1 == len(run)
            tags.append("S" if begins and ends else "B" if begins else "E" if ends else "M")
        total = start[tags[0]] + emit[tags[0]].get(run[0], -3.14e100)
        for k in range(1, len(run)):
            total += trans[tags[k - 1]].get(tags[k], -3.14e100) + emit[tags[k]].get(run[k], -3.14e100)
        return total

    fast_edges, slow_edges, at = edges(fast), edges(slow), 0
    runs, run_start = [], None
    for word in route + [""]:  # the runs of single characters, as (start, end)
        if len(word) == 1 and run_start is None:
            run_start = at
        elif len(word) != 1 and run_start is not None:
            runs.append((run_start, at))
            run_start = None
        at += len(word)
    outside = set(range(len(unit) + 1)) - {k for lo, hi in runs for k in range(lo + 1, hi)}
    if fast_edges & outside != slow_edges & outside:
        return False
    for lo, hi in runs:
        mine = {k - lo for k in fast_edges if lo < k < hi}
        theirs = {k - lo for k in slow_edges if lo < k < hi}
        if mine != theirs and not (_HAN_RUN.fullmatch(unit[lo:hi]) and math.isclose(
                score(unit[lo:hi], mine), score(unit[lo:hi], theirs), rel_tol=0, abs_tol=1e-9)):
            return False
    return True


_HAN_RUN = re.compile(r"[\u4e00-\u9fd5]+")


@pytest.fixture(scope="module")
def fast_segmenter():
    pytest.importorskip("rjieba")
    return segmenter_for("jieba")


def test_a_tie_is_the_one_way_the_fast_path_may_differ(fast_segmenter):
    seg = fast_segmenter
    assert _same_or_tie(seg, "区区区市市")  # whichever way either breaks the tie of routes
    assert _same_or_tie(seg, "中区业发发发业")  # … or the HMM's tie of tags
    assert not _same_or_tie(_Skewed(seg), "区区区市市")
    assert not _same_or_tie(_Skewed(seg), "中区业发发发业")


def test_the_hmm_tie_check_tells_a_tie_from_a_different_cut():
    route = ["中区", "业", "发", "发", "发", "业"]
    assert _hmm_tie("中区业发发发业", route, ["中区", "业发", "发发业"], ["中区", "业发发", "发业"])  # equal scores
    assert not _hmm_tie("中区业发发发业", route, ["中区", "业", "发发发业"], ["中区", "业发发", "发业"])
    assert not _hmm_tie("中区业发发发业", route, ["中", "区业发发", "发业"], ["中区", "业发发", "发业"])  # off the runs


class _Skewed:
    """A segmenter whose fast path cuts a unit wrongly: the tie check must not excuse it."""

    def __init__(self, seg):
        self._seg, self.tokenizer = seg, seg.tokenizer
        self._fast = type("Fast", (), {"cut": staticmethod(lambda unit, hmm: list(unit))})()

    def cut(self, unit):
        return list(unit)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from(list("区市县省镇中心服务人才就业发展和与局")), min_size=1, max_size=12))
def test_the_fast_path_differs_from_jieba_only_on_ties(fast_segmenter, unit):
    assert _same_or_tie(fast_segmenter, unit)


def test_without_rjieba_jieba_cuts(monkeypatch):
    import pipeline.words as words

    monkeypatch.setattr(words, "_rjieba", lambda user_words: None)
    seg = words.JiebaSegmenter(["市经信局"])
    assert seg._fast is None and seg.cut("市经信局2024-05-20发文") == ["市经信局", "2024", "-", "05", "-", "20", "发文"]
