"""Titles before a name: a demonym inside the role, a past office after an elided article, the
organisation before the title, and the chair of a body that is no state."""

from __future__ import annotations

import pytest

from storyline.extract.actors import extract_actors
from storyline.extract.places import extract_places


def person(text: str, lang: str) -> tuple[str, str | None, str | None]:
    (found,) = [
        (m.name, m.role, m.country)
        for m in extract_actors(text, language=lang, places=extract_places(text, language=lang))
        if m.kind == "person"
    ]
    return found


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "La ministre allemande des Affaires étrangères, Annalena Baerbock, est arrivée à Kiev.",
            "fr",
            ("Annalena Baerbock", "foreign minister", "DE"),
        ),
        (
            "La ministra alemana de Exteriores, Annalena Baerbock, llegó a Kiev.",
            "es",
            ("Annalena Baerbock", "foreign minister", "DE"),
        ),
        (
            "L'ancien président américain Barack Obama a parlé.",
            "fr",
            ("Barack Obama", "former president", "US"),
        ),
        ("Kremlin spokesman Dmitry Peskov denied the report.", "en", ("Dmitry Peskov", "spokesperson", "RU")),
        ("Le président du comité, Jean Dupont, a parlé.", "fr", ("Jean Dupont", "chair", None)),
        ("Le coprésident de l'organisation, Jean Dupont, a parlé.", "fr", ("Jean Dupont", "co-chair", None)),
        ("Komiteens leder Kari Holm sa at prisen går til Japan.", "nb", ("Kari Holm", "chair", None)),
        ("Committee chair Jane Smith spoke on Monday.", "en", ("Jane Smith", "chair", None)),
        # A head word joined to its body by a hyphen (German).
        ("Gestern sprach CDU-Chef Max Weber in Bonn.", "de", ("Max Weber", "leader", None)),
        # A title spelt with "ß", which casefolding turns into "ss".
        ("Die Außenministerin Petra Lang reiste nach Kiew.", "de", ("Petra Lang", "foreign minister", None)),
        # A second title as the complement of the first: the first is the role.
        (
            "The spokesman for the French president, Jean Dupont, said the visit was off.",
            "en",
            ("Jean Dupont", "spokesperson", "FR"),
        ),
        (
            "Le porte-parole du président français, Jean Dupont, a annoncé le report de la visite.",
            "fr",
            ("Jean Dupont", "spokesperson", "FR"),
        ),
        (
            "Пресс-секретарь президента России Дмитрий Песков ответил на вопросы журналистов.",
            "ru",
            ("Дмитрий Песков", "spokesperson", "RU"),
        ),
        # No link between the two titles: the nearer one is the role (Turkish puts the head last).
        ("Cumhurbaşkanı Sözcüsü Ömer Çelik açıklama yaptı.", "tr", ("Ömer Çelik", "spokesperson", None)),
        # Offices beyond the government.
        ("Мэр Москвы Сергей Собянин открыл новую станцию.", "ru", ("Сергей Собянин", "mayor", "RU")),
        ("Канцлер Германии Олаф Шольц прибыл в Варшаву.", "ru", ("Олаф Шольц", "chancellor", "DE")),
        ("Губернатор Вячеслав Гладков сообщил об ударе.", "ru", ("Вячеслав Гладков", "governor", None)),
        ("Міністр фінансів Сергій Марченко виступив.", "uk", ("Сергій Марченко", "finance minister", None)),
        ("Le chancelier allemand Olaf Scholz est arrivé.", "fr", ("Olaf Scholz", "chancellor", "DE")),
        ("Ordfører Marte Solheim åpnet brua.", "nb", ("Marte Solheim", "mayor", None)),
        ("House Speaker Mike Johnson postponed the vote.", "en", ("Mike Johnson", "speaker", None)),
        # A short complement closed by a comma, then the name.
        (
            "La ministre de la Culture, Claire Vasseur, a annoncé un plan.",
            "fr",
            ("Claire Vasseur", "minister", None),
        ),
        (
            "Selon le porte-parole du gouvernement, Paul Girard, rien n'est décidé.",
            "fr",
            ("Paul Girard", "spokesperson", None),
        ),
        (
            "The spokesman of the regional government of Poland, Jan Nowak, said no.",
            "en",
            ("Jan Nowak", "spokesperson", "PL"),
        ),
        # Any singular case of a Russian title; the head of a country's ministry.
        (
            "Переговоры с госсекретарём США Марко Рубио прошли в Анкаре.",
            "ru",
            ("Марко Рубио", "foreign minister", "US"),
        ),
        (
            "Глава МИД России Сергей Лавров прибыл в Анкару.",
            "ru",
            ("Сергей Лавров", "foreign minister", "RU"),
        ),
        # A city or region before the title: the office is the place's, so is its country.
        ("Oslo Mayor Anne Lindboe opened the bridge.", "en", ("Anne Lindboe", "mayor", "NO")),
        ("Chicago's mayor, Brandon Johnson, spoke on Monday.", "en", ("Brandon Johnson", "mayor", "US")),
    ],
)  # fmt: skip
def test_title_before_a_name(text: str, lang: str, expected: tuple[str, str | None, str | None]) -> None:
    assert person(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        ("Pope Francis prayed for peace at the Sunday mass in Rome.", "en", "Francis"),
        ("Le pape François a prié pour la paix lors de la messe à Rome.", "fr", "François"),
        ("Папа Римский Франциск призвал к миру во время мессы.", "ru", "Франциск"),
    ],
)
def test_the_pope_is_an_office(text: str, lang: str, name: str) -> None:
    assert person(text, lang)[:2] == (name, "pope")


def test_a_head_word_after_an_organisation_takes_its_head_role() -> None:
    assert person("NATO chief Mark Rutte arrived in Vilnius on Monday.", "en")[1] == "secretary general"
    assert person("The head of NATO, Mark Rutte, arrived in Vilnius.", "en")[1] == "secretary general"


def test_a_place_with_a_case_ending_closes_a_turkish_name() -> None:
    assert person("Hamas lideri İsmail Haniye Tahran'da konuştu.", "tr")[:2] == ("İsmail Haniye", "leader")


def test_the_president_of_a_state_is_no_chair() -> None:
    assert person("Le président de la France, Emmanuel Macron, a parlé.", "fr")[1] == "president"
    assert person("Nord-Koreas leder Kim Jong-un sa at testen lyktes.", "nb")[1] == "leader"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Prisen går til den japanske organisasjonen Sora Tomo, som hjelper overlevende.", "nb"),
        ("Le prix revient à Sora Tomo, un mouvement japonais de survivants.", "fr"),
        ("The prize went to the Japanese group Sora Tomo on Friday.", "en"),
    ],
)
def test_a_name_described_as_an_organisation_of_a_country(text: str, lang: str) -> None:
    found = [
        (m.name, m.kind, m.country)
        for m in extract_actors(text, language=lang, places=extract_places(text, language=lang))
        if m.name == "Sora Tomo"
    ]
    assert found == [("Sora Tomo", "organization", "JP")]


def test_a_role_after_an_apposition_belongs_to_the_subject() -> None:
    text = (
        "Dalam sidang itu, Budi Santoso, putra sulung seorang petani dari Bogor, "
        "dilantik sebagai wakil presiden."
    )
    assert person(text, "id")[:2] == ("Budi Santoso", "vice president")


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Dmitry Peskov, the Kremlin spokesman, said the deal was done.", "en", ("spokesperson", "RU")),
        ("Dmitri Peskov, porte-parole du Kremlin, a démenti.", "fr", ("spokesperson", "RU")),
        ("Dmitri Peskov, portavoz del Kremlin, lo negó.", "es", ("spokesperson", "RU")),
    ],
)
def test_an_appositive_role_takes_the_country_of_its_organisation(
    text: str, lang: str, expected: tuple[str, str]
) -> None:
    assert person(text, lang)[1:] == expected


def test_the_office_a_person_takes_replaces_the_title_before_the_name() -> None:
    text = "Hôm nay, Chủ tịch nước Trần Văn Nam được bầu làm Tổng Bí thư."
    assert person(text, "vi")[:2] == ("Trần Văn Nam", "general secretary")
    text = "Hôm nay, Chủ tịch nước Trần Văn Nam làm việc tại Hà Nội."
    assert person(text, "vi")[:2] == ("Trần Văn Nam", "president")


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        ("Commission President Ursula von der Leyen spoke.", "en", "Ursula von der Leyen"),
        ("La présidente Ursula von der Leyen a parlé.", "fr", "Ursula von der Leyen"),
        ("Coach Rafael van der Vaart resigned.", "en", "Rafael van der Vaart"),
        ("Pope Leo XIV prayed for peace.", "en", "Leo XIV"),
        ("King Charles III visited Ottawa.", "en", "Charles III"),
        ("Le pape Léon XIV a prié.", "fr", "Léon XIV"),
    ],
)  # fmt: skip
def test_two_particles_and_a_regnal_number_stay_in_the_name(text: str, lang: str, name: str) -> None:
    assert person(text, lang)[0] == name


def test_a_name_keeps_to_one_script() -> None:
    text = "Журналист Bloomberg Иван Петров сообщил об этом."
    names = [m.name for m in extract_actors(text, language="ru", places=extract_places(text, language="ru"))]
    assert "Иван Петров" in names


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Губернатор Белгородской области Вячеслав Гладков сообщил.", "ru", ("Вячеслав Гладков", "governor")),
        ("Мэр города Иван Петров открыл мост.", "ru", ("Иван Петров", "mayor")),
        ("Мер міста Віталій Кличко заявив.", "uk", ("Віталій Кличко", "mayor")),
    ],
)  # fmt: skip
def test_a_title_reaches_the_name_past_its_genitive_complement(
    text: str, lang: str, expected: tuple[str, str]
) -> None:
    assert person(text, lang)[:2] == expected


def test_a_genitive_complement_needs_a_given_name_after_it() -> None:
    text = "Губернатор области Белгород посетил."
    assert [
        m
        for m in extract_actors(text, language="ru", places=extract_places(text, language="ru"))
        if m.kind == "person"
    ] == []


def test_one_person_named_in_several_cases_is_one_actor_under_the_plainest_form() -> None:
    text = (
        "Встреча с Илоном Маском прошла в среду. Илон Маск заявил, что доволен. "
        "Анна Смирнова ответила. Позже слово дали Анне Смирновой."
    )
    found = extract_actors(text, language="ru", places=extract_places(text, language="ru"))
    names = {m.text: (m.name, m.id) for m in found if m.kind == "person"}
    assert names["Илоном Маском"] == names["Илон Маск"]
    assert names["Илоном Маском"][0] == "Илон Маск"
    assert names["Анне Смирновой"] == names["Анна Смирнова"]
