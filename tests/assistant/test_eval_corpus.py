"""The dev question set against the real ingested corpus library (parser + store + model)."""

from __future__ import annotations

from typing import Any

import pytest

from assistant import evaluation
from assistant.assistant import Assistant
from tests.conftest import DEV_QUESTIONS


@pytest.fixture(scope="module")
def corpus_assistant(corpus_library: Any) -> Assistant:
    return Assistant(corpus_library, corpus_library.settings)


def test_dev_questions_pass_with_the_offline_composer(corpus_assistant: Assistant) -> None:
    result = evaluation.run(corpus_assistant, evaluation.load_questions(DEV_QUESTIONS))
    failures = [(r.id, r.reasons) for r in result.results if not r.passed]
    assert result.share >= 0.95, failures
    assert result.violations == 0


def test_unseen_phrasings_on_the_corpus(corpus_assistant: Assistant) -> None:
    cases = [
        ("洪泽区政府2024年老百姓申请了几件", "淮安市洪泽区人民政府", "95"),
        ("沭阳县人民政府2025年因为信息不存在没能提供的有多少", "沭阳县人民政府", "111"),
        ("上海市科委2024年行政许可决定有几个", "上海市科委", "97"),
        ("平潭综合实验区2021年行政强制多少件", "平潭综合实验区", "42"),
    ]
    for question, agency, figure in cases:
        a = corpus_assistant.ask(question)
        assert a.answered, question
        assert figure in a.text and any(c.agency == agency for c in a.citations), (question, a.text)


def test_streaming_yields_the_guarded_answer(corpus_assistant: Assistant) -> None:
    items = list(corpus_assistant.stream_answer("洪泽区2023年收到几件信息公开申请"))
    partials, (final_text, answer) = items[:-1], items[-1]
    assert answer is not None and final_text == answer.text
    assert all(final is None for _, final in partials) and partials[-1][0] == answer.text
    assert "".join(corpus_assistant.stream("洪泽区2023年收到几件信息公开申请")) == answer.text


def test_warm_up_reads_the_catalog_not_every_report(corpus_library: Any) -> None:
    """Warm-up costs the same at 10 reports and at 5,000: reports are read on demand into a
    bounded cache (settings.report_cache)."""
    assistant = Assistant(corpus_library, corpus_library.settings.with_(report_cache=2))
    assistant.warm_up()
    ids = {e.report_id for e in corpus_library.reports()}
    assert ids and assistant._catalog and {e.report_id for e in assistant._catalog} == ids
    assert len(assistant._reports) == 0
    for question in ("洪泽区2023年收到几件信息公开申请", "红旗区财政局2023年不予公开几件",
                     "上海市科委2024年行政许可决定有几个"):
        assert assistant.ask(question).answered
    assert len(assistant._reports) <= 2
