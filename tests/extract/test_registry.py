"""The registry: look-alikes never merge, misspellings do, users can extend it."""

from __future__ import annotations

from pathlib import Path

import pytest
from rapidfuzz import fuzz, process

from extract import ExtractConfig, Extractor, Registry, read_document
from extract.lexicon import REGISTRY_COLUMNS
from extract.registry import FUZZY_THRESHOLD
from ontology import DataFileError


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry.load()


@pytest.mark.parametrize(("name", "expected"), [
    ("Khamenei", "Ali_Khamenei"), ("Khomeini", "Ruhollah_Khomeini"),
    ("Zarif", "Mohammad_Javad_Zarif"), ("Jafari", "Mohammad_Ali_Jafari"),
    ("Ali Khamenei", "Ali_Khamenei"), ("Ali Larijani", "Ali_Larijani"),
])
def test_look_alikes_resolve_to_themselves(registry: Registry, name: str, expected: str) -> None:
    assert registry.lookup(name).id == expected
    assert registry.fuzzy(name, "Person").id == expected


@pytest.mark.parametrize(("misspelt", "expected", "context"), [
    ("Qsem Solemaini", "Qasem_Soleimani", ()),
    ("Solemaini", "Qasem_Soleimani", ()),
    ("Major General Qsem Solemaini", "Qasem_Soleimani", ()),
    ("Khameini", "Ali_Khamenei", ("Ali_Khamenei",)),
    ("Xi JinPing", "Xi_Jinping", ()),
])
def test_corpus_misspellings(registry: Registry, misspelt: str, expected: str,
                             context: tuple[str, ...]) -> None:
    assert registry.fuzzy(misspelt, None, frozenset(context)).id == expected


def test_an_ambiguous_misspelling_is_not_guessed(registry: Registry) -> None:
    # one letter from both Khamenei and Khomeini: without a document naming one, no guess
    assert registry.fuzzy("Khameini", None) is None
    assert registry.fuzzy("Khameini", None, frozenset({"Ruhollah_Khomeini"})).id == \
        "Ruhollah_Khomeini"


def test_misspellings_merge_in_a_document(extractor: Extractor, tmp_path: Path) -> None:
    path = tmp_path / "m.txt"
    path.write_text("Ali Khamenei spoke. Khameini later met Qsem Solemaini. "
                    "Solemaini was the leader of the Quds Force.", encoding="utf-8")
    result = extractor.extract(read_document(path))
    persons = {a.key: a for a in result.actors if a.cls == "Person"}
    assert set(persons) == {"Ali_Khamenei", "Qasem_Soleimani"}
    assert "Khameini" in persons["Ali_Khamenei"].surface_forms
    assert {"Qsem Solemaini", "Solemaini"} <= set(persons["Qasem_Soleimani"].surface_forms)


def _write_registry(path: Path, rows: list[str]) -> Path:
    path.write_text("\t".join(REGISTRY_COLUMNS) + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_user_alias_file_adds_actors(tmp_path: Path) -> None:
    aliases = _write_registry(tmp_path / "mine.tsv", [
        "Abbas_Araghchi\tAbbas Araghchi\tPerson\tQ4664000\tAraghchi|Abbas Araqchi\t\t\tIran",
    ])
    extractor = Extractor(ExtractConfig(aliases=(aliases,)))
    doc = tmp_path / "a.txt"
    doc.write_text("Abbas Araqchi negotiated with the United States. Araghchi returned home.",
                   encoding="utf-8")
    result = extractor.extract(read_document(doc))
    [actor] = [a for a in result.actors if a.key == "Abbas_Araghchi"]
    assert actor.qid == "Q4664000" and actor.mentions == 2
    assert ("Abbas_Araghchi", "negotiatesWith", "United_States") in {
        (a.subject, a.predicate, a.object) for a in result.assertions}


@pytest.mark.parametrize(("row", "message"), [
    ("bad id!\tX\tPerson\t\t\t\t\t", "id 'bad id!'"),
    ("X\tX\tWizard\t\t\t\t\t", "class 'Wizard'"),
    ("X\tX\tPerson\tq12\t\t\t\t", "qid 'q12'"),
    ("X\tX\tPerson\t\t\t\t\t\textra", "9 columns"),
])
def test_bad_registry_lines_name_file_and_line(tmp_path: Path, row: str, message: str) -> None:
    path = _write_registry(tmp_path / "bad.tsv", [row])
    with pytest.raises(DataFileError, match=rf"bad\.tsv:2: .*{message}"):
        Registry.load([path])


def test_actors_absent_from_the_registry_merge_within_and_across_documents(
        extractor: Extractor, tmp_path: Path) -> None:
    from rdflib import RDF, RDFS
    from rdflib.namespace import SKOS

    from graphs import to_rdf
    from ontology import AG

    one = tmp_path / "one.txt"
    one.write_text("General Amara Okonkwo commands the Sahel Defence Force. Okonkwo accused "
                   "the Sahel Defence Force of corruption.", encoding="utf-8")
    two = tmp_path / "two.txt"
    two.write_text("Amara Okonkwo met President Lindqvist in Oslo. Lindqvist praised Okonkwo.",
                   encoding="utf-8")
    results = [extractor.extract(read_document(p)) for p in (one, two)]
    graph = to_rdf(results)
    people = {str(graph.value(p, RDFS.label)): p for p in graph.subjects(RDF.type, AG.Person)}
    assert "Amara Okonkwo" in people
    okonkwo = people["Amara Okonkwo"]
    assert "Okonkwo" in {str(x) for x in graph.objects(okonkwo, SKOS.altLabel)}
    assert len(set(graph.objects(okonkwo, AG.mentionedIn))) == 2  # one node, both documents
    assert not any(label == "Okonkwo" for label in people)


@pytest.mark.parametrize(("word", "phrase", "holds"), [
    ("leader", "the supreme leader", True),  # a registered title ends with it
    ("Leader’s", "supreme leader’s", True),  # as the text spells it
    ("general", "the slain general", True),
    ("table", "the round table", False),
    ("", "", True),  # nothing left to judge by: the phrases are made
])
def test_a_word_no_title_ends_with_names_no_holder(registry: Registry, word: str, phrase: str,
                                                   holds: bool) -> None:
    assert registry.may_hold_titles(word) is holds
    if not holds:  # the test spares the look-up only where the look-up finds nothing
        assert registry.title_holders(phrase) == ()
    else:
        assert not phrase or registry.title_holders(phrase)


def test_registered_names_are_matched_without_entering_the_pipelines_vocabulary(
        tmp_path: Path) -> None:
    # the matcher tokenizes the registry in a vocabulary of its own: the pipeline's stays
    # the model's (tens of thousands of registry words in it slow every parse)
    aliases = _write_registry(tmp_path / "mine.tsv", [
        "Qwertyx_Zblorf\tQwertyx Zblorf\tPerson\t\tZblorf\t\t\tIran",
        "Zzyzx_Front\tZzyzx Liberation Front\tOrganization\t\tZLF\t\t\t",
    ])
    nlp = Extractor(ExtractConfig(aliases=(aliases,))).nlp
    words = ("Qwertyx", "Zblorf", "Zzyzx", "zzyzx", "ZLF", "Z.L.F.")
    assert not [w for w in words if w in nlp.vocab.strings]
    doc = nlp("Qwertyx Zblorf met the zzyzx liberation front. Zblorf said the Z.L.F. agreed.")
    assert [(e.text, e.ent_id_) for e in doc.ents if e.ent_id_ in ("Qwertyx_Zblorf", "Zzyzx_Front")] == [
        ("Qwertyx Zblorf", "Qwertyx_Zblorf"), ("zzyzx liberation front", "Zzyzx_Front"),
        ("Zblorf", "Qwertyx_Zblorf"), ("Z.L.F.", "Zzyzx_Front")]


@pytest.mark.parametrize("name", ["qsem solemaini", "khameini", "donald trmp", "vladimir putn",
                                  "islamic revolutionary gaurd corps", "hezbolah", "abiy ahmd",
                                  "rapid suport forces", "xi jinpin", "zz",
                                  # an alias far shorter or longer than the name, yet near it
                                  "hezbollah xx", "islamic state xyz", "quds forc",
                                  "islamic revolutionary guard"])
@pytest.mark.parametrize("cls", ["Person", "Organization", None])
def test_the_nearest_aliases_are_those_rapidfuzz_finds_among_them_all(
        registry: Registry, name: str, cls: str | None) -> None:
    # only the aliases of a length that can reach the threshold are scored: the same list
    _choices, names = registry._choices(cls)
    assert registry._nearest(name, cls, names) == process.extract(
        name, names, scorer=fuzz.ratio, limit=8, score_cutoff=FUZZY_THRESHOLD)


@pytest.mark.parametrize(("name", "plain"), [
    ("Islamic State", True), ("ISIS", True), ("Quds Force", True), ("Hezbollah", True),
    ("Cannot", False), ("Gonna Band", False),  # special cases of the tokenizer
    ("U.S.", False), ("Al-Shabaab", False), ("Hay'at Tahrir al-Sham", False),
    ("Ḱhameini", True), ("K\u0301hameini", False),  # a letter; a letter and its accent
    ("Two  Spaces", False), ("M23", False),
])
def test_a_name_matched_by_its_words_hashes_is_tokenized_into_those_words(
        extractor: Extractor, name: str, plain: bool) -> None:
    matcher = extractor.nlp.get_pipe("actorgraph_registry")
    words = matcher.plain_words(name)
    assert (words is not None) == plain
    if words is not None:
        assert [t.text for t in matcher.tokenizer(name)] == words
