"""jieba with the template vocabulary; query expansion with citizen synonyms."""

from __future__ import annotations

from index.tokenize import expand_query, expansions, tokenize


def test_template_terms_stay_whole() -> None:
    tokens = tokenize("（三）不予公开 行政复议 本年新收 结果纠正 行政规范性文件")
    for term in ("不予公开", "行政复议", "本年新收", "结果纠正", "行政规范性文件"):
        assert term in tokens


def test_stopwords_and_punctuation_dropped() -> None:
    assert tokenize("的，。？") == []


def test_citizen_words_expand_to_template_terms() -> None:
    assert expansions("红旗区财政局23年拒绝了几个申请") == ["不予公开"]
    assert "行政诉讼" in expand_query("去年被起诉了几次")
    assert "行政规范性文件" in expand_query("发了几个红头文件")
    assert expand_query("不予公开多少件") == "不予公开多少件"
