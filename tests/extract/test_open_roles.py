"""Open-vocabulary roles: occupations next to a name, in apposition, in several languages, and the
shape of the tables that ``storyline.evaluate.build_roles`` writes."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import numpy as np
import pytest

from storyline import langs
from storyline.evaluate.build_roles import _noun_form, english_roles, nearest_map
from storyline.evaluate.wordnet_people import people_nouns
from storyline.extract._actor_open_roles import open_roles
from storyline.extract.actors import extract_actors
from storyline.extract.places import extract_places


def _roles(text: str, language: str) -> dict[str, tuple[str | None, str | None]]:
    places = extract_places(text, language=language)
    found = extract_actors(text, language=language, places=places)
    return {m.name: (m.role, m.country) for m in found if m.kind == "person"}


@pytest.mark.parametrize(
    ("language", "text", "name", "expected"),
    [
        ("en", "Journalist Maria Lenkova was freed on Thursday.", "Maria Lenkova", ("journalist", None)),
        ("en", "Pavel Orlin, a Russian journalist, was jailed.", "Pavel Orlin", ("journalist", "RU")),
        ("en", "Prosecutors say the spy Oleg Varnov worked alone.", "Oleg Varnov", ("spy", None)),
        ("en", "Karl Mendez, an American businessman, said no.", "Karl Mendez", ("businessman", "US")),
        ("en", "Pavel Orlin, a former spy, arrived in Oslo.", "Pavel Orlin", ("former spy", None)),
        ("fr", "Le journaliste Pavel Orlin a été libéré jeudi.", "Pavel Orlin", ("journalist", None)),
        ("fr", "Karl Mendez, diplomate américain, a dénoncé le verdict.", "Karl Mendez", ("diplomat", "US")),
        ("ru", "Журналист Павел Орлин был освобожден в четверг.", "Павел Орлин", ("journalist", None)),
        ("de", "Pavel Orlin, ein russischer Journalist, kam frei.", "Pavel Orlin", ("journalist", "RU")),
        ("ru", "Карл Мендес, американский дипломат, заявил это.", "Карл Мендес", ("diplomat", "US")),
    ],
)  # fmt: skip
def test_role_noun_in_apposition(
    language: str, text: str, name: str, expected: tuple[str, str | None]
) -> None:
    assert _roles(text, language)[name] == expected


@pytest.mark.parametrize(
    ("language", "text", "name", "expected"),
    [
        # The demonym opens the description before the name; modifiers may stand between.
        ("en", "American journalist Karl Mendez was freed.", "Karl Mendez", ("journalist", "US")),
        ("en", "Russian opposition politician Pavel Orlin spoke.", "Pavel Orlin", ("politician", "RU")),
        ("ru", "Российский оппозиционный политик Павел Орлин выступил.", "Павел Орлин", ("politician", "RU")),
        # Romance languages put the demonym after the noun, before the name.
        ("fr", "Le journaliste américain Karl Mendez a été libéré.", "Karl Mendez", ("journalist", "US")),
        ("es", "El periodista estadounidense Karl Mendez fue liberado.", "Karl Mendez", ("journalist", "US")),
        # Common occupations the embedding-built tables miss (occupations.tsv), feminine forms too.
        ("fr", "La chanteuse Lina Morel a ouvert le concert.", "Lina Morel", ("singer", None)),
        ("ru", "Журналистка Анна Рид тоже была освобождена.", "Анна Рид", ("journalist", None)),
        # The employer between the role noun and the name: an outlet, or a quoted name.
        ("ru", "Корреспондент Reuters Иван Петров сообщил об этом.", "Иван Петров", ("reporter", None)),
        ("ru", "Журналист газеты «Вести» Анна Смирнова написала это.", "Анна Смирнова", ("journalist", None)),
        ("fr", "L'opposant russe Pavel Orlin a parlé.", "Pavel Orlin", ("dissident", "RU")),
        # No role noun: a demonym alone before a name gives no role.
        ("en", "The journalist Karl Mendez was freed.", "Karl Mendez", ("journalist", None)),
    ],
)  # fmt: skip
def test_role_noun_before_the_name_with_its_demonym(
    language: str, text: str, name: str, expected: tuple[str, str | None]
) -> None:
    assert _roles(text, language)[name] == expected


@pytest.mark.parametrize(
    ("language", "text", "name", "role"),
    [
        # Both words are ordinary English words ("swift", "bond"): the role noun makes the name.
        ("en", "The singer Taylor Swift cancelled three concerts.", "Taylor Swift", "singer"),
        ("en", "The actor Daniel Bond opened the festival.", "Daniel Bond", "actor"),
    ],
)
def test_a_role_noun_before_ordinary_words_makes_them_a_name(
    language: str, text: str, name: str, role: str
) -> None:
    assert _roles(text, language)[name][0] == role


def test_ordinary_words_without_a_role_noun_stay_no_name() -> None:
    assert _roles("The Rose Garden was closed to the public on Monday.", "en") == {}


def test_office_wins_over_open_role() -> None:
    found = _roles("Foreign Minister Pavel Orlin, a former journalist, arrived in Oslo.", "en")
    assert found["Pavel Orlin"][0] == "foreign minister"


def test_a_name_after_the_comma_is_no_role() -> None:
    """ "X, Hunter and Y": a capitalised word after the comma is a name, not the noun "hunter"."""
    found = _roles("The court heard Pavel Orlin, Hunter Mills and two others on Monday.", "en")
    assert found["Pavel Orlin"][0] is None


def test_english_roles_from_agents(tmp_path: Path) -> None:
    agents = tmp_path / "agents.txt"
    agents.write_text(
        "# comment\n!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON\n"
        "JOURNALIST [~MED]\nBUSINESS!PERSON! [~BUS]\nPOLITICAL_PRISONER [~OPP]\n"
        "MILITARY_AIRCRAFT [~MIL]\nHOSPITAL [~HLH]\nGUNMEN [~CRM]\nLEGISLATION [~GOV]\nUNCODED_THING\n",
        encoding="utf-8",
    )
    assert english_roles(agents) == ["businessman", "businesswoman", "journalist", "prisoner"]


def test_nearest_map_needs_a_mutual_neighbour() -> None:
    english = np.eye(3, dtype=np.float32)
    foreign = np.array([[0.9, 0.1, 0], [0.8, 0.2, 0], [0, 0.2, 0.9]], dtype=np.float32)
    found = nearest_map(foreign / np.linalg.norm(foreign, axis=1, keepdims=True), english)
    assert [j for j, _ in found] == [0, -1, 2]  # row 1 is nearest to English 0, which prefers row 0
    assert found[0][1] > 0.99


@pytest.mark.parametrize("language", ["en", "fr", "ru", "de"])
def test_shipped_tables(language: str) -> None:
    """Each table carries the CAMEO licence notice; its roles are English nouns of the English table."""
    text = resources.files(langs.__name__).joinpath(language, "open_roles.tsv").read_text(encoding="utf-8")
    assert "Open Event Data Alliance" in text and "MIT License" in text
    table = open_roles(language)
    english = set(open_roles("en").values())
    assert len(table) > 50
    assert set(table.values()) <= english
    assert all(form == form.casefold() and " " not in form for form in table)


def test_wordnet_people_keeps_role_branches(tmp_path: Path) -> None:
    """Nouns under a role branch of person, written in lower case, with an agent ending or tagged
    as a person; not kin, names or a noun whose person sense is an old trade ("canary")."""
    (tmp_path / "data.noun").write_text(
        "00007846 18 n 01 person 0 003 ~ 00000100 n 0000 ~ 00000200 n 0000 ~ 00000300 n 0000 | a human\n"
        "00000100 18 n 01 worker 0 001 ~ 00000110 n 0000 | works\n"
        "00000110 18 n 02 singer 0 vocalist 0 000 | sings\n"
        "00000200 18 n 01 relative 0 001 ~ 00000210 n 0000 | kin\n"
        "00000210 18 n 01 aunt 0 000 | kin\n"
        "00000300 18 n 01 entertainer 0 002 ~ 00000310 n 0000 ~ 00000320 n 0000 | entertains\n"
        "00000310 18 n 01 Beyonce 0 000 | a singer\n"
        "00000320 18 n 01 canary 0 000 | an informer\n",
        encoding="latin-1",
    )
    words = ["person 00007846", "worker 00000100", "singer 00000110", "vocalist 00000110",
             "relative 00000200", "aunt 00000210", "entertainer 00000300", "beyonce 00000310",
             "canary 00000320"]  # fmt: skip
    index = "".join(f"{w} n 1 0 1 0 {o}\n" for w, o in (line.split() for line in words))
    (tmp_path / "index.noun").write_text(index, encoding="latin-1")
    (tmp_path / "cntlist.rev").write_text("aunt%1:18:00:: 1 3\n", encoding="latin-1")
    assert people_nouns(tmp_path) == {"worker", "singer", "vocalist", "entertainer"}


def test_noun_forms_of_a_mapped_lemma() -> None:
    assert _noun_form("fr", "journaliste", "journalistes")
    assert not _noun_form("fr", "répondre", "répondu")  # a verb's conjugated form
    assert _noun_form("ru", "журналист", "журналиста")
    assert not _noun_form("ru", "журналист", "журналистам")  # plural: "заявил журналистам X"


def test_a_latin_script_employer_before_a_cyrillic_name_is_an_organisation() -> None:
    text = "Корреспондент Bloomberg Олег Иванов прилетел в Минск."
    found = extract_actors(text, language="ru", places=extract_places(text, language="ru"))
    kinds = {m.name: (m.kind, m.role) for m in found}
    assert kinds["Bloomberg"] == ("organization", None)
    assert kinds["Олег Иванов"] == ("person", "reporter")


@pytest.mark.parametrize(
    ("language", "text", "name", "role"),
    [
        ("en", "He met Judge Juan Merchan on Monday.", "Juan Merchan", "judge"),
        ("en", "The bill was drafted by Congresswoman Nancy Mace.", "Nancy Mace", "congresswoman"),
        ("en", "He met Senator Ted Cruz in Austin.", "Ted Cruz", "senator"),
        ("de", "Die Sängerin Helene Fischer eröffnete das Konzert.", "Helene Fischer", "singer"),
    ],
)
def test_a_capitalised_role_noun_opening_a_run_is_the_role(
    language: str, text: str, name: str, role: str
) -> None:
    assert _roles(text, language)[name][0] == role


def test_a_capitalised_role_noun_before_no_given_name_stays_in_the_name() -> None:
    text = "She studied at the Judge Business School in Cambridge."
    assert _roles(text, "en") == {}


def test_an_adjective_before_a_demonym_is_no_role() -> None:
    # "oficial" qualifies the agency; the agency's name is no person.
    assert _roles("Lo informó la agencia oficial libia Jana el martes.", "es") == {}


def test_a_lone_word_after_an_outlet_takes_no_role() -> None:
    text = "La periodista de Al Jazeera English habló desde El Cairo."
    assert "English" not in _roles(text, "es")
