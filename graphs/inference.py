"""Inference users expect, kept apart from what the texts assert.

The ontology's own axioms, applied as rules over the asserted graph:
``rdfs:subPropertyOf`` (``?a ag:influences ?b`` finds ``leads``, ``appointed`` and
``advises``), ``owl:SymmetricProperty`` (negotiation answers both ways),
``rdfs:domain`` and ``rdfs:range``, and ``rdfs:subClassOf`` (a Killing is an Attack; a
Person is a foaf:Person and a prov:Agent). These are the OWL-RL rules the ontology's
axioms can fire (it states no other kind), so the result is what OWL-RL (owlrl) entails,
the test suite checks, at a fraction of its cost: one pass over the triples instead of a
closure of the whole graph. Only entailments about the graph's own nodes are kept, in
their own named graph.

Examples
--------
>>> from rdflib import Graph
>>> from ontology import AG, AGR
>>> g = Graph()
>>> _ = g.add((AGR.Ali_Khamenei, AG.leads, AGR.Iran))
>>> (AGR.Ali_Khamenei, AG.influences, AGR.Iran) in entailments(g)
True
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef

from ontology import AGR, load_ontology

_TRIVIAL_TYPES = frozenset({OWL.Thing, RDFS.Resource, OWL.NamedIndividual, RDFS.Class,
                            OWL.Class, RDF.Property})


@cache
def _axioms() -> tuple[dict, dict, dict, dict, frozenset]:
    """The ontology's axioms as look-ups: the super-properties and super-classes of each
    (itself included, transitively), the domains and ranges of each property, and the
    symmetric properties."""
    ontology = load_ontology()

    def closure(relation: URIRef) -> dict[URIRef, frozenset[URIRef]]:
        direct: dict[URIRef, set[URIRef]] = {}
        for child, parent in ontology.subject_objects(relation):
            direct.setdefault(child, set()).add(parent)  # type: ignore[arg-type]
        found = {}
        for start in direct:
            seen, todo = {start}, [start]
            while todo:
                for parent in direct.get(todo.pop(), ()):
                    if parent not in seen:
                        seen.add(parent)
                        todo.append(parent)
            found[start] = frozenset(seen)
        return found

    def values(relation: URIRef) -> dict[URIRef, frozenset[URIRef]]:
        found: dict[URIRef, set[URIRef]] = {}
        for prop, value in ontology.subject_objects(relation):
            found.setdefault(prop, set()).add(value)  # type: ignore[arg-type]
        return {k: frozenset(v) for k, v in found.items()}

    symmetric = frozenset(ontology.subjects(RDF.type, OWL.SymmetricProperty))
    return (closure(RDFS.subPropertyOf), closure(RDFS.subClassOf), values(RDFS.domain),
            values(RDFS.range), symmetric)  # type: ignore[return-value]


def entailments(asserted: Graph) -> Graph:
    """What the ontology entails about the nodes of ``asserted``, minus what it asserts."""
    inferred = Graph()
    for triple in _entail(asserted, _axioms(), _Terms(URIRef, lambda t: isinstance(t, Literal),
                                                      lambda t: isinstance(t, URIRef))):
        inferred.add(triple)
    return inferred


def entailed_ntriples(asserted: str) -> str:
    r""":func:`entailments` of a graph given as N-Triples, as sorted N-Triples: the same
    triples, read and written by Oxigraph (a build's graph need not be an rdflib graph).

    >>> text = entailed_ntriples("<https://w3id.org/actorgraph/id/a> "
    ...     "<https://w3id.org/actorgraph/ontology#leads> "
    ...     "<https://w3id.org/actorgraph/id/b> .\n")
    >>> "<https://w3id.org/actorgraph/ontology#influences>" in text
    True
    """
    import pyoxigraph as ox

    node = lambda iri: ox.NamedNode(str(iri))  # noqa: E731
    supers, classes, domains, ranges, symmetric = _axioms()
    tables = ({node(k): frozenset(map(node, v)) for k, v in table.items()}
              for table in (supers, classes, domains, ranges))
    axioms = (*tables, frozenset(map(node, symmetric)))
    triples = ((q.subject, q.predicate, q.object)
               for q in ox.parse(asserted, format=ox.RdfFormat.N_TRIPLES))
    found = _entail(triples, axioms, _Terms(node, lambda t: isinstance(t, ox.Literal),
                                            lambda t: isinstance(t, ox.NamedNode)))
    return "".join(sorted(f"{s} {p} {o} .\n" for s, p, o in found))


class _Terms:
    """How :func:`_entail` makes and tells apart the terms of one RDF library."""

    def __init__(self, iri, is_literal, is_iri) -> None:
        self.iri, self.is_literal, self.is_iri = iri, is_literal, is_iri


def _entail(asserted: Iterable[tuple], axioms: tuple, terms: _Terms) -> set[tuple]:
    """The entailed triples of :func:`entailments`, of terms of one library (``terms``),
    minus those ``asserted`` states."""
    supers, classes, domains, ranges, symmetric = axioms
    ours = str(AGR)
    same_as, a = terms.iri(OWL.sameAs), terms.iri(RDF.type)
    trivial = {terms.iri(t) for t in _TRIVIAL_TYPES}
    dropped = {terms.iri(p) for p in (OWL.sameAs, RDFS.subClassOf, RDFS.subPropertyOf)}
    derivable = set(supers).union(*supers.values(), symmetric, domains, ranges)  # rules conclude
    relations: set[tuple] = set()
    types: set[tuple] = set()
    stated: set[tuple] = set()  # what the graph asserts of the predicates rules conclude
    for s, p, o in asserted:
        # sameAs to Wikidata would copy every fact onto wd: IRIs; a literal-valued
        # triple entails nothing kept here (the ontology has no keys, value or
        # cardinality restrictions)
        if p == same_as or terms.is_literal(o):
            continue
        if p in derivable:
            stated.add((s, p, o))
        if p == a:
            types.add((s, o))
        elif p in supers or p in symmetric or p in domains or p in ranges:
            relations.add((s, p, o))
    typed = set(types)
    todo = list(relations)
    while todo:  # sub-properties and symmetry, to a fixpoint (a few steps)
        s, p, o = todo.pop()
        for q in supers.get(p, (p,)):
            for triple in ((s, q, o), *(((o, q, s),) if q in symmetric else ())):
                if triple not in relations:
                    relations.add(triple)
                    todo.append(triple)
    for s, p, o in relations:
        types.update((s, c) for c in domains.get(p, ()))
        types.update((o, c) for c in ranges.get(p, ()))
    types = {(node, parent) for node, cls in types for parent in classes.get(cls, (cls,))}
    ourselves = lambda node: terms.is_iri(node) and str(node).strip("<>").startswith(ours)  # noqa: E731
    found = {t for t in relations - stated if ourselves(t[0]) and t[1] not in dropped}
    found.update((n, a, c) for n, c in types - typed
                 if ourselves(n) and c not in trivial and not terms.is_literal(c))
    return found


def owlrl_entailments(asserted: Graph) -> Graph:
    """The same, computed by owlrl's OWL-RL closure (slow: the oracle the tests hold
    :func:`entailments` to)."""
    import owlrl

    ontology = load_ontology()
    described = set(ontology.subjects())
    work = Graph()
    for triple in asserted:
        if triple[1] != OWL.sameAs and not isinstance(triple[2], Literal) and (
                triple[1] == RDF.type or triple[1] in described):
            work.add(triple)
    work += ontology
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, rdfs_closure=False, axiomatic_triples=False,
                           datatype_axioms=False).expand(work)
    ours = str(AGR)
    inferred = Graph()
    for s, p, o in work:
        if not (isinstance(s, URIRef) and str(s).startswith(ours)) or (s, p, o) in asserted:
            continue
        if p == RDF.type and (o in _TRIVIAL_TYPES or isinstance(o, Literal)):
            continue
        if p in (OWL.sameAs, RDFS.subClassOf, RDFS.subPropertyOf) or isinstance(o, Literal):
            continue
        inferred.add((s, p, o))
    return inferred
