"""Interactive HTML of a network view, fully offline and safe with hostile text.

pyvis assembles the nodes, edges and options; the page is rendered from the
project's own template with vis-network (shipped inside the pyvis package)
inlined, so it loads no CDN. Document text reaches the page only as JSON
inside a ``<script type="application/json">`` element with ``<``, ``>`` and
``&`` escaped, and is put on screen with ``textContent``, never as markup.
"""

from __future__ import annotations

import html
import json
from functools import lru_cache
from pathlib import Path

import networkx as nx
import pyvis
from pyvis.network import Network

from graphs.analysis import induced, prominence, top_nodes
from graphs.files import write_text

_TEMPLATES = Path(__file__).resolve().parent / "templates"
_VIS = Path(pyvis.__file__).resolve().parent / "lib" / "vis-9.1.2"

#: Node colour and shape by class.
CLASS_STYLE = {
    "Person": ("#4e79a7", "dot"),
    "Organization": ("#f28e2b", "square"),
    "Country": ("#59a14f", "diamond"),
    "Group": ("#b07aa1", "triangle"),
    "Policy": ("#9c755f", "star"),
    "Event": ("#bab0ac", "hexagon"),
    "Place": ("#76b7b2", "triangleDown"),
}
#: Edge colour and dash by relation family: the Okabe-Ito palette, which readers with any
#: common colour-vision deficiency tell apart; structure is dashed besides.
FAMILY_COLOR = {
    "influence": "#0072B2",
    "structure": "#CC79A7",
    "cooperation": "#009E73",
    "verbal conflict": "#E69F00",
    "material conflict": "#D55E00",
}
FAMILY_DASHES = {"structure": True}
#: How many of the strongest edges (most sentences) carry their relation as a label.
LABELLED_EDGES = 12


def json_for_script(value: object) -> str:
    """JSON that is safe inside a ``<script>`` element of an HTML page.

    >>> json_for_script({"label": "</script><script>alert(1)</script>"})
    '{"label": "\\\\u003c/script\\\\u003e\\\\u003cscript\\\\u003ealert(1)\\\\u003c/script\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


@lru_cache(maxsize=1)
def _assets() -> tuple[str, str, str]:
    js = (_VIS / "vis-network.min.js").read_text(encoding="utf-8")
    css = (_VIS / "vis-network.css").read_text(encoding="utf-8")
    page = (_TEMPLATES / "network.html").read_text(encoding="utf-8")
    return js.replace("</script", "<\\/script"), css, page


#: Above this many nodes a page keeps the most central ones, and says so.
MAX_NODES = 500


def _sizes(network: nx.MultiDiGraph) -> dict[str, float]:
    rank = prominence(network)
    top = max(rank.values(), default=1.0) or 1.0
    return {n: r / top for n, r in rank.items()}


def _pyvis(network: nx.MultiDiGraph) -> Network:
    net = Network(directed=True, height="100%", width="100%", cdn_resources="in_line")
    sizes = _sizes(network) if network.number_of_edges() else dict.fromkeys(network, 0.0)
    for node, data in sorted(network.nodes(data=True)):
        color, shape = CLASS_STYLE.get(str(data.get("cls")), ("#999999", "dot"))
        net.add_node(node, label=str(data.get("label", node)), color=color, shape=shape,
                     value=round(1 + 20 * sizes.get(node, 0.0), 3), cls=data.get("cls", ""),
                     wikidata=data.get("wikidata", ""), mentions=data.get("mentions", 0),
                     aliases=list(data.get("aliases", ())))
    ordered = sorted(network.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))
    strongest = {id(e) for e in sorted(ordered, key=lambda e: (-e[3]["weight"], e[0], e[1], e[2])
                                       )[:LABELLED_EDGES]}
    for index, edge in enumerate(ordered):
        u, v, key, data = edge
        evidence = [{k: e.get(k, "") for k in ("source", "sentence", "title", "publisher", "date",
                                              "url", "when", "stance", "claimant")}
                    for e in data["evidence"]]
        net.add_edge(u, v, id=f"e{index}", predicate=key, family=data["family"],
                     relation=data["label"], confidence=data["confidence"], evidence=evidence,
                     color=FAMILY_COLOR.get(data["family"], "#888888"),
                     dashes=FAMILY_DASHES.get(data["family"], False),
                     width=1 + min(data["weight"], 6), strong=id(edge) in strongest,
                     years=sorted({int(d[:4]) for d in data.get("dates", ()) if d}),
                     arrows="" if data["symmetric"] else "to")
    return net


def render_html(network: nx.MultiDiGraph, title: str, max_nodes: int = MAX_NODES,
                pages: list[dict[str, str]] | None = None) -> str:
    """The page for one network view; above ``max_nodes`` it keeps the most central nodes
    (PageRank) and says so on the page. ``pages`` (``{"label", "href"}``) are linked
    from it: the focus pages of the most central actors."""
    notice = ""
    if network.number_of_nodes() > max_nodes:
        kept = top_nodes(network, max_nodes)
        notice = (f"Showing the {max_nodes:,} most central of {network.number_of_nodes():,} nodes "
                  f"(PageRank). Use a focus or a larger --max-nodes to see others.")
        network = induced(network, kept)
    net = _pyvis(network)
    nodes, edges, _heading, _height, _width, _options = net.get_network_data()
    js, css, page = _assets()
    drawn_classes = {d.get("cls") for _n, d in network.nodes(data=True)}
    drawn_families = {d.get("family") for *_e, d in network.edges(data=True)}
    data = {
        "nodes": nodes,
        "edges": edges,
        "classes": {c: {"color": col, "shape": shp} for c, (col, shp) in CLASS_STYLE.items()
                    if c in drawn_classes},
        "families": {f: {"color": col, "dashes": FAMILY_DASHES.get(f, False)}
                     for f, col in FAMILY_COLOR.items() if f in drawn_families},
        "pages": pages or [],
        "view": network.graph.get("view", "all"),
        "notice": notice,
        "focus": network.graph.get("focus", ""),
        # the dated events of the actors drawn, for the timeline panel
        "events": [e for e in network.graph.get("events", ())
                   if any(a in network for a in e["actors"])][:300],
    }
    return (page.replace("{{TITLE}}", html.escape(title))
            .replace("{{VIS_CSS}}", css)
            .replace("{{DATA}}", json_for_script(data))
            .replace("{{VIS_JS}}", js))


def write_html(network: nx.MultiDiGraph, path: Path, title: str,
               max_nodes: int = MAX_NODES, pages: list[dict[str, str]] | None = None) -> Path:
    """Write the interactive page of ``network`` to ``path``, atomically."""
    return write_text(path, render_html(network, title, max_nodes, pages))
