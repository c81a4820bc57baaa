"""The actorgraph ontology: vocabulary, SHACL shapes and the ``ag:`` namespace.

``actorgraph.ttl`` is the source of truth. Everything Python needs to know
about predicates (family, CAMEO code, Goldstein weight, symmetry,
super-properties, event class) is read from it by :func:`relation_specs`,
never repeated in code.

Examples
--------
>>> from ontology import relation_specs
>>> spec = relation_specs()["killed"]
>>> spec.family_label, spec.cameo, spec.goldstein, spec.parents
('material conflict', '186', -10.0, ('attacks',))
>>> relation_specs()["negotiatesWith"].symmetric
True
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from rdflib import OWL, RDF, RDFS, Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, SKOS, XSD

from ontology.errors import (
    ActorGraphError,
    DataFileError,
    GraphError,
    InputError,
    ModelError,
    QueryError,
)
from ontology.namespace import AG, ONTOLOGY_IRI

__all__ = [
    "ACTOR_CLASSES",
    "AG",
    "AGR",
    "NODE_CLASSES",
    "ONTOLOGY_IRI",
    "ONTOLOGY_PATH",
    "PREFIXES",
    "SHAPES_PATH",
    "WD",
    "ActorGraphError",
    "DataFileError",
    "GraphError",
    "InputError",
    "ModelError",
    "QueryError",
    "RelationSpec",
    "bind_prefixes",
    "cameo_predicates",
    "event_templates",
    "load_ontology",
    "load_shapes",
    "relation_specs",
    "subclasses",
]

_HERE = Path(__file__).resolve().parent
ONTOLOGY_PATH = _HERE / "actorgraph.ttl"
SHAPES_PATH = _HERE / "shapes.ttl"

#: Namespace of the nodes that builds mint (actors, documents, assertions, events).
AGR = Namespace("https://w3id.org/actorgraph/id/")
#: Wikidata entities, the target of ``owl:sameAs``.
WD = Namespace("http://www.wikidata.org/entity/")

#: Prefixes bound in every Turtle output and declared for every SPARQL query.
PREFIXES: dict[str, Namespace] = {
    "ag": Namespace(str(AG)),
    "agr": AGR,
    "dcterms": DCTERMS,
    "foaf": FOAF,
    "owl": Namespace(str(OWL)),
    "prov": PROV,
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "skos": SKOS,
    "wd": WD,
    "xsd": Namespace(str(XSD)),
}

#: Local names of the four actor classes, in display order.
ACTOR_CLASSES: tuple[str, ...] = ("Person", "Organization", "Country", "Group")
#: Local names of every class a graph node can have (actors and the rest).
NODE_CLASSES: tuple[str, ...] = (*ACTOR_CLASSES, "Policy", "Event", "Place")


@dataclass(frozen=True)
class RelationSpec:
    """What the ontology says about one relation predicate.

    Attributes
    ----------
    name : str
        Local name, e.g. ``"leads"``.
    iri : rdflib.URIRef
        Full IRI in the ``ag:`` namespace.
    label : str
        Human label, e.g. ``"negotiates with"``.
    family : str
        Local name of the family individual, e.g. ``"verbalConflict"``.
    family_label : str
        The family's label, e.g. ``"verbal conflict"``.
    view : str
        Network view that shows the family: influence, cooperation or conflict.
    cameo : str or None
        CAMEO code, where one fits.
    goldstein : float or None
        Goldstein weight, where one fits.
    symmetric : bool
        Whether the predicate is an ``owl:SymmetricProperty``.
    parents : tuple of str
        Local names of the direct super-properties in ``ag:``.
    event_class : str or None
        Local name of the Event sub-class the predicate instantiates.
    domain : str or None
        Local name of the class its subject must have (``rdfs:domain``), if any.
    range : str or None
        Local name of the class its object must have (``rdfs:range``), if any.
    """

    name: str
    iri: URIRef
    label: str
    family: str
    family_label: str
    view: str
    cameo: str | None
    goldstein: float | None
    symmetric: bool
    parents: tuple[str, ...]
    event_class: str | None
    domain: str | None = None
    range: str | None = None


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the project's prefixes on ``graph`` and return it."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


@lru_cache(maxsize=1)
def load_ontology() -> Graph:
    """Parse ``actorgraph.ttl`` (cached; do not mutate the result).

    >>> (AG.killed, RDFS.subPropertyOf, AG.attacks) in load_ontology()
    True
    """
    return Graph().parse(ONTOLOGY_PATH, format="turtle")


@lru_cache(maxsize=1)
def load_shapes() -> Graph:
    """Parse ``shapes.ttl``, the SHACL shapes that every build must satisfy."""
    return Graph().parse(SHAPES_PATH, format="turtle")


def _local(iri: URIRef) -> str:
    return str(iri)[len(str(AG)) :]


def _local_or_none(iri) -> str | None:
    """The local name of an ``ag:`` class, or None (no value, or one outside ``ag:``)."""
    return _local(iri) if iri is not None and str(iri).startswith(str(AG)) else None


@lru_cache(maxsize=1)
def relation_specs() -> dict[str, RelationSpec]:
    """Every relation predicate of the ontology, by local name.

    A relation predicate is an ``owl:ObjectProperty`` with an ``ag:family``.
    """
    onto = load_ontology()
    specs: dict[str, RelationSpec] = {}
    for prop in sorted(onto.subjects(AG.family, None)):
        family = onto.value(prop, AG.family)
        cameo = onto.value(prop, AG.cameoCode)
        weight = onto.value(prop, AG.goldsteinWeight)
        event_class = onto.value(prop, AG.eventClass)
        parents = tuple(
            sorted(
                _local(p)
                for p in onto.objects(prop, RDFS.subPropertyOf)
                if str(p).startswith(str(AG))
            )
        )
        name = _local(prop)
        specs[name] = RelationSpec(
            name=name,
            iri=URIRef(prop),
            label=str(onto.value(prop, RDFS.label)),
            family=_local(family),
            family_label=str(onto.value(family, RDFS.label)),
            view=str(onto.value(family, AG.view)),
            cameo=None if cameo is None else str(cameo),
            goldstein=None if weight is None else float(weight),
            symmetric=(prop, RDF.type, OWL.SymmetricProperty) in onto,
            parents=parents,
            event_class=None if event_class is None else _local(event_class),
            domain=_local_or_none(onto.value(prop, RDFS.domain)),
            range=_local_or_none(onto.value(prop, RDFS.range)),
        )
    return specs


@lru_cache(maxsize=1)
def cameo_predicates() -> dict[str, str]:
    """CAMEO code prefix -> the predicate that codes it, from ``ag:cameoCode`` (ranges such
    as "18-20" expanded) and the extension ``ag:cameoCoverage``. A code belongs to the
    predicate of its longest listed prefix.

    >>> codes = cameo_predicates()
    >>> codes["186"], codes["19"], codes["057"], codes["07"]
    ('killed', 'attacks', 'signed', 'supports')
    """
    onto = load_ontology()
    found: dict[str, str] = {}
    for name, spec in relation_specs().items():
        codes = []
        if spec.cameo:
            first, _, last = spec.cameo.partition("-")
            codes += ([f"{n:0{len(first)}d}" for n in range(int(first), int(last) + 1)]
                      if last else [first])
        for extra in onto.objects(spec.iri, AG.cameoCoverage):
            codes += str(extra).split()
        for code in codes:
            found[code] = name
    return dict(sorted(found.items()))


@lru_cache(maxsize=1)
def event_templates() -> dict[str, str]:
    """Event class (local name) -> how an event of it is labelled in words
    (``ag:labelTemplate``, with ``{agents}`` and ``{targets}``).

    >>> event_templates()["Withdrawal"]
    '{agents} withdrew from {targets}'
    """
    graph = load_ontology()
    return {_local(cls): str(template)
            for cls, template in graph.subject_objects(AG.labelTemplate)}


@cache
def subclasses(name: str) -> frozenset[str]:
    """Local names of ``ag:name`` and all its sub-classes in the ontology.

    >>> sorted(subclasses("Attack"))
    ['Attack', 'Killing']
    """
    onto = load_ontology()
    found = {name}
    frontier = [AG[name]]
    while frontier:
        for child in onto.subjects(RDFS.subClassOf, frontier.pop()):
            local = _local(URIRef(child))
            if str(child).startswith(str(AG)) and local not in found:
                found.add(local)
                frontier.append(URIRef(child))
    return frozenset(found)
