"""Targets: planned quantitative goals -> ``doc.spans["target"]`` and the ``targets`` table.

A target is a quantity (a number with a count unit, a percentage, or money)
in a sentence that states a plan: a cue such as 力争 / 目标 / 到2025年 / 不低于,
and no result cue (已, 的基础上, 2022年…, 截至). Its value: the metric (what is
counted, 创新型中小企业), amount and unit (scaled units expanded: 1.2万亩 ->
12000 亩), comparator (>=, <=, >, ~, =) and deadline (from 到2025年, 年底前 …).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Literal

from pydantic import Field

from ..parsers.deadline import DEADLINE_LEAD, deadline_of
from ..parsers.numerals import exact, parse_number, scale_factor
from ..rules import load_patterns, load_table
from ..values import Amount, Value
from .base import Extractor, dec

_SENTENCE = re.compile(r"[^。;；!！?？\n]+")
_CLAUSE_BREAKS = (",", "，", ":", "：", "、")
_PLAN_HINT = re.compile(r"(?:到|至)\s*(?:\d{4}|[〇一二三四五六七八九十]{4})\s*年|以上|以内")


class TargetValue(Value):
    metric: str = Field(description="What is counted")
    amount: Amount = Field(description="Amount in the base unit (万 and 亿 expanded)")
    unit: str = Field(description="Unit: 家, 个, %, 元, 亩 …")
    comparator: Literal[">=", "<=", ">", "<", "=", "~"] = Field(description="以上 -> >=, 以内 -> <=, …")
    deadline: str | None = Field(None, description="Year or date the target is due")
    period: str | None = Field(None, description="A relative period, e.g. 今后三年 -> 2023/2025")


@lru_cache(maxsize=1)
def quantity_alternatives() -> str:
    """The quantity pattern (a number and a count unit from ``rules/target_units.txt``)."""
    units = sorted(load_patterns("target_units.txt"), key=len, reverse=True)
    unit_re = "|".join(map(re.escape, units))
    return rf"""(?<![\d.第])(?P<num>\d+(?:,\d{{3}})*(?:\.\d+)?|[一二两三四五六七八九十百千万]{{2,}}|[三四五六七八九十](?=[座所个处条项家台辆套]))
        \s*(?P<approx>余|多)?(?P<scale>万|亿|千)?(?P<unit>%|{unit_re})
        (?P<after>以上|及以上|以内|以下|左右)?"""


#: a quantity starts with its number: the scan skips every other character at once
QUANTITY_FIRST = "[\\d一二两三四五六七八九十百千万]"


@lru_cache(maxsize=1)
def _rules():
    quantity = re.compile(rf"(?={QUANTITY_FIRST})(?:{quantity_alternatives()})", re.VERBOSE)
    cues = {}
    for cue, kind in load_table("target_cues.tsv"):
        cues.setdefault(kind, []).append(cue)
    comparators = {(w, where): c for w, c, where in load_table("target_comparators.tsv")}
    verbs = sorted(load_patterns("target_verbs.txt"), key=len, reverse=True)
    return quantity, cues, comparators, verbs


@lru_cache(maxsize=1)
def _plan_cue() -> re.Pattern:
    """Any strong or weak plan cue (a sentence without one, or a hint, holds no target)."""
    cues = _rules()[1]
    return re.compile("|".join(map(re.escape, cues["strong"] + cues["weak"])))


def quantity_pattern() -> re.Pattern:
    """A number with a count unit or %: 2000家以上, 1.2万亩, 90%."""
    return _rules()[0]


class Targets(Extractor):
    key, label, Value = "target", "TARGET", TargetValue
    table, columns = "targets", ("metric", "amount", "unit", "comparator", "deadline", "deadline_year", "period")

    def find(self, text, ctx):
        quantity = _rules()[0]
        all_dates, all_money = ctx.found("date"), ctx.found("money")  # each in text order
        date_starts, money_starts = [d[0] for d in all_dates], [m[0] for m in all_money]
        for found in _SENTENCE.finditer(text):
            s_start, s_end, s_text = found.start(), found.end(), found.group(0)
            if not (_PLAN_HINT.search(s_text) or _plan_cue().search(s_text)):
                continue
            # the dates and amounts starting in this sentence
            dates = all_dates[bisect_left(date_starts, s_start):bisect_left(date_starts, s_end)]
            money = all_money[bisect_left(money_starts, s_start):bisect_left(money_starts, s_end)]
            sentence = _Sentence(s_text, _mask_titles(s_text), s_start, dates, ctx.ref_date)
            items = []
            for m in quantity.finditer(s_text):
                if m["num"][0] in "一两" and len(m["num"]) < 2:
                    continue
                items.append((m.start(), m.end(), m))
            for start, end, value in money:
                if end <= s_end and value.amount is not None:
                    items.append((start - s_start, end - s_start, value))
            for lo, hi, what in sorted(items, key=lambda x: x[0]):
                target = _target(sentence, lo, hi, what)
                if target is not None:
                    t_start, value = target
                    start, end = s_start + t_start, s_start + hi
                    # the metric's first word decides where the span starts: snap to a word edge
                    yield _word_start(ctx.words, start, end), end, value

    def row(self, value):
        deadline = value.get("deadline")
        return (value["metric"], dec(value["amount"]), value["unit"], value["comparator"], deadline,
                int(deadline[:4]) if deadline and deadline[:4].isdigit() else None, value.get("period"))



@dataclass(frozen=True)
class _Sentence:
    """A sentence that may hold targets: its text, the same with 《titles》 blanked (words in a
    title are no cues), where it starts, the dates starting in it, and the letter's date."""

    text: str
    masked: str
    start: int
    dates: list
    ref: date | None


def _target(sent: _Sentence, lo: int, hi: int, what) -> tuple[int, TargetValue] | None:
    """The target whose amount stands at ``sent.text[lo:hi]`` (``what``: a quantity match or a
    money value), with where its metric starts; None when that amount is no target."""
    cues, comparators = _rules()[1:3]
    before = sent.masked[:lo]
    clause_at = max(map(before.rfind, _CLAUSE_BREAKS)) + 1  # after the last break, else 0
    is_money = not isinstance(what, re.Match)
    if _no_plan(sent, lo, hi, what, clause_at, cues):
        return None
    plain = _nouns_blanked(before)  # the cues are looked for with 计划 as a noun (投资计划) blanked
    past_at, strong_at, deadline, period = _timing(sent, lo, before, plain, clause_at, cues)
    if past_at > strong_at:
        return None  # the nearest cue before the amount is a result (已, 截至, a past date)
    clause = sent.text[clause_at:lo]
    after = sent.text[hi:hi + 6]
    if is_money:  # money is a target only with its own cue: 总投资约6.5亿元 is a budget
        strong = (strong_at >= clause_at or what.qualifier in ("at_least", "at_most")
                  or after.startswith(("以上", "以内")))
    else:
        strong = strong_at >= 0 or any(c in after for c in ("以上", "以内"))
    change_at = _last(sent.masked[clause_at:lo], cues["change"])
    if change_at >= 0 and "由" in clause and strong_at < clause_at:
        return None  # 达标率由82%提高到98%: a change that happened
    weak = _last(plain, cues["weak"]) >= 0 or change_at >= 0
    if not strong and not weak and not is_money and past_at < 0:
        later = _later_commitment(sent, hi, cues)
        if later is not None:  # 1.5公里村道…,预计10月下旬开始…,年底可完成: the plan follows the amount
            strong, deadline = True, later
    if not strong and not (weak and not is_money):
        return None
    measured = _amount(what)
    if measured is None:
        return None
    amount, unit, after_word = measured
    metric, metric_at = _metric(clause)
    return clause_at + metric_at, TargetValue(metric=metric, amount=amount, unit=unit,
                                              comparator=_comparator(clause, after_word, what, comparators),
                                              deadline=deadline, period=period)


def _later_commitment(sent: _Sentence, hi: int, cues) -> str | None:
    """The deadline of a commitment made after the amount, in its sentence: a plan cue soon after it
    and a deadline soon after the cue (推进144条…整治工作,确保2024年底前全部整治完成)."""
    ahead = _nouns_blanked(sent.masked[hi:hi + _LATER_CUE_WITHIN])
    for cue in _plan_cue().finditer(ahead):
        if _last(ahead[:cue.start()], cues["past"]) >= 0:
            return None  # 3公里道路已经建成,预计年底前通车: the amount is done
        cue_at = hi + cue.end()
        for d_start, _d_end, dv in sent.dates:
            rel = d_start - sent.start
            if (not (cue_at <= rel <= cue_at + _LATER_DATE_WITHIN) or not dv.iso
                    or _before(dv.end or dv.iso, sent.ref)):
                continue
            lead = sent.text[max(0, rel - 4):rel]
            if DEADLINE_LEAD.search(lead) or dv.relation == "before" or dv.part == "end":
                return deadline_of(dv)
    return None


#: how far after an amount a plan cue may stand, and how far after that cue its deadline
_LATER_CUE_WITHIN = 50
_LATER_DATE_WITHIN = 20


def _no_plan(sent: _Sentence, lo: int, hi: int, what, clause_at: int, cues) -> bool:
    """The amount is no planned quantity whatever the cues: part of a rule, a base, a metric."""
    text = sent.text
    is_money = not isinstance(what, re.Match)
    # a rule, not a plan: 按…给予 / 最高不超过 / a rate (每人每月500元)
    head = sent.masked[clause_at:lo]
    if any(c in head for c in cues["rule"]) or (is_money and what.per):
        return True
    if text[hi:hi + 6].startswith(("的基础上", "基础上")):
        return True
    if not is_money and what["after"] and hi < len(text) and _NOUN_START.match(text, hi):
        return True  # 消除56人以上大班额: a class of things, not an amount planned
    if not is_money and any(w in text[hi:hi + 3 + len(w)] for w in cues.get("modifier", ())):
        return True  # 500米覆盖率达到95%: the 500米 belongs to the metric
    if "由" in text[max(clause_at, lo - 8):lo] and _CHANGE_AFTER.match(text[hi:]):
        return True  # the starting value of 由6米拓宽至8.5米, 由原来的20个工作日压缩至…
    if not is_money and _counts_what_follows(sent.masked, lo, hi, what):
        return True
    return not is_money and _QUANTITY_AHEAD.match(text, hi) is not None
    # (25户以上自然村通硬化路比例达到100%: the first number describes the metric)


def _counts_what_follows(masked: str, lo: int, hi: int, what) -> bool:
    """A count followed by what it counts (9个行政村, 11个省, 33个项目) names a set unless a
    verb of ``rules/target_count_verbs.txt`` governs it: before it in its phrase with no
    preposition between (新建3所学校, 完成主城区300座候车亭改造, 完成老旧小区、背街小巷等5处改造),
    or after it when a preposition brings the count forward (对12座老旧公厕实施提升改造). Not
    支持我区33个项目, 四川等11个省实行…, nor a count before another quantity (9个行政村的1.4万亩)."""
    if what["unit"] in _MEASURES or what["after"] or hi >= len(masked) or not _NOUN_START.match(masked, hi):
        return False
    start = max((m.end() for m in _PHRASE_BREAK.finditer(masked, 0, lo)), default=0)
    end = next((m.start() for m in _PHRASE_BREAK.finditer(masked, hi)), len(masked))
    head, tail = masked[start:lo], masked[hi:end]
    if re.search(r"\d", tail.split("、")[0]):
        return True  # 9个行政村的1.4万亩: the later quantity is the one planned (not 2个集团、2所学校)
    verbs = _count_verb_pattern()
    verb_end = max((m.end() for m in verbs.finditer(head)), default=-1)
    if verb_end >= 0 and _PREPOSITION.search(head, verb_end) is None:
        return False
    fronted = _FRONTING.search(head[-8:]) is not None
    return not (fronted and verbs.search(tail))


#: prepositions that bring an object before its verb (对/把 N个X 实施…; 将 is mostly "will")
_FRONTING = re.compile(r"[对把]")
#: what ends the phrase a counted object belongs to (not 、: 完成A、B等5处改造)
_PHRASE_BREAK = re.compile(r"[,，:：]")
_PREPOSITION = re.compile(r"[对在向从为把将给按与和及]")


@lru_cache(maxsize=1)
def _count_verb_pattern() -> re.Pattern:
    verbs = sorted(load_patterns("target_count_verbs.txt"), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, verbs)))


#: units that measure (a length, an area, a share): what follows them is no counted noun
_MEASURES = frozenset({"%", "个百分点", "百分点", "万平方米", "平方公里", "平方米", "平米", "立方米", "千瓦时",
                       "千瓦", "兆瓦", "公里", "千米", "米", "公顷", "亩", "吨", "分钟", "小时", "天", "℃",
                       "个工作日", "工作日"})
_NOUN_START = re.compile(r"[\u4e00-\u9fff](?<![以及和与或的左等])")


def _timing(sent: _Sentence, lo: int, before: str, plain: str, clause_at: int,
            cues) -> tuple[int, int, str | None, str | None]:
    """Where the last result cue and the last plan cue before the amount end (a past date is a
    result, a deadline a plan), the deadline and the period; ``plain`` is ``before`` with the
    cue words that are nouns blanked (:func:`_nouns_blanked`)."""
    past_at = _last(before, cues["past"])
    done = [m.end() for m in _PERFECTIVE.finditer(before, clause_at)]
    if done:  # 布设了51条, 遴选了新线路1条: a verb done, in the amount's clause
        past_at = max(past_at, done[-1])
    strong_at = _last(plain, cues["strong"])
    deadline, period, year_at = None, None, None
    for d_start, d_end, dv in sent.dates:
        rel_start = d_start - sent.start
        if not (0 <= rel_start < lo):
            continue
        if dv.relative and dv.start:
            period = dv.iso
            continue
        if _before(dv.end or dv.iso or "", sent.ref):
            if not (dv.relation == "before" and _years_before(dv.iso or "", sent.ref) >= _CUTOFF_YEARS):
                past_at = max(past_at, d_end - sent.start)  # 2022年培育457家
            continue  # (2005年12月31日前建成的小区: a cut-off describing what is counted, not a result)
        lead = sent.text[max(0, rel_start - 4):rel_start]
        led = DEADLINE_LEAD.search(lead)
        # 在2023年对…实施 in a letter of 2023: the time of a plan, not itself a commitment (于10月份开通 is)
        weak_lead = bool(led) and led.group().strip() in ("在", "于") and not _later_than_letter(dv.end or dv.iso,
                                                                                              sent.ref)
        # “十四五”期间, 2021-2025年内: a plan's period, due at its end
        plan_period = dv.start and dv.end and _plan_period(sent.text[rel_start:d_end - sent.start],
                                                          sent.text[d_end - sent.start:])
        if dv.iso and (led or dv.relation == "before" or dv.part == "end" or plan_period):
            deadline = deadline_of(dv)
            if not weak_lead:
                strong_at = max(strong_at, d_end - sent.start)
        elif dv.relative and dv.iso and dv.precision == "year" and deadline is None:
            deadline = dv.iso  # 今年新增…, 明年完成…: within that year
        elif dv.iso and dv.precision == "year" and not dv.start and not dv.relation and deadline is None:
            year_at = (dv.iso, d_end - sent.start)  # 2024年,全市计划排查管网450公里: that year's plan
    if deadline is None and year_at and _last(plain, cues["strong"] + cues["weak"]) > year_at[1]:
        deadline = year_at[0]
    if deadline is None and sent.ref is not None and _within_year().search(before[clause_at - 12 if clause_at > 12 else 0:]):
        deadline = str(sent.ref.year)  # 年内新认定…, 全年培训…
    return past_at, strong_at, deadline, period


def _amount(what) -> tuple[Decimal, str, str | None] | None:
    """Amount (scaled units expanded), unit and the word after it (以上, 余 …) of a quantity or money."""
    if not isinstance(what, re.Match):
        return what.amount, "元", None
    number = parse_number(what["num"])
    if number is None:
        return None
    return exact(number * scale_factor(what["scale"] or "")), what["unit"], what["after"] or what["approx"]


def _comparator(clause: str, after_word: str | None, what, comparators) -> str:
    """>=, <=, >, <, ~ or = from the words before the amount (不低于, 力争达到 …) and after it (以上)."""
    comparator = "="
    for (word, where), comp in comparators.items():
        if where == "before" and clause.rstrip().endswith(word):
            comparator = comp
        elif where == "before" and word in clause and comparator == "=":
            comparator = comp
    if after_word and (after_word, "after") in comparators:
        comparator = comparators[(after_word, "after")]
    if not isinstance(what, re.Match) and what.qualifier in ("at_least", "more_than"):
        comparator = ">=" if what.qualifier == "at_least" else ">"
    return comparator


#: 了 closing a verb (not 为了, 除了, 罢了, 了解)
_PERFECTIVE = re.compile(r"(?<![为除罢])了(?!解)")
_CHANGE_AFTER = re.compile(r"[^,，;；、]{0,8}?(?:至|到|提高|压缩|降|缩短|扩大|增加)")
# another quantity later in the same clause, with no list word between: the first is part of the metric
_QUANTITY_AHEAD = re.compile(r"[^,，;；、:：和及与或。0-9]{1,16}?(?:达到|提高到|提升至|不低于|不少于|控制在)\s*\d")
@lru_cache(maxsize=1)
def _within_year() -> re.Pattern:
    """年内, 全年 … (``rules/target_cues.tsv``, kind within_year): due within the letter's year."""
    return re.compile("|".join(map(re.escape, _rules()[1]["within_year"])))


# 计划 and 规划 as nouns (培养计划, 超计划用水, 规划的) are no plan cue: they are blanked before the search
@lru_cache(maxsize=1)
def _plan_noun() -> re.Pattern:
    return re.compile("|".join(load_patterns("target_plan_nouns.txt")))


def _nouns_blanked(text: str) -> str:
    return _plan_noun().sub(lambda m: " " * len(m.group(0)), text)


def _last(text: str, words) -> int:
    """End of the last occurrence of any of ``words`` in ``text``, or -1."""
    return max((text.rfind(w) + len(w) for w in words if w in text), default=-1)


def _mask_titles(text: str) -> str:
    """《…》 contents blanked (same length): words inside a title are not cues."""
    return re.sub(r"《[^《》]*》", lambda m: "《" + " " * (len(m.group(0)) - 2) + "》", text)


#: a date "before" which something was built or set up, this many years before the letter, describes
#: what is counted (2005年前建成的小区), it does not mark a result
_CUTOFF_YEARS = 3


def _plan_period(date_text: str, after: str) -> bool:
    """Whether a range of years is a plan's period: “十四五”期间, 2021-2025年内, 十四五末."""
    return date_text.endswith(_PERIOD_WORDS) or after.lstrip("”\"'’").startswith(_PERIOD_WORDS)


_PERIOD_WORDS = ("期间", "内", "末")


def _later_than_letter(iso: str, ref) -> bool:
    """A date after the letter's own at its precision: a later year, a later month, a later day."""
    return ref is not None and iso[:4].isdigit() and iso > ref.isoformat()[:len(iso)]


def _years_before(iso: str, ref) -> int:
    return ref.year - int(iso[:4]) if ref is not None and iso[:4].isdigit() else 0


def _before(iso: str, ref) -> bool:
    """A date earlier than the letter's own: a year before its year, a month before its month."""
    if ref is None or not iso[:4].isdigit():
        return False
    own = ref.isoformat()
    if len(iso) == 4:
        return iso < own[:4]
    return iso < own[:len(iso)]


def _metric(clause: str) -> tuple[str, int]:
    """What is counted: the clause before the number without its lead words (a time, a verb: as
    often as they stand there) nor the verbs at its end; and where it starts."""
    lead, verbs = _lead_pattern(), _rules()[3]
    at = 0
    text = clause
    while True:
        stripped = text.lstrip()
        at += len(text) - len(stripped)
        text = stripped
        m = lead.match(text)
        if m is None:
            break
        at += m.end()
        text = text[m.end():]
    metric = text.strip()
    for verb in verbs:
        if metric.endswith(verb) and len(metric) > len(verb):
            metric = metric[: -len(verb)].rstrip()
    if not metric:
        # 今后三年培育1000家: the verb is all there is; keep the clause
        return clause.strip(), len(clause) - len(clause.lstrip())
    return metric, at


#: a time before what is counted: 到2025年底前, 今后三年, 年底前, 6月底前
_TIME_LEAD = (r"(?:到|至|在|于)?\s*(?:\d{4}|[〇一二三四五六七八九十]{4})\s*年(?:底|末)?(?:前)?|今后[一二三四五六七八九十两\d]+年"
              r"|未来[一二三四五六七八九十两\d]+年|年底前|\d{1,2}月底前")


@lru_cache(maxsize=1)
def _lead_pattern() -> re.Pattern:
    """A lead word at the start of a clause: a time, else the first verb of the rules (longest
    first) that leaves something after it."""
    alternatives = "|".join(map(re.escape, _rules()[3])) or "(?!)"
    return re.compile(rf"(?:{_TIME_LEAD})|(?:{alternatives})(?=.)", re.S)


def _word_start(words, start: int, end: int) -> int:
    """The start of the first word inside ``start:end`` when ``end`` is a word's end, else ``start``
    (only the words at the two ends are segmented)."""
    if words.starts_unit(start):
        return start  # a unit's start is a word's start
    last = words.word_at(end - 1)
    if last.end != end or last.idx < start:
        return start
    first = words.word_at(start)
    return first.idx if first.idx == start else first.end
