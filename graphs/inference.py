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
    supers, classes, domains, ranges, symmetric = _axioms()
    ours = str(AGR)
    relations: set[tuple] = set()
    types: set[tuple] = set()
    for s, p, o in asserted:
        # sameAs to Wikidata would copy every fact onto wd: IRIs; a literal-valued
        # triple entails nothing kept here (the ontology has no keys, value or
        # cardinality restrictions)
        if p == OWL.sameAs or isinstance(o, Literal):
            continue
        if p == RDF.type:
            types.add((s, o))
        elif p in supers or p in symmetric or p in domains or p in ranges:
            relations.add((s, p, o))
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
        if not isinstance(o, Literal):
            types.update((o, c) for c in ranges.get(p, ()))
    types = {(node, parent) for node, cls in types for parent in classes.get(cls, (cls,))}
    inferred = Graph()
    for triple in [*relations, *((n, RDF.type, c) for n, c in types)]:
        s, p, o = triple
        if not (isinstance(s, URIRef) and str(s).startswith(ours)) or triple in asserted:
            continue
        if p == RDF.type and (o in _TRIVIAL_TYPES or isinstance(o, Literal)):
            continue
        if p in (OWL.sameAs, RDFS.subClassOf, RDFS.subPropertyOf) or isinstance(o, Literal):
            continue
        inferred.add(triple)
    return inferred


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
