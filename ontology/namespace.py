"""The ``ag:`` namespace, closed over the terms of ``actorgraph.ttl``.

A misspelt term raises at import or call time instead of minting a new IRI:

>>> from ontology import AG
>>> AG.leads
rdflib.term.URIRef('https://w3id.org/actorgraph/ontology#leads')
>>> AG.leadz  # doctest: +IGNORE_EXCEPTION_DETAIL
Traceback (most recent call last):
AttributeError: term 'leadz' not in namespace

``tests/ontology/test_namespace.py`` checks that the terms below are exactly
the ``ag:`` terms that ``actorgraph.ttl`` declares.
"""

from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace

ONTOLOGY_IRI = "https://w3id.org/actorgraph/ontology"


class AG(DefinedNamespace):
    """Terms of the actorgraph ontology."""

    _NS = Namespace(ONTOLOGY_IRI + "#")
    _fail = True

    Actor: URIRef
    Agreement: URIRef
    Appointment: URIRef
    Assertion: URIRef
    Attack: URIRef
    Award: URIRef
    Country: URIRef
    Coup: URIRef
    Curation: URIRef
    Document: URIRef
    Election: URIRef
    Event: URIRef
    Group: URIRef
    Killing: URIRef
    Negotiation: URIRef
    Organization: URIRef
    Person: URIRef
    Place: URIRef
    Policy: URIRef
    Protest: URIRef
    Resolution: URIRef
    RelationFamily: URIRef
    Revolution: URIRef
    Sanctioning: URIRef
    Withdrawal: URIRef
    action: URIRef
    advises: URIRef
    agent: URIRef
    appointed: URIRef
    attacks: URIRef
    authored: URIRef
    cameoCode: URIRef
    cameoCoverage: URIRef
    claimedBy: URIRef
    confidence: URIRef
    contentHash: URIRef
    contradicts: URIRef
    cooperatesWith: URIRef
    cooperation: URIRef
    criticizes: URIRef
    curatedBy: URIRef
    curates: URIRef
    curator: URIRef
    date: URIRef
    dateSource: URIRef
    degree: URIRef
    endOffset: URIRef
    eventClass: URIRef
    evidence: URIRef
    extractor: URIRef
    family: URIRef
    formerNode: URIRef
    goldsteinWeight: URIRef
    influence: URIRef
    influences: URIRef
    killed: URIRef
    labelTemplate: URIRef
    leads: URIRef
    materialConflict: URIRef
    memberOf: URIRef
    mentionCount: URIRef
    mentionedIn: URIRef
    negotiatesWith: URIRef
    objectText: URIRef
    opposes: URIRef
    partOf: URIRef
    place: URIRef
    refersTo: URIRef
    reportingVerb: URIRef
    resolution: URIRef
    rule: URIRef
    sanctions: URIRef
    sentence: URIRef
    signed: URIRef
    sourceFile: URIRef
    stance: URIRef
    startOffset: URIRef
    structure: URIRef
    subjectText: URIRef
    supports: URIRef
    surfaceForm: URIRef
    target: URIRef
    threatens: URIRef
    value: URIRef
    verbalConflict: URIRef
    view: URIRef
    why: URIRef
    withdrewFrom: URIRef
