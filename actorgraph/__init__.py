"""actorgraph: who leads, fights and negotiates with whom, as a queryable graph.

The public API composes the stages (:mod:`extract`, :mod:`graphs`,
:mod:`ontology`); the ``actorgraph`` command wraps it. In a notebook, one object
stands for a build (:class:`ActorGraph`): its tables are pandas DataFrames.

Examples
--------
>>> import actorgraph
>>> g = actorgraph.build(["corpus"], out="out")  # doctest: +SKIP
>>> g = actorgraph.open("out")  # doctest: +SKIP
>>> g.query("conflicts", "Khamenei")  # doctest: +SKIP
>>> g.centrality(top=10)  # doctest: +SKIP
>>> g.show(view="influence", focus="Qasem Soleimani")  # doctest: +SKIP
"""

from actorgraph.api import OUTPUTS, BuildSummary, build_graph, query, summarize
from actorgraph.evaluate import Report, evaluate, load_gold, score
from actorgraph.workbench import ActorGraph, Shown, build, open
from extract import ExtractConfig
from ontology import ActorGraphError

__version__ = "0.1.0"

__all__ = [
    "OUTPUTS",
    "ActorGraph",
    "ActorGraphError",
    "BuildSummary",
    "ExtractConfig",
    "Report",
    "Shown",
    "__version__",
    "build",
    "build_graph",
    "evaluate",
    "load_gold",
    "open",
    "query",
    "score",
    "summarize",
]
