"""Inference users expect, kept apart from what the texts assert.

OWL-RL (owlrl) over the asserted graph and the ontology: ``?a ag:influences ?b``
finds ``leads``, ``appointed`` and ``advises``; symmetric predicates answer both
ways; a Killing is an Attack; a Person is a foaf:Person and a prov:Agent. Only
entailments about the graph's own nodes are kept, in their own named graph.

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

import owlrl
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef

from ontology import AGR, load_ontology

_TRIVIAL_TYPES = frozenset({OWL.Thing, RDFS.Resource, OWL.NamedIndividual, RDFS.Class,
                            OWL.Class, RDF.Property})


def entailments(asserted: Graph) -> Graph:
    """What the ontology entails about the nodes of ``asserted``, minus what it asserts."""
    ontology = load_ontology()
    described = set(ontology.subjects())
    work = Graph()
    for triple in asserted:
        # Only what can fire a rule goes in: a type, or a predicate the ontology says
        # something of. sameAs to Wikidata would copy every fact onto wd: IRIs; a
        # literal-valued triple entails nothing kept here (the ontology has no keys,
        # value or cardinality restrictions); provenance links (prov:wasDerivedFrom,
        # rdf:subject ...) have no axioms. Together they are most of the graph.
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
