"""Question understanding: agency, year(s), metric (canonical cells) and intent → `Query`."""

from assistant.understanding.agency import AgencyMatch, AgencyResolver
from assistant.understanding.intent import Query, understand
from assistant.understanding.metric import Cell, MetricSpec, parse_metric
from assistant.understanding.time import YearSpec, parse_years

__all__ = [
    "AgencyMatch", "AgencyResolver", "Cell", "MetricSpec", "Query", "YearSpec",
    "parse_metric", "parse_years", "understand",
]
