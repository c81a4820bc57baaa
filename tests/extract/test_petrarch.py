"""The converter of the event-coding dictionaries, on small dictionaries written in their
format, and the converted files as the registry and the cue lexicon load them."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.lexicon import CUE_COLUMNS, REGISTRY_COLUMNS, load_cues, read_tsv
from extract.petrarch import Converter, main, read_verbs
from extract.registry import Registry

COUNTRIES = """\
# TABARI-formatted .actor file
QATAR_  [QAT]
+QATARI_
+DOHA_
+AL_KHOR_
# national institutions
LEKHWIYA
+INTERNAL_SECURITY_FORCE
\t[QATSPY]
QATARI_MILITARY
\t[QATMIL]
HAMAD_BIN_KHALIFA_AL_THANI_  # CountryInfo.txt
+HAMAD_BIN_KHALIFA_
+EMIR_HAMAD_BIN_KHALIFA_AL_THANI_
\t[QATELI 500101-950627]
\t[QATGOV 950627-130625]
\t[QATELI]
"""

INTERNATIONAL = """\
GULF_COOPERATION_COUNCIL_ [IGOGCC]
+GCC_
"""

NONSTATE = """\
JAYSH_AL_FICTION_ [QATREB] #  test
+ARMY_OF_FICTION_
"""

AGENTS = """\
SPY {SPIES } [~SPY]
POLICE {} [~COP]
REBEL {REBELS } [~REB]
"""

VERBS = """\
&TREATY
+TREATY
+PACT

---  GO_SOMEWHERE   [040]  ---
LEAVE
TRAVEL

---  DENOUNCE   [111]  ---
DENOUNCE
DECRY
- * &TREATY                                   [112]         # DENOUNCE

---  ASSASSINATE   [186]  ---
ASSASSINATE
"""


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = tmp_path_factory.mktemp("dictionaries")
    for name, text in (("Phoenix.Countries.actors.txt", COUNTRIES),
                       ("Phoenix.International.actors.txt", INTERNATIONAL),
                       ("Phoenix.MilNonState.actors.txt", NONSTATE),
                       ("Phoenix.agents.txt", AGENTS), ("CAMEO.2.0.txt", VERBS)):
        (source / name).write_text(text, encoding="utf-8")
    out = tmp_path_factory.mktemp("converted")
    assert main([str(source), "--out", str(out)]) == 0
    return out


def _rows(path: Path, columns: tuple[str, ...]) -> dict[str, dict[str, str]]:
    return {row[columns[0]]: row for _n, row in read_tsv(path, columns)}


def test_a_state_has_its_names_adjective_and_capital(converted: Path) -> None:
    states = _rows(converted / "states.tsv", REGISTRY_COLUMNS)
    qatar = states["Qatar"]  # the hand registry's id; the name from countryinfo
    assert qatar["label"] == "Qatar" and qatar["class"] == "Country"
    assert "Qatari" in qatar["aliases"].split("|")
    assert qatar["metonyms"] == "Doha"
    places = _rows(converted / "places.tsv", REGISTRY_COLUMNS)
    assert places["Al_Khor_QAT"]["affiliation"] == "Qatar"  # a town of it, not a name of it


def test_institutions_bodies_and_groups_are_organisations(converted: Path) -> None:
    orgs = _rows(converted / "organizations.tsv", REGISTRY_COLUMNS)
    assert orgs["Lekhwiya"]["affiliation"] == "Qatar"
    assert "Internal Security Force" in orgs["Lekhwiya"]["aliases"].split("|")
    assert "GCC" in orgs["Gulf_Cooperation_Council"]["aliases"].split("|")
    assert "Army of Fiction" in orgs["Jaysh_al_Fiction"]["aliases"].split("|")
    assert "Qatari_Military" not in orgs  # a generic sector of a state: the collectives' job


def test_office_holders_keep_their_terms_and_no_titles(converted: Path) -> None:
    people = _rows(converted / "people.tsv", REGISTRY_COLUMNS)
    hamad = people["Hamad_bin_Khalifa_al_Thani"]
    assert hamad["affiliation"] == "Qatar"
    aliases = hamad["aliases"].split("|")
    assert "Hamad bin Khalifa" in aliases and not any("Emir" in a for a in aliases)
    offices = [row for _n, row in read_tsv(converted / "offices.tsv",
                                           ("person", "state", "sector", "start", "end"))]
    assert {"person": "Hamad_bin_Khalifa_al_Thani", "state": "Qatar", "sector": "GOV",
            "start": "1995-06-27", "end": "2013-06-25"} in offices


def test_cameo_codes_become_predicates_by_the_ontology(converted: Path) -> None:
    cues = {row["cue"]: row for _n, row in read_tsv(converted / "verbs.tsv", (*CUE_COLUMNS, "cameo"))}
    assert cues["denounce"]["predicate"] == "criticizes" and cues["denounce"]["cameo"] == "111"
    assert cues["decry"]["predicate"] == "criticizes"
    assert cues["assassinate"]["predicate"] == "killed"
    assert cues["denounce +treaty"]["predicate"] == "criticizes"  # the pattern's own verb only
    assert "decry +treaty" not in cues
    assert "leave" not in cues and "travel" not in cues  # cameo_skip.tsv
    agents = dict(row.values() for _n, row in read_tsv(converted / "agents.tsv", ("noun", "sector")))
    assert agents["police"] == "COP" and agents["rebels"] == "REB"


def test_read_verbs_yields_codes_of_blocks_and_patterns(tmp_path: Path) -> None:
    path = tmp_path / "v.txt"
    path.write_text(VERBS, encoding="utf-8")
    assert set(read_verbs(path, frozenset({"go_somewhere"}))) == {
        ("denounce", "", "111"), ("decry", "", "111"), ("denounce", "treaty", "112"),
        ("denounce", "pact", "112"), ("assassinate", "", "186")}


def test_the_shipped_conversion_loads_under_the_hand_files() -> None:
    registry = Registry.load()
    assert registry.lookup("Belarus").cls == "Country"
    assert registry.lookup("Belarusian").id == registry.lookup("Belarus").id
    assert registry.lookup("Mossad").affiliation == "Israel"
    assert registry.lookup("Khamenei").id == "Ali_Khamenei"  # the hand row wins
    assert registry.entries["Iran"].qid == "Q794"
    cues = load_cues()
    assert any(c.predicate == "criticizes" for c in cues[("denounce", "VERB")])
    [cut] = cues[("cut", "VERB")]  # a lemma of the hand file keeps only the hand cues
    assert cut.fixed_object == "tie" and cut.predicate == "opposes"


def test_converter_is_repeatable(converted: Path, tmp_path: Path) -> None:
    first = {p.name: p.read_text(encoding="utf-8") for p in converted.glob("*.tsv")}
    again = tmp_path / "again"
    Converter(_source_of(converted)).write(again)
    assert {p.name: p.read_text(encoding="utf-8") for p in again.glob("*.tsv")} == first


def _source_of(converted: Path) -> Path:
    return next(p for p in converted.parent.iterdir() if p.name.startswith("dictionaries"))
