"""Words where they matter (pipeline/words.py): segmenting only what the rules ask about gives the
words, and the records, of segmenting the whole letter."""

import random
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.components import orgs
from pipeline.components.targets import quantity_pattern
from pipeline.normalize import normalize
from pipeline.words import GUARD, Guide, Words, segmenter_for

from .conftest import CORPUS

TEXTS = {path.name: normalize(path.read_text(encoding="utf-8")).text for path in sorted(CORPUS.glob("*.txt"))}


@pytest.fixture(scope="module")
def jieba_words():
    segmenter = segmenter_for("jieba")
    guide = Guide(quantity_pattern())
    return lambda text: Words(text, segmenter, guide), segmenter


def _whole_pieces(text, guide, segmenter):
    """The reference: each piece between guard points given to jieba whole, as the old tokenizer did."""
    tokenizer = segmenter.dictionary
    bounds = guide.points(text)
    words, at = [], 0
    for lo, hi in zip(bounds, bounds[1:]):
        piece = text[lo:hi]
        for word in ([piece] if GUARD.fullmatch(piece) else [w for w in tokenizer.cut(piece) if w]):
            words.append((at, word))
            at += len(word)
    return words


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_words_unit_by_unit_are_the_words_of_the_whole_text(jieba_words, name):
    make, segmenter = jieba_words
    text = TEXTS[name]
    words = make(text)
    assert [(w.idx, w.text) for w in words.all()] == _whole_pieces(text, words._guide, segmenter)


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


_PIECES = ["市", "区", "县", "金华市", "浙江省", "和", "与", "就业", "人才服务中心", "经信局", "财政局", "研究所",
           "有限公司", "关于", "联合", "出台", "·", "、", "，", " ", "\n", "2023年", "50万元", "古建筑", "委员会"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_PIECES), max_size=25))
def test_the_walk_back_needs_no_words_before_its_run(jieba_words, monkeypatch, pieces):
    """The suffix rule reads the words of the name-character run before a suffix only: with every
    word before the suffix visible it finds the same names."""
    make, _ = jieba_words
    text = "".join(pieces)
    finder = orgs.OrgFinder()
    windowed = list(finder._by_suffix(make(text), text))
    with monkeypatch.context() as patched:
        patched.setattr(orgs, "_NAME_RUN", re.compile(r"(?s).+"))  # one run: the whole text
        whole = list(finder._by_suffix(make(text), text))
    assert windowed == whole


def test_the_walk_back_on_the_corpus_needs_no_words_before_its_run(jieba_words, monkeypatch):
    make, _ = jieba_words
    finder = orgs.OrgFinder()
    for name, text in TEXTS.items():
        windowed = list(finder._by_suffix(make(text), text))
        with monkeypatch.context() as patched:
            patched.setattr(orgs, "_NAME_RUN", re.compile(r"(?s).+"))
            assert list(finder._by_suffix(make(text), text)) == windowed, name


def test_records_are_the_same_with_words_as_the_docs_tokens(pipeline):
    """Characters as the Doc's tokens (the default) or the segmenter's words: the same records."""
    from pipeline.api import Pipeline
    from pipeline.read import read_file

    by_words = Pipeline(doc_tokens="words")
    for path in sorted(CORPUS.glob("*.txt")):
        document = read_file(path, display_path=path.name)
        assert pipeline.process(document) == by_words.process(document), path.name


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
