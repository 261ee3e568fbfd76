"""Actors from the coded dictionaries: evidence for people, countries, roles, outlets and credits."""

from __future__ import annotations

from storyline.extract.actors import extract_actors
from storyline.extract.places import extract_places
from storyline.model import Mention


def actors(text: str, lang: str) -> list[Mention]:
    return list(extract_actors(text, language=lang, places=extract_places(text, language=lang)))


def people(text: str, lang: str) -> list[str]:
    return [m.name for m in actors(text, lang) if m.kind == "person"]


def test_places_and_buildings_are_not_people() -> None:
    assert people("La ofensiva en Guta Oriental sigue, según fuentes locales.", "es") == []
    assert "Gedung Nusantara" not in people("Presiden dilantik di Gedung Nusantara, Jakarta.", "id")


def test_names_in_the_lemma_dictionary_are_still_names() -> None:
    # simplemma's English dictionary holds "Barack" and "Obama" as capitalised entries: no ordinary words.
    assert people("Angela Merkel met Barack Obama in Berlin.", "en") == ["Angela Merkel", "Barack Obama"]
    assert people("Barack Obama spoke in Chicago on Monday.", "en") == ["Barack Obama"]
    # German capitalises its nouns: there a capitalised entry is an ordinary word.
    assert people("Regierung und Opposition stritten am Montag in Berlin.", "de") == []


def test_leaders_coded_as_their_group_are_people() -> None:
    # CAMEO codes Hezbollah's leader as Hezbollah; as a name he is a person, and "al-" ends the name.
    found = {(m.name, m.kind) for m in actors("Hassan Nasrallah said talks would continue.", "en")}
    assert found == {("Hassan Nasrallah", "person")}
    found = {(m.name, m.country) for m in actors("Abdel Fattah al-Sisi met Benjamin Netanyahu.", "en")}
    assert found == {("Abdel Fattah al-Sisi", "EG"), ("Benjamin Netanyahu", "IL")}
    text = "Syrian President Bashar al-Assad spoke in Damascus. Assad said the war was over."
    assad = {m.id for m in actors(text, "en") if m.kind == "person"}
    assert len(assad) == 1  # the lone "Assad" is the same person


def test_ordinals_and_the_country_abbreviation_around_a_title() -> None:
    def roles(text: str, lang: str) -> dict[str, tuple[str | None, str | None]]:
        return {m.name: (m.role, m.country) for m in actors(text, lang) if m.kind == "person"}

    text = "Menteri Luar Negeri RI Retno Marsudi menyambut Presiden ke-7 RI Joko Widodo di Jakarta."
    assert roles(text, "id") == {
        "Retno Marsudi": ("foreign minister", "ID"),
        "Joko Widodo": ("president", "ID"),
    }
    text = "Barack Obama, the 44th president of the United States, spoke in Chicago."
    assert roles(text, "en") == {"Barack Obama": ("president", "US")}
    text = "Jomo Kenyatta, the first president of Kenya, died in 1978."
    assert roles(text, "en") == {"Jomo Kenyatta": ("president", "KE")}


def test_spellings_of_one_person_are_one_actor_with_one_name() -> None:
    found = actors("El presidente ruso, Vladímir Putin, habló. Luego Vladimir Putin se fue.", "es")
    persons = {(m.id, m.name) for m in found if m.kind == "person"}
    assert persons == {("person:vladimirputin", "Vladímir Putin")}


def test_dictionary_people_take_their_country() -> None:
    (biden,) = [
        m for m in actors("Joe Biden told reporters the talks went well.", "en") if m.kind == "person"
    ]
    assert biden.country == "US"


def test_state_roles_and_bodies_take_the_country_of_the_story() -> None:
    text = (
        "El presidente del Gobierno, Pedro Sánchez, visitó Valencia. La Policía Nacional llegó a "
        "Paiporta y a Valencia, en el este de España."
    )
    found = {m.name: m for m in actors(text, "es")}
    assert found["Pedro Sánchez"].country == "ES"
    assert found["Policía Nacional"].country == "ES"


def test_role_nouns_of_the_coding_dictionaries() -> None:
    (ressa,) = [m for m in actors("The journalist Maria Ressa spoke in Manila.", "en") if m.kind == "person"]
    assert ressa.role == "journalist"
    (rutte,) = [
        m for m in actors("Former Dutch Prime Minister Mark Rutte spoke.", "en") if m.kind == "person"
    ]
    assert (rutte.role, rutte.country) == ("former prime minister", "NL")


def test_dateline_outlet_and_photo_credit() -> None:
    text = (
        "JAKARTA, Kabar Kita — Presiden membuka sidang.\n"
        "Suasana sidang di Jakarta. (Foto: Kabar Kita/Dimas Pratama)\n"
    )
    found = {(m.name, m.kind, m.role) for m in actors(text, "id")}
    assert ("Kabar Kita", "organization", "news outlet") in found
    assert ("Dimas Pratama", "person", "photographer") in found


def test_credits_by_a_word_an_agency_and_a_closing_signature() -> None:
    text = "The mayor opened the bridge on Monday.\nReporting by Harbour Post staff; editing by Jane Moss\n"
    found = {(m.name, m.kind, m.role) for m in actors(text, "en")}
    assert ("Harbour Post", "organization", "news outlet") in found
    assert ("Jane Moss", "person", "editor") in found
    text = "A ponte foi aberta na segunda-feira. Foto: Agência Serra\n"
    assert ("Agência Serra", "organization", "news agency") in {
        (m.name, m.kind, m.role) for m in actors(text, "pt")
    }
    text = "Presiden membuka sidang di Jakarta pada Senin.\n\n(Dewi Lestari)\n"
    assert ("Dewi Lestari", "person", "journalist") in {(m.name, m.kind, m.role) for m in actors(text, "id")}
    text = "Chính phủ họp tại Hà Nội hôm thứ Hai.\n\nThanh Hà (tổng hợp)\n"
    assert ("Thanh Hà", "person", "journalist") in {(m.name, m.kind, m.role) for m in actors(text, "vi")}
    text = "Chính phủ họp tại Hà Nội hôm thứ Hai.\n\nTin mới\nTin Tài Trợ\n"  # a menu, not a signature
    assert not [m for m in actors(text, "vi") if m.role == "journalist"]
    text = "Presiden membuka sidang di Jakarta pada Senin.\n\nFoto: Det russiske forsvarsdepartementet\n"
    assert not [m for m in actors(text, "id") if m.role in ("news outlet", "photographer")]


def test_bylines_in_a_caseless_script_credit_the_journalist() -> None:
    # Without capitals a byline's name ends at its colon or line end; it is no namesake actor.
    text = "كتب- معتز عباس: أعلنت وزارة الصحة المصرية اليوم عن حالات جديدة.\nكتبت - منال المصري\n"
    found = {(m.name, m.kind, m.role) for m in actors(text, "ar")}
    assert {("معتز عباس", "person", "journalist"), ("منال المصري", "person", "journalist")} <= found
    assert not any(m.country == "PS" for m in actors(text, "ar"))
    # "كتب" as a verb ("wrote") takes no credit.
    text = "كتب الرئيس الفلسطيني محمود عباس في رسالة إلى الأمين العام."
    assert all(m.role != "journalist" for m in actors(text, "ar"))


def test_a_dateline_place_after_the_comma_is_no_outlet() -> None:
    """ "CITY, STATE —" and "CITY, COUNTRY —" are datelines of places: no outlet is read into them."""
    for text, lang in (
        ("WEST PALM BEACH, Florida — Donald Trump won the election.", "en"),
        ("KYIV, Ukraine — Volodymyr Zelensky met the envoy.", "en"),
    ):
        assert not [m for m in actors(text, lang) if m.role == "news outlet"], text


def test_news_agencies_have_their_role() -> None:
    (reuters,) = [m for m in actors("Reuters reported the deal on Monday.", "en") if m.kind == "organization"]
    assert reuters.role == "news agency"


def test_a_place_takes_the_reading_in_a_country_the_text_names() -> None:
    places = extract_places("Las lluvias en Valencia, España, dejaron 200 muertos.", language="es")
    assert [(p.text, p.country) for p in places] == [("Valencia", "ES"), ("España", "ES")]
    places = extract_places("Valencia es la tercera ciudad de Venezuela.", language="es")
    assert [(p.text, p.country) for p in places] == [("Valencia", "VE"), ("Venezuela", "VE")]
