"""Understanding questions and answering them from the indexed reports, with citations.

The public surface (the UI imports only these):

    from assistant import Assistant, Answer, Scope, Turn
    assistant = Assistant.open(store="/path/to/store")
    answer = assistant.ask("红旗区财政局23年拒绝了几个申请", history=[], scope=Scope())
    answer.text, answer.citations, answer.figures, answer.to_json()

Modules: understanding/ (agency, time, metric, intent → Query), conversation (follow-ups),
retrieval (Query → Evidence), facts (figures and sums from facts), citations, composer and
compose_figures (offline writer), llm (optional writer), guard (grounding), chain (the
LangChain Runnable), evaluation (question sets), assistant (the front object).
"""

from assistant.models import Answer, Citation, Figure, Scope, Series, Turn

__all__ = ["Answer", "Assistant", "Citation", "Figure", "Scope", "Series", "Turn"]


def __getattr__(name: str) -> object:
    if name == "Assistant":  # imported lazily: keeps `import assistant.models` light
        from assistant.assistant import Assistant

        return Assistant
    raise AttributeError(name)
