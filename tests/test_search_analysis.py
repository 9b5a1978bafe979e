"""Pure rules of the search analysis: normalisation, query parsing, bigram encodings, highlighting."""

import datetime as dt

import pytest

from gongkai.search.domain import analysis as a
from gongkai.search.domain.highlight import snippet, spans
from gongkai.search.domain.keys import DAY, sort_key, year_range


@pytest.mark.parametrize(("raw", "expected"), [
    ("渝府办发[2017]61号", "渝府办发〔2017〕61号"),
    ("渝府办发【2017】61号", "渝府办发〔2017〕61号"),
    ("ＡＢＣ１２３", "abc123"),
    ("政府\u3000信息", "政府 信息"),
    ("政\u200b府", "政府"),
    ("（一）", "(一)"),
])
def test_normalize(raw, expected):
    assert a.normalize(raw) == expected


@pytest.mark.parametrize(("raw", "words", "problem"), [
    ("", (), a.EMPTY),
    ("   ", (), a.EMPTY),
    ("政", (), a.TOO_SHORT),
    ("政 府", (), a.TOO_SHORT),
    ("政府", ("政府",), ""),
    ("政府 政府信息 a", ("政府信息",), ""),
    ('"教育" OR 卫生', ("教育", "or", "卫生"), ""),
    ("渝府办发(2017)61号", ("渝府办发(2017)61号",), ""),
    ("一 二三 四五 六七 八九 十一 十二 十三 十四 十五", (), a.TOO_MANY),
    ("字" * 101, (), a.TOO_LONG),
])
def test_parse_query(raw, words, problem):
    parsed = a.parse_query(raw)
    assert parsed.words == words
    assert parsed.problem == problem


def test_fts_tokens_keep_segments_apart():
    tokens = a.fts_tokens(a.normalize("关于 印发〔2017〕"))
    assert tokens.split(" ")[:3] == ["关于", a.FTS_GAP, "印发"]
    assert all(len(t) == 2 for t in tokens.split(" ") if t != a.FTS_GAP)
    assert a.fts_phrase("2017年") == '"20 01 17 7年"'


def test_gram_keys_are_signed_int32_and_distinct():
    keys = a.gram_keys("政府政府 信息")
    assert keys == sorted({a.gram_key("政府"), a.gram_key("府政"), a.gram_key("信息")})
    assert all(-(2**31) <= k < 2**31 for k in keys)


@pytest.mark.parametrize("text", ["", "政", "政府", "政府信", "ab cd e", "a\uffff\uffffb", "x𠀀y政府", "𠀀", "中文 𠀁𠀂 2017年",
                                  "〔2017〕61号 关于印发《政府信息公开条例》的通知"])
def test_gram_keys_read_at_c_speed_equal_every_bigrams_key(text):
    # The UTF-16 arrays (BMP segments) and the per-bigram way (astral segments) give the definition's keys.
    text = a.normalize(text)
    expected = sorted({a.gram_key(seg[i:i + 2]) for seg in a.segments(text) for i in range(len(seg) - 1)})
    assert a.gram_keys(text) == expected


def test_trigram_keys_stay_within_segments_and_are_signed_int32():
    keys = a.trigram_keys("政府政府 信息公")
    assert keys == sorted({a.trigram_key("政府政"), a.trigram_key("府政府"), a.trigram_key("信息公")})
    assert a.trigram_key("府 信") not in keys          # no trigram runs across a space
    assert all(-(2**31) <= k < 2**31 for k in keys)
    assert a.trigram_key("政府政") == 3659980804 - 2**31   # CRC-32 of the UTF-8: the same in every process
    assert a.trigrams("2017年") == ["201", "017", "17年"] and a.trigrams("政府") == []


def test_doc_number_key_forgives_brackets_and_spaces():
    assert a.doc_number_key("渝府办发 (2017) 61号") == a.doc_number_key("渝府办发〔2017〕61号")


def test_spans_and_snippet_mark_original_text():
    assert spans("全角ＡＢＣ文件", ["abc"]) == [("全角", False), ("ＡＢＣ", True), ("文件", False)]
    parts = snippet("甲" * 50 + "政府信息" + "乙" * 200, ["政府"], before=5, width=20)
    assert parts[0] == ("…", False)
    assert ("政府", True) in parts
    assert parts[-1] == ("…", False)
    assert snippet("没有命中", ["政府"]) == [("没有命中", False)]


def test_sort_key_orders_by_day_then_number():
    early = sort_key(dt.date(2017, 1, 1), 999)
    late = sort_key(dt.date(2017, 1, 2), 1)
    assert early < late
    low, high = year_range(2017, 2017)
    assert low <= early < late <= high
    assert sort_key(None, 5) == 5
    with pytest.raises(ValueError):
        sort_key(None, DAY)


def test_key_shares_count_a_key_up_to_the_floor_of_years_that_do_not_list_it():
    from gongkai.search.backends.postgres import _FLOOR, key_shares

    # Two years of 1,000 documents: key 5 is listed in the first (40 %), not in the second (floor 2 %).
    shares = key_shares([([5, 6], [0.4, 0.1, 0.1, 0.4, 0.0], 1000), ([6], [0.3, 0.02, 0.3, 0.0], 1000)])
    assert shares[None] == 2000
    assert shares[_FLOOR] == pytest.approx((0.1 * 1000 + 0.02 * 1000) / 2000)
    assert shares[5] == pytest.approx((400 + 20) / 2000)      # 400 listed + at most 20 in the other year
    assert shares[6] == pytest.approx((100 + 300) / 2000)
    assert key_shares([]) == {None: 0.0, _FLOOR: 0.0}


def test_spread_takes_the_rarest_trigrams_apart_from_each_other():
    from gongkai.search.backends.postgres import _FLOOR, _spread

    keys = [10, 11, 12, 13, 14, 15, 16]          # the trigrams of a word of nine characters, in word order
    freqs = {_FLOOR: 0.01, 10: 0.02, 11: 0.02, 12: 0.02, 13: 0.5, 14: 0.3, 15: 0.4, 16: 0.2}
    assert _spread(keys, freqs, 2) == [10, 16]   # 10 rarest; 11 and 12 share characters with it
    assert _spread(keys, freqs, 3) == [10, 16, 13]
    assert _spread(keys, freqs, 4) == [10, 16, 13, 11]   # no more apart: the rarest of the rest
    assert _spread([7], {_FLOOR: 0.0}, 4) == [7]
