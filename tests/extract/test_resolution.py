"""One node per real actor: look-alikes, misspellings, titles, metonyms, coreference."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract import Extractor, read_document


def _actors(extractor: Extractor, tmp_path: Path, text: str, name: str = "doc.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = extractor.extract(read_document(path))
    return {a.key: a for a in result.actors}, result


@pytest.mark.parametrize(("text", "keys"), [
    ("Khamenei succeeded Khomeini in 1989. Khamenei later praised Khomeini.",
     {"Ali_Khamenei", "Ruhollah_Khomeini"}),
    ("Foreign Minister Zarif met IRGC commander Jafari. Zarif and Jafari disagreed.",
     {"Mohammad_Javad_Zarif", "Mohammad_Ali_Jafari"}),
    ("Ali Khamenei spoke after Ali Larijani. Ali Larijani then praised Ali Khamenei.",
     {"Ali_Khamenei", "Ali_Larijani"}),
    ("Bill Clinton and Hillary Clinton visited Jerusalem.", {"Bill_Clinton", "Hillary_Clinton"}),
])
def test_look_alikes_stay_apart_in_one_document(extractor: Extractor, tmp_path: Path, text: str,
                                                keys: set[str]) -> None:
    actors, _result = _actors(extractor, tmp_path, text)
    assert {k for k, a in actors.items() if a.cls == "Person"} == keys


@pytest.mark.parametrize(("text", "key", "form", "rule"), [
    ("Major General Qsem Solemaini led the Quds Force.", "Qasem_Soleimani", "Qsem Solemaini", "fuzzy"),
    ("Qasem Soleimani was killed. Solemaini was buried in Kerman.", "Qasem_Soleimani", "Solemaini",
     "fuzzy"),
    ("Ali Khamenei spoke. Iranian’s dissatisfaction towards Khameini’s regime grew.",
     "Ali_Khamenei", "Khameini", "fuzzy"),
    ("Putin and Xi JinPing met in Moscow.", "Xi_Jinping", "Xi JinPing", "registry"),
    ("Ali Khamenei spoke. The Supreme Leader then left.", "Ali_Khamenei", "Supreme Leader", "title"),
    ("Qasem Soleimani was buried. The slain general had led the Quds Force.", "Qasem_Soleimani",
     "slain general", "title"),
    ("Washington imposed sanctions on Iran.", "United_States", "Washington", "metonym"),
    ("The White House said Tehran was lying.", "Iran", "Tehran", "metonym"),
    ("Seyed Hossein Mousavian advised the Rouhani administration.", "Iran",
     "Rouhani administration", "affiliation"),
    ("The Quds Force was founded in 1990. Soleimani changed the organization.", "Quds_Force",
     "organization", "nominal"),
    ("Bill Clinton spoke first. Clinton then left for Cairo.", "Bill_Clinton", "Clinton",
     "short-form"),
])
def test_surface_forms_resolve_with_their_rule(extractor: Extractor, tmp_path: Path, text: str,
                                               key: str, form: str, rule: str) -> None:
    actors, _result = _actors(extractor, tmp_path, text)
    resolutions = {(r.form, r.rule) for r in actors[key].resolutions}
    assert (form, rule) in resolutions
    assert all(0 < r.confidence <= 1 for r in actors[key].resolutions)


def test_a_capital_stands_for_the_state_the_document_names(extractor: Extractor,
                                                             tmp_path: Path) -> None:
    soviet, _r = _actors(extractor, tmp_path, "The Soviet Union backed the revolution, and "
                         "Khomeini reached a modus vivendi with Moscow.")
    russia, _r = _actors(extractor, tmp_path, "Russia sent jets to Syria, and Moscow criticized "
                         "Washington.", "b.txt")
    assert "Moscow" in soviet["Soviet_Union"].surface_forms and "Russia" not in soviet
    assert "Moscow" in russia["Russia"].surface_forms and "Soviet_Union" not in russia


def test_a_capital_where_something_happens_is_a_place(extractor: Extractor, tmp_path: Path) -> None:
    actors, _r = _actors(extractor, tmp_path, "Mourners gathered in Tehran on Monday.")
    assert "Iran" not in actors
    assert [a.cls for a in actors.values() if a.label == "Tehran"] == ["Place"]


def test_the_registry_corrects_the_class_the_model_gives(extractor: Extractor,
                                                         tmp_path: Path) -> None:
    actors, _r = _actors(extractor, tmp_path, "Soleimani was buried. Pompeo met Khamenei's envoy.")
    assert {actors[k].cls for k in ("Qasem_Soleimani", "Mike_Pompeo", "Ali_Khamenei")} == {"Person"}


def test_pronoun_reaches_its_actor(extractor: Extractor, tmp_path: Path) -> None:
    _unused, result = _actors(extractor, tmp_path,
                               "Khamenei addressed the nation on Friday. He threatened Israel.")
    assert ("Ali_Khamenei", "threatens", "Israel") in {
        (a.subject, a.predicate, a.object) for a in result.assertions}
