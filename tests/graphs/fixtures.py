"""Hand-made extraction results for graph tests (no model involved)."""

from __future__ import annotations

from extract.model import Actor, Assertion, Document, DocumentResult, Event, Evidence

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
