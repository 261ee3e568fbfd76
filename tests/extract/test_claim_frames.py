"""Reporting frames that are not statements, and speakers found by sentence shape (issue 10).

Every case is our own sentence; each failed before the rule it tests.
"""

from __future__ import annotations

from storyline.extract.actors import extract_actors
from storyline.extract.claims import extract_claims
from storyline.extract.places import extract_places


def said(text: str, lang: str) -> list[tuple[list[str], str]]:
    """(speaker names, statement) of every claim of ``text``, with the real actor extractor."""
    actors = extract_actors(text, language=lang, places=extract_places(text, language=lang))
    return [
        ([s.name for s in c.speakers], text[c.statement.start : c.statement.end])
        for c in extract_claims(text, language=lang, actors=actors)
    ]


def test_a_headline_line_is_no_claim() -> None:
    text = (
        "Carney says tariff deal is a win for workers\n\n"
        "OTTAWA — Prime Minister Mark Carney said on Thursday that the agreement was a win for workers."
    )
    assert said(text, "en") == [(["Mark Carney"], "the agreement was a win for workers")]


def test_a_question_is_no_claim() -> None:
    text = "Would the ministry say that the agreement was fair to both sides?"
    assert said(text, "en") == []


def test_said_to_be_is_passive() -> None:
    assert said("Anna Kowalska is said to be in good health after her release from hospital.", "en") == []
    assert said("The two pilots were also reported missing after the crash near the border.", "en") == []


def test_a_capitalised_verb_form_inside_a_name_is_no_verb() -> None:
    text = "Donald Trump was elected the 47th president of the United States on Wednesday, in a comeback."
    assert said(text, "en") == []


def test_a_relative_pronoun_speaker_is_the_actor_before_it() -> None:
    text = "Ishiba replaces Fumio Kishida, who said in August that he would not seek another term."
    assert said(text, "en") == [(["Fumio Kishida"], "he would not seek another term")]


def test_statement_before_a_speaker_with_a_closed_adjunct() -> None:
    text = (
        "Assad has fled to Moscow, where Russia granted him asylum, Russian news agencies reported on "
        "Sunday, hours after rebels swept into Damascus and declared the end of his rule."
    )
    ((_, statement),) = said(text, "en")
    assert statement == "Assad has fled to Moscow, where Russia granted him asylum"


def test_french_inverted_pronoun_in_the_verb_is_the_speaker() -> None:
    text = (
        "Emmanuel Macron a reçu les athlètes à l'Élysée. "
        "« C'est une victoire de tout le pays », a-t-il déclaré à la presse."
    )
    assert (["Emmanuel Macron"], "C'est une victoire de tout le pays") in said(text, "fr")


def test_french_according_to_him() -> None:
    text = (
        "Le maire de Lyon, Grégory Doucet, a remercié les habitants. "
        "Selon lui, le nouveau pont restera dans l'histoire de la ville."
    )
    assert said(text, "fr")[-1] == (["Grégory Doucet"], "le nouveau pont restera dans l'histoire de la ville")


def test_russian_and_ukrainian_about_this_reported_x() -> None:
    """ "Об этом сообщили X": the statement is the sentence before, X speaks."""
    ru = "Россия и Белоруссия провели совместные учения под Минском. Об этом в среду сообщило агентство ТАСС."
    ((speakers, statement),) = said(ru, "ru")
    assert statement == "Россия и Белоруссия провели совместные учения под Минском"
    assert speakers == ["TASS"]
    uk = "Польща закрила ще два пункти пропуску на кордоні. Про це повідомили у прикордонній службі."
    ((_, statement),) = said(uk, "uk")
    assert statement == "Польща закрила ще два пункти пропуску на кордоні"


def test_arabic_script_comma_closes_the_speaker_phrase() -> None:
    text = "به گفته این وزارتخانه، همه پروازها از فردا دوباره برقرار می‌شوند."
    ((_, statement),) = said(text, "fa")
    assert statement == "همه پروازها از فردا دوباره برقرار می‌شوند"


def test_a_quoted_title_inside_a_clause_is_not_the_statement() -> None:
    text = 'The orchestra played "Ode to Joy" in the square, organisers said.'
    ((_, statement),) = said(text, "en")
    assert statement.startswith("The orchestra played")


def test_a_verb_cue_ending_in_a_stop_word_leaves_it_to_the_adjunct() -> None:
    """ "said on Friday": the cue "said on" must not make "Friday" the statement."""
    text = "The orchestra played the national anthem twice, the ministry said on Friday."
    ((_, statement),) = said(text, "en")
    assert statement == "The orchestra played the national anthem twice"


def test_a_participle_clause_naming_a_place_is_not_the_subject() -> None:
    text = "Mark Carney, speaking at the World Bank, said the agreement was a win for workers."
    assert said(text, "en") == [(["Mark Carney"], "the agreement was a win for workers")]


def test_a_closing_source_reports_the_report_before_it() -> None:
    text = "The ministry said the farmers had been compensated by the state, according to Reuters."
    ((speakers, statement),) = said(text, "en")
    assert speakers[0] == "Reuters"
    assert statement == "the farmers had been compensated by the state"


def test_a_report_inside_a_relative_clause_is_no_claim() -> None:
    text = "The marathon, which organisers said would be the largest ever, began at dawn on Sunday."
    assert said(text, "en") == []


def test_french_inverted_subject_after_any_verb() -> None:
    text = (
        "La ministre des Sports, Amélie Oudéa-Castéra, a visité le village olympique. "
        "« Nous sommes prêts », a-t-elle souligné devant la presse. "
        "« Tout est prêt pour la fête », estime-t-elle."
    )
    assert said(text, "fr") == [
        (["Amélie Oudéa-Castéra"], "Nous sommes prêts"),
        (["Amélie Oudéa-Castéra"], "Tout est prêt pour la fête"),
    ]


def test_a_long_clause_before_an_inverted_verb_is_the_statement() -> None:
    """The speaker follows the verb: "STATEMENT, a déclaré le maire, X, …"; a short subject with
    appositions before the verb ("le premier ministre, X, a salué …") stays the speaker."""
    text = (
        "Nous travaillons rapidement pour prendre les décisions que les habitants attendent, "
        "a déclaré le maire de Sudbury, Brian Bigger, dans un communiqué."
    )
    assert said(text, "fr") == [
        (
            ["Brian Bigger"],
            "Nous travaillons rapidement pour prendre les décisions que les habitants attendent",
        )
    ]
    text = (
        "Le gouvernement enviará otros 5.000 militares a la provincia, anunció el presidente Pedro Sánchez."
    )
    ((speakers, statement),) = said(text, "es")
    assert (speakers, statement) == (
        ["Pedro Sánchez"],
        "Le gouvernement enviará otros 5.000 militares a la provincia",
    )
    text = (
        "A Tokyo, le premier ministre japonais, Shigeru Ishiba, a salué une distinction très significative."
    )
    assert said(text, "fr") == [(["Shigeru Ishiba"], "une distinction très significative")]


def test_a_verb_form_after_a_determiner_is_a_noun() -> None:
    text = (
        "Un jour après l'annonce de la fermeture des magasins « non essentiels », "
        "beaucoup d'habitants ont décidé de rester chez eux."
    )
    assert said(text, "fr") == []


def test_the_statement_starts_after_a_near_complementiser() -> None:
    text = "President Joe Biden, who hosted the summit, announced on Tuesday that allies would send jets."
    assert said(text, "en") == [(["Joe Biden"], "allies would send jets")]


def test_a_report_inside_a_report_ends_the_chain() -> None:
    """ "The ministry said Minister X stressed Y": X, not the ministry, said Y."""
    text = (
        "Russian Defence Minister Andrei Belousov spoke with Lloyd Austin on Tuesday. "
        "The Russian Defence Ministry said Belousov stressed the risk of a further escalation in Ukraine."
    )
    ((speakers, statement),) = said(text, "en")
    assert speakers[-1] == "Andrei Belousov"
    assert statement == "the risk of a further escalation in Ukraine"


def test_the_second_verb_of_a_coordination_belongs_to_the_sentence_subject() -> None:
    text = (
        "O ministro da Defesa russo, Andrei Belousov, reuniu-se com o ministro norte-coreano, "
        "No Kwang-chol, e disse que a cooperação entre os dois países vai crescer."
    )
    assert said(text, "pt") == [(["Andrei Belousov"], "a cooperação entre os dois países vai crescer")]


def test_german_this_announced_x_with_a_split_verb() -> None:
    """ "Das kündigte X … an": the verb is split, "Das" stands for the sentence before; "Das
    Ministerium teilte mit" is a determiner and a noun, whose ministry is no person."""
    text = (
        "Nach den Überschwemmungen schickt die Regierung weitere 3000 Soldaten in die Region. "
        "Das kündigte Ministerpräsident Pedro Sánchez am Samstag in Madrid an. "
        "Das Ministerium teilte mit, dass die Hilfe ankommt."
    )
    assert said(text, "de") == [
        (
            ["Pedro Sánchez"],
            "Nach den Überschwemmungen schickt die Regierung weitere 3000 Soldaten in die Region",
        ),
        ([], "die Hilfe ankommt"),
    ]


def test_a_short_statement_before_an_inverted_verb() -> None:
    assert said("The talks were difficult, said Olaf Scholz.", "en") == [
        (["Olaf Scholz"], "The talks were difficult")
    ]


def test_a_verb_form_before_of_is_a_noun() -> None:
    text = (
        "Donald Trump won on Wednesday. He had taken the battleground states of Georgia and Arizona by then."
    )
    assert said(text, "en") == []


def test_a_title_line_after_a_kicker_is_no_claim() -> None:
    text = (
        "Santé. L'agence régionale annonce 15 nouveaux cas dans la région\n"
        "L'agence régionale de santé a annoncé mardi que 15 nouveaux cas ont été confirmés."
    )
    assert [statement for _, statement in said(text, "fr")] == ["15 nouveaux cas ont été confirmés"]


def test_a_caption_opened_by_a_photo_credit_word_is_no_claim() -> None:
    text = (
        "Photo: The band performs on the banks of the Rhine during the festival, organisers said.\n"
        "Фото: Спасатели прибыли в аэропорт Пулково поздно вечером, сообщили в МЧС."
    )
    assert said(text, "en") == []
    assert said(text.split("\n")[1], "ru") == []


def test_a_quotation_after_the_verb_takes_the_subject_before_the_comma() -> None:
    text = "Le président de la FIFA, Gianni Infantino, a salué « une finale vraiment inoubliable »."
    assert said(text, "fr") == [(["Gianni Infantino"], "une finale vraiment inoubliable")]


def test_an_according_to_aside_inside_the_statement() -> None:
    """ "A, по его словам, B": the statement runs around the aside, not just its first words."""
    text = "Её руководители, по данным агентства, гарантировали безопасность военных баз в стране."
    ((_, statement),) = said(text, "ru")
    assert "гарантировали безопасность военных баз" in statement
    text = "The rebels, according to Reuters, guaranteed the safety of the bases and embassies."
    ((_, statement),) = said(text, "en")
    assert "guaranteed the safety of the bases" in statement


def test_a_verb_final_subject_opens_a_long_clause() -> None:
    """Persian puts the object between the subject and the verb: the opening actor speaks."""
    text = (
        "وزارت امور خارجه ایران این حمله را نقض آشکار قوانین بین‌المللی خواند و تأکید کرد که "
        "ایران از خود دفاع خواهد کرد."
    )
    found = said(text, "fa")
    assert [statement for _, statement in found] == ["ایران از خود دفاع خواهد کرد"]
    assert found[0][0] != []
