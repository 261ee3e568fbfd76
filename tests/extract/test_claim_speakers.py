"""Claim speakers are actors: gold written by us for the cases that went wrong on unseen news.

Each case is our own sentence in the language concerned, with the statement a claim must
carry and the speaker chain (actor names; an empty chain when the phrase names no actor).
"""

from __future__ import annotations

import pytest

from storyline.extract.actors import extract_actors
from storyline.extract.claims import extract_claims
from storyline.extract.places import extract_places
from storyline.model import Claim


def claims(text: str, lang: str) -> list[Claim]:
    actors = extract_actors(text, language=lang, places=extract_places(text, language=lang))
    return list(extract_claims(text, language=lang, actors=actors))


def said(text: str, lang: str) -> list[tuple[list[str], str]]:
    return [
        ([s.name for s in c.speakers], text[c.statement.start : c.statement.end]) for c in claims(text, lang)
    ]


GOLD = [
    # A pronoun opening the clause is the nearest person, never the clause itself.
    (
        "id",
        "Prabowo menyatakan bahwa Indonesia harus mandiri pangan. Ia juga berjanji memberantas korupsi "
        "dan menegaskan bahwa Indonesia tidak akan bergabung dengan pakta militer.",
        [(["Prabowo"], "Indonesia harus mandiri pangan"), (["Prabowo"], "Indonesia tidak akan bergabung")],
    ),
    # "he" after an organisation named in an attribution is the person of the story.
    (
        "en",
        "Prabowo Subianto won with 58 percent of the vote, according to the General Elections Commission. "
        "In his first speech, he told lawmakers that Indonesia must feed itself.",
        [
            (["General Elections Commission"], "Prabowo Subianto won"),
            (["Prabowo Subianto"], "Indonesia must feed"),
        ],
    ),
    # A dateline and a fronted phrase are no speakers.
    (
        "en",
        "Aug 5 (Reuters) - With about half of US voters undecided, the campaign said it would spend more.",
        [([], "it would spend more")],
    ),
    # The speaker after the verb: Russian "сообщает пресс-служба", Arabic verb-subject order.
    ("ru", "Матч перенесли на следующую неделю, сообщает пресс-служба KNVB.", [(["KNVB"], "Матч перенесли")]),
    (
        "ar",
        "وقال المرصد السوري لحقوق الإنسان إن الطائرات قصفت السوق الرئيسي.",
        [(["Syrian Observatory for Human Rights"], "الطائرات قصفت السوق")],
    ),
    # The subject before an appositive speaks ("X, who …, announced that").
    (
        "en",
        "President Joe Biden, who hosted the talks, announced on Tuesday that five countries would send "
        "air defence systems to Ukraine.",
        [(["Joe Biden"], "five countries would send")],
    ),
    (
        "fr",
        "A Tokyo, le premier ministre japonais, Shigeru Ishiba, a salué une décision très importante.",
        [(["Shigeru Ishiba"], "une décision très importante")],
    ),
]


@pytest.mark.parametrize(("lang", "text", "expected"), GOLD)
def test_speakers_are_actors(lang: str, text: str, expected: list[tuple[list[str], str]]) -> None:
    found = said(text, lang)
    assert [names for names, _ in found] == [names for names, _ in expected]
    for (_, statement), (_, snippet) in zip(found, expected, strict=True):
        assert snippet in statement


def test_every_speaker_is_an_actor_mention() -> None:
    for lang, text, _ in GOLD:
        ids = {m.id for m in extract_actors(text, language=lang, places=extract_places(text, language=lang))}
        assert all(s.id in ids for c in claims(text, lang) for s in c.speakers)


def test_a_pronoun_speaker_is_the_subject_of_the_sentence_before() -> None:
    from storyline.extract.actors import extract_actors
    from storyline.extract.claims import extract_claims
    from storyline.extract.places import extract_places

    for text, lang, subject in (
        (
            "Le président Paul Girard a reçu Marc Dubois. Il a déclaré que la visite était utile.",
            "fr",
            "Paul Girard",
        ),
        (
            "Президент Иван Петров встретил Олега Смирнова. Он заявил, что встреча была полезной.",
            "ru",
            "Иван Петров",
        ),
    ):
        actors = extract_actors(text, language=lang, places=extract_places(text, language=lang))
        (claim,) = extract_claims(text, language=lang, actors=actors)
        assert [s.name for s in claim.speakers] == [subject], text


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "The mayor, Anna Berg, opened the new bridge on Monday. According to her, traffic in the "
            "old town will fall by a third.",
            "en",
            ["Anna Berg"],
        ),
        (
            "Ordfører Marte Solheim åpnet den nye brua mandag. Ifølge henne vil trafikken i sentrum "
            "falle med en tredjedel.",
            "nb",
            ["Marte Solheim"],
        ),
        # A possessive is no pronoun speaker: "her ministry" names nobody of the article.
        (
            "The minister, Anna Berg, opened the new bridge on Monday. Her ministry said that the "
            "old bridge would close in May.",
            "en",
            [],
        ),
    ],
)
def test_an_object_pronoun_after_according_to_is_the_person_before(
    text: str, lang: str, expected: list[str]
) -> None:
    (claim,) = claims(text, lang)
    assert [s.name for s in claim.speakers] == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("« La digue tiendra », a déclaré le ministre de l'Intérieur, Paul Girard, à Nîmes.", "fr"),
        ("« La digue tiendra », a déclaré le ministre de l'Intérieur, Paul Girard.", "fr"),
        ('"The dam will hold," said the interior minister, Paul Girard, in Nimes.', "en"),
    ],
)
def test_a_quotes_speaker_named_in_apposition_after_the_title(text: str, lang: str) -> None:
    assert [speakers for speakers, _ in said(text, lang)] == [["Paul Girard"]]


def test_lay_people_do_not_speak_for_the_last_organisation() -> None:
    text = (
        "The European Commission said on Monday that the dam would hold. "
        "Residents said that they had never seen the river rise so fast."
    )
    assert [speakers for speakers, _ in said(text, "en")] == [["European Commission"], []]


def test_declaring_a_state_of_emergency_is_an_act_not_a_claim() -> None:
    text = "Prime Minister Jan Nowak declared a state of natural disaster in the southern regions on Sunday."
    assert said(text, "en") == []


def test_a_title_alone_speaks_for_the_last_person_in_that_office() -> None:
    from storyline.extract.actors import extract_actors
    from storyline.extract.claims import extract_claims
    from storyline.extract.places import extract_places

    text = (
        "El presidente del Gobierno, Luis Ortega, visitó Valencia con Ana Ruiz. "
        "El jefe del Ejecutivo reconoció que la ayuda no era suficiente."
    )
    actors = extract_actors(text, language="es", places=extract_places(text, language="es"))
    (claim,) = extract_claims(text, language="es", actors=actors)
    assert [s.name for s in claim.speakers] == ["Luis Ortega"]


def test_a_title_with_a_country_adjective_is_that_country_s_office_holder() -> None:
    """ "the Chinese defence minister" after two defence ministers were named is the Chinese one."""
    text = (
        "Den russiske forsvarsministeren Andrej Belousov møtte Kinas forsvarsminister Dong Jun i Beijing. "
        "«Vi kan utvikle militært samarbeid», sa den kinesiske forsvarsministeren."
    )
    assert said(text, "nb") == [(["Dong Jun"], "Vi kan utvikle militært samarbeid")]


def test_a_document_named_by_a_bare_noun_speaks_for_the_speaker_before_it() -> None:
    text = (
        "NATO leaders said on Wednesday that the alliance would keep supporting Ukraine. "
        "The communique also described Iran as a key supplier of drones to Russia."
    )
    found = said(text, "en")
    assert [speakers for speakers, _ in found] == [["NATO"], ["NATO"]]


def test_a_counted_plural_speaker_is_a_speaker() -> None:
    """ "the 32 allies pledged": the number counts the speakers, it does not end the phrase."""
    text = (
        "NATO leaders said on Wednesday that the alliance would keep supporting Ukraine. "
        "Meeting in Washington, the 32 allies pledged 40 billion euros in military aid for Kyiv."
    )
    found = said(text, "en")
    assert found[-1] == (["NATO"], "40 billion euros in military aid for Kyiv")


def test_she_is_not_the_person_he_was() -> None:
    text = (
        "Donald Trump won the election on Wednesday, beating Kamala Harris. He said Americans had "
        "given him a mandate. Addressing students at Howard University, she said she accepted the result."
    )
    assert [speakers for speakers, _ in said(text, "en")] == [["Donald Trump"], ["Kamala Harris"]]


def test_he_keeps_the_speaker_a_pronoun_last_referred_to() -> None:
    """ "X beat Y. Known for …, he has called for …. He has also … said": the second "he" is the
    speaker the first one was, although Y was named after X's last mention."""
    text = (
        "Shigeru Ishiba beat Sanae Takaichi in the party runoff last Friday. "
        "Known for criticising party leaders, he has called for an Asian version of NATO. "
        "He has also proposed liaison offices and said he is open to meeting Kim Jong Un."
    )
    assert [speakers for speakers, _ in said(text, "en")][-1] == ["Shigeru Ishiba"]


def test_russian_according_to_his_words_and_an_inflected_surname() -> None:
    """ "По его словам" holds its speaker in the cue; "Путина" is the genitive of "Путин"."""
    text = (
        "Президент США Джо Байден заявил, что сделка стала возможной благодаря союзникам. "
        "По его словам, это был очень сложный процесс. "
        "Владимир Путин встретил освобождённых в аэропорту. По словам Путина, все они получат награды."
    )
    assert said(text, "ru") == [
        (["Джо Байден"], "сделка стала возможной благодаря союзникам"),
        (["Джо Байден"], "это был очень сложный процесс"),
        (["Владимир Путин"], "все они получат награды"),
    ]
