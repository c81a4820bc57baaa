"""Hand-made extraction results for graph tests (no model involved), edits of their graph,
and what pyshacl alone finds in a graph."""

from __future__ import annotations

from rdflib import RDF, RDFS, Graph, Literal, URIRef

from extract.model import Actor, Assertion, Document, DocumentResult, Event, Evidence
from graphs import to_rdf
from ontology import AG, AGR, load_ontology, load_shapes

HOSTILE = 'Evil "quoted" <script>alert(1)</script> \\ back\nslash'


def minimal_result() -> DocumentResult:
    """One document in which Khamenei appointed Soleimani, dated 1998."""
    text = "Khamenei appointed Soleimani in 1998."
    doc = Document("doc1", "doc1.txt", text, "a" * 64, title="A title", author="A. Writer",
                   date="2020-10-23")
    evidence = Evidence("doc1", "doc1.txt", text, 0, len(text), "Khamenei", "Soleimani")
    assertion = Assertion("Ali_Khamenei", "appointed", "Qasem_Soleimani", 0.9,
                          "actorgraph-rules/0.1 verb:appoint", evidence)
    actors = (
        Actor("Ali_Khamenei", "Ali Khamenei", "Person", "Q57336", ("Khamenei",), 1,
              ("registry",), True),
        Actor("Qasem_Soleimani", "Qasem Soleimani", "Person", None, ("Soleimani",), 1,
              ("registry",), True),
    )
    event = Event("~event:0123456789abcdef", "Appointment",
                  "appointment: Ali Khamenei appointed Qasem Soleimani (1998)",
                  ("Ali_Khamenei",), ("Qasem_Soleimani",), None, "1998", (assertion,))
    return DocumentResult(doc, actors, (), (assertion,), (event,))


def hostile_result() -> DocumentResult:
    """A document whose file name, title and names are hostile text."""
    text = f"{HOSTILE} attacked Iran."
    doc = Document('x"<script>', 'x"<script>.txt', text, "b" * 64, title=HOSTILE, author=HOSTILE)
    key = f"~name:{HOSTILE.lower()}"
    evidence = Evidence('x"<script>', 'x"<script>.txt', text, 0, len(text), HOSTILE, "Iran")
    actors = (
        Actor(key, HOSTILE, "Person", None, (HOSTILE, HOSTILE.upper()), 1, ("local",)),
        Actor("Iran", "Iran", "Country", "Q794", ("Iran",), 1, ("registry",), True),
    )
    assertion = Assertion(key, "attacks", "Iran", 0.8, "actorgraph-rules/0.1 verb:attack", evidence)
    return DocumentResult(doc, actors, (), (assertion,), ())


def _both() -> Graph:
    return to_rdf([minimal_result(), hostile_result()])


def edited(edit: str) -> tuple[Graph, Graph]:
    """A graph before and after one edit of the kind a rebuild makes."""
    before, after = _both(), _both()
    assertion = next(iter(sorted(after.subjects(RDF.type, AG.Assertion))))
    iran, soleimani = URIRef(AGR.Iran), URIRef(AGR.Qasem_Soleimani)
    if edit == "a document removed":
        after = to_rdf([minimal_result()])
    elif edit == "a document added":
        before = to_rdf([minimal_result()])
    elif edit == "a second label":
        after.add((iran, RDFS.label, Literal("Persia")))
    elif edit == "a label gone":
        after.remove((soleimani, RDFS.label, None))
    elif edit == "a class gone (sh:class of what points at it)":
        after.remove((soleimani, RDF.type, AG.Person))
    elif edit == "an agent's class gone (sh:class of the events and assertions it is in)":
        after.remove((URIRef(AGR.Ali_Khamenei), RDF.type, None))
    elif edit == "a bad confidence":
        after.set((assertion, AG.confidence, Literal(1.7)))
    elif edit == "a violation fixed":
        before.set((assertion, AG.confidence, Literal(1.7)))
    elif edit == "a relation to a non-actor (sh:targetObjectsOf)":
        after.add((URIRef(AGR.Ali_Khamenei), AG.leads, URIRef(AGR["entity/some-policy"])))
        after.add((URIRef(AGR["entity/some-policy"]), RDF.type, AG.Policy))
    elif edit == "nothing":
        pass
    return before, after


def pyshacl_violations(graph: Graph) -> list:
    """What pyshacl alone finds in all of ``graph``, as :func:`graphs.validate` lists it."""
    from pyshacl import validate
    from rdflib.namespace import SH

    from graphs import Violation

    _conforms, report, _text = validate(graph, shacl_graph=load_shapes(),
                                        ont_graph=load_ontology(), advanced=True)
    value = lambda r, p: str(report.value(r, p) or "")  # noqa: E731
    return sorted((Violation(value(r, SH.focusNode), value(r, SH.resultPath),
                             value(r, SH.resultMessage),
                             value(r, SH.resultSeverity).rsplit("#", 1)[-1])
                   for r in report.subjects(RDF.type, SH.ValidationResult)),
                  key=lambda v: (v.focus, v.path, v.message))
