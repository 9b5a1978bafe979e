"""Screening on the normalised text (NFKC, separators between digits removed), with findings that point at the
original characters; the variants that used to get past the check, and the look-alikes that must not be raised.

ID numbers here are fictitious and carry a valid GB 11643-1999 check character: 50011019850317126X (区划 500110,
born 1985-03-17, sequence 126). 500110 19850317 123X — the same shape with a wrong check character — is not an ID
number under the standard and is listed among the look-alikes.
"""

import pytest

from gongkai.catalog.domain.screening import (
    REDACTED,
    FindingKind,
    html_attribute_texts,
    normalise,
    personal_data,
    redact,
    screen,
)

ID = "50011019850317126X"
ID_MASK = "500110********126X"
MOBILE_MASK = "139****0001"
FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")

VARIANTS = [
    # (text, kind, masked match, the original characters the finding points at)
    (f"身份证号{ID}。", FindingKind.ID_NUMBER, ID_MASK, ID),
    ("身份证号 500110 19850317 126X。", FindingKind.ID_NUMBER, ID_MASK, "500110 19850317 126X"),
    ("身份证号 500110-19850317-126x", FindingKind.ID_NUMBER, ID_MASK, "500110-19850317-126x"),
    (f"身份证号{ID.translate(FULL_WIDTH)}", FindingKind.ID_NUMBER, ID_MASK, ID.translate(FULL_WIDTH)),
    ("身份证号5001101985\n0317126X，", FindingKind.ID_NUMBER, ID_MASK, "5001101985\n0317126X"),
    ("身份证号500110\r\n19850317126X", FindingKind.ID_NUMBER, ID_MASK, "500110\r\n19850317126X"),
    ("身份证号５００１１０\u3000１９８５０３１７\u3000１２６Ｘ", FindingKind.ID_NUMBER, ID_MASK,
     "５００１１０\u3000１９８５０３１７\u3000１２６Ｘ"),
    ("身份证号50011019850317\u200b126X", FindingKind.ID_NUMBER, ID_MASK, "50011019850317\u200b126X"),
    ("联系电话13911110001", FindingKind.MOBILE, MOBILE_MASK, "13911110001"),
    ("联系电话139.1111.0001", FindingKind.MOBILE, MOBILE_MASK, "139.1111.0001"),
    ("联系电话 139 1111 0001", FindingKind.MOBILE, MOBILE_MASK, "139 1111 0001"),
    ("联系电话139-1111-0001", FindingKind.MOBILE, MOBILE_MASK, "139-1111-0001"),
    ("联系电话１３９１１１１０００１", FindingKind.MOBILE, MOBILE_MASK, "１３９１１１１０００１"),
    ("电话 +86 139 1111 0001", FindingKind.MOBILE, MOBILE_MASK, "+86 139 1111 0001"),
    ("电话 139 11110001", FindingKind.MOBILE, MOBILE_MASK, "139 11110001"),
    ("卡号 6222 0210 0111 6245 702", FindingKind.BANK_CARD, "6222***********5702", "6222 0210 0111 6245 702"),
]


@pytest.mark.parametrize(("text", "kind", "match", "original"), VARIANTS)
def test_every_variant_is_found_and_points_at_the_original(text, kind, match, original):
    [finding] = personal_data(text, "正文")
    assert (finding.kind, finding.match) == (kind, match)
    assert text[finding.start:finding.end] == original


LOOK_ALIKES = [
    "文号 500110198503171230",             # 18 digits shaped like an ID number, GB 11643 check character wrong
    "身份证号 500110 19850317 123X",        # the same with spaces: still fails the check
    "编号 500110201703170001",               # a 行政许可-style serial with a date inside
    "座机 023-48271234",                    # landline with area code
    "座机 (023)4827 1234",
    "座机（０２３）４８２７　１２３４",
    "电话 023 4827 1234",
    "投资 1.39 亿元，共 1111 人，0001 号",   # digits side by side that are not one number
    "2017年 13 个乡镇 9111 户 10001 人",
    "12\n34\n56\n78\n90\n12",               # table cells flattened to lines
    "13\n9111\n10001",                      # 11 digits in a table that are no mobile grouping
    "万盛经开发〔2017〕12号",
    "索引号 000014349/2018-00222",
]


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_look_alikes_are_not_raised(text):
    assert personal_data(text, "正文") == []


def test_normalised_text_keeps_an_offset_map():
    norm = normalise("号 １３９ 1111.0001。")
    assert norm.text == "号 13911110001。"
    start = norm.text.index("1")
    assert norm.span(start, start + 11) == (2, 15)
    assert norm.groups(start, start + 11) == (3, 4, 4)


def test_listed_words_are_found_in_full_width_forms_too():
    [finding] = screen({"名称": "关于ＡＢＣ项目的通知"}, negative_list=["ABC项目"], sensitive_words=[])
    assert (finding.kind, finding.field) == (FindingKind.NEGATIVE_LIST, "名称")


def test_attributes_of_the_body_are_texts_of_their_own():
    body = (f'<p>见图<img src="/a.png" alt="申请人{ID}"><a href="tel:13911110001" title="联系人139 1111 0001">电话</a>'
            '<a href="https://example.cn/13911110001">链接</a></p>')
    fields = html_attribute_texts(body)
    assert fields == {"正文（图片说明）": f"申请人{ID}", "正文（链接地址）": "tel:13911110001",
                      "正文（标题属性）": "联系人139 1111 0001"}
    found = screen(fields, negative_list=[], sensitive_words=[])
    assert [(f.field, f.kind) for f in found] == [("正文（图片说明）", FindingKind.ID_NUMBER),
                                                  ("正文（链接地址）", FindingKind.MOBILE),
                                                  ("正文（标题属性）", FindingKind.MOBILE)]


@pytest.mark.parametrize(("text", "known", "redacted"), [
    (f"我叫张三，身份证{ID}，电话139 1111 0001。", ["张三"], f"我叫{REDACTED}，身份证{REDACTED}，电话{REDACTED}。"),
    ("请联系 zs@example.cn 或 023-48271234", [], f"请联系 {REDACTED} 或 {REDACTED}"),
    ("我家住重庆市万盛经开区万东镇建设路12号3单元，门口积水。", [], f"我家住{REDACTED}，门口积水。"),
    ("请问公租房申请条件？", ["张三"], "请问公租房申请条件？"),
])
def test_redaction(text, known, redacted):
    assert redact(text, known=known) == redacted
