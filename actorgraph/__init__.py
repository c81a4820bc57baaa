"""actorgraph: who leads, fights and negotiates with whom, as a queryable graph.

The public API composes the stages (:mod:`extract`, :mod:`graphs`,
:mod:`ontology`); the ``actorgraph`` command wraps it.

Examples
--------
>>> import actorgraph
>>> summary = actorgraph.build(["corpus"], "out")  # doctest: +SKIP
>>> actorgraph.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ag:leads ?o }", "out").rows  # doctest: +SKIP
"""

from actorgraph.api import OUTPUTS, BuildSummary, build, build_graph, query, summarize
from actorgraph.evaluate import Report, evaluate, load_gold, score
from extract import ExtractConfig
from ontology import ActorGraphError

__version__ = "0.1.0"

__all__ = [
    "OUTPUTS",
    "ActorGraphError",
    "BuildSummary",
    "ExtractConfig",
    "Report",
    "__version__",
    "build",
    "build_graph",
    "evaluate",
    "load_gold",
    "query",
    "score",
    "summarize",
]
