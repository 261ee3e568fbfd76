"""Claims and their attribution chains, on native sentences and on the seed articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.extract.actors import extract_actors
from storyline.extract.claims import extract_claims as _extract_claims
from storyline.extract.places import extract_places
from storyline.model import Claim, Mention, TimeExpr


def extract_claims(
    text: str,
    *,
    language: str | None,
    actors: list[Mention] | None = None,
    times: list[TimeExpr] | None = None,
) -> tuple[Claim, ...]:
    """Claims with the article's actors, found by the real extractors unless a test gives them:
    speakers are always actors."""
    if actors is None:
        actors = list(extract_actors(text, language=language, places=extract_places(text, language=language)))
    return _extract_claims(text, language=language, actors=actors, times=times or ())


SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "seeds"


def _mention(text: str, phrase: str, id_: str, name: str, kind: str) -> Mention:
    start = text.index(phrase)
    return Mention(start, start + len(phrase), phrase, id_, name, kind)


def _names(claim: Claim) -> list[str]:
    return [s.name for s in claim.speakers]


def _statement(text: str, claim: Claim) -> str:
    return text[claim.statement.start : claim.statement.end]


def test_vietnamese_citing_chain_with_actor_mentions() -> None:
    text = "Hai bộ trưởng đã điện đàm về Ukraine, TASS dẫn lời Bộ Quốc phòng Nga cho biết trong một tuyên bố."
    actors = [
        _mention(text, "TASS", "org:tass", "TASS", "organization"),
        _mention(text, "Bộ Quốc phòng Nga", "org:rumod", "Russian Ministry of Defence", "organization"),
        _mention(text, "Nga", "country:RU", "Russia", "country"),
    ]
    (claim,) = extract_claims(text, language="vi", actors=actors)
    assert _names(claim) == ["TASS", "Russian Ministry of Defence"]
    assert _statement(text, claim) == "Hai bộ trưởng đã điện đàm về Ukraine"


def test_according_to_at_sentence_start() -> None:
    text = "Theo TASS, đây là cuộc điện đàm đầu tiên giữa hai bộ trưởng."
    (claim,) = extract_claims(text, language="vi")
    assert _names(claim) == ["TASS"]
    assert _statement(text, claim).startswith("đây là cuộc điện đàm")


def test_russian_and_ukrainian_as_so_and_so_said() -> None:
    """Как заявил X, STATEMENT ("as X said"): X is the speaker, not part of what was said."""
    ru = "Как заявил министр иностранных дел России Сергей Лавров, переговоры с Украиной продолжатся."
    (claim,) = extract_claims(ru, language="ru")
    assert _names(claim) == ["Сергей Лавров"]
    assert _statement(ru, claim) == "переговоры с Украиной продолжатся"
    uk = (
        "Як заявив міністр закордонних справ України Андрій Сибіга, переговори з партнерами тривають у Києві."
    )
    (claim,) = extract_claims(uk, language="uk")
    assert _names(claim) == ["Андрій Сибіга"]


def test_english_outlet_citing_a_ministry() -> None:
    text = (
        "Jakarta will send 200 doctors to Gaza next month, Reuters reported, "
        "citing the Indonesian foreign ministry."
    )
    (claim,) = extract_claims(text, language="en")
    assert _names(claim) == ["Reuters", "Indonesian Ministry of Foreign Affairs"]
    assert _statement(text, claim) == "Jakarta will send 200 doctors to Gaza next month"
    assert [(n.value, n.unit) for n in claim.numbers] == [(200, "doctor")]


def test_portuguese_inverted_agency_and_quoted_surname() -> None:
    text = (
        "O líder norte-coreano, Kim Jong-un, recebeu o ministro em Pyongyang, "
        "informou a agência de notícias KCNA. "
        '"Sempre apoiaremos a Rússia", disse o Sr. Kim.'
    )
    first, second = extract_claims(text, language="pt")
    assert _names(first) == ["KCNA"]
    assert _names(second) == ["Kim Jong-un"]
    assert _statement(text, second) == "Sempre apoiaremos a Rússia"


def test_portuguese_anaphoric_agency_carries_the_number() -> None:
    text = (
        "A Coreia do Norte enviou munição, de acordo com a agência de espionagem da Coreia do Sul. "
        "A agência também acusou Pyongyang de enviar mais de 10.000 soldados para a Rússia."
    )
    claims = extract_claims(text, language="pt")
    assert _names(claims[-1]) == ["South Korean Intelligence Agency"]
    assert [(n.value, n.unit, n.qualifier) for n in claims[-1].numbers] == [(10000, "soldado", "more than")]


def test_norwegian_according_to_a_statement_and_verb_second() -> None:
    text = (
        "Belousov skal føre samtaler med ledelsen, "
        "ifølge en uttalelse fra det russiske forsvarsdepartementet. "
        "I august sa Putin at samarbeidet bærer frukter."
    )
    first, second = extract_claims(text, language="nb")
    assert _names(first) == ["Russian Ministry of Defence"]
    assert _names(second) == ["Putin"]
    assert _statement(text, second) == "samarbeidet bærer frukter"


def test_norwegian_byline_credit_is_not_a_claim() -> None:
    assert extract_claims("Minh Duc (ifølge TASS, Moscow Times, Barron's)", language="nb") == ()


def test_indonesian_ministry_announcement_with_date() -> None:
    text = (
        "Pada 12 Oktober, Kementerian Pertahanan Rusia mengumumkan bahwa "
        "Kiev kehilangan lebih dari 400 tentara."
    )
    times = [TimeExpr(3, 13, "12 Oktober", "2024-10-12", "day", "published")]
    (claim,) = extract_claims(text, language="id", times=times)
    assert _names(claim) == ["Russian Ministry of Defence"]
    assert claim.date == "2024-10-12"
    assert [(n.value, n.unit) for n in claim.numbers] == [(400, "tentara")]


def test_pronoun_takes_the_previous_speaker() -> None:
    text = (
        "Menteri Pertahanan Norwegia mengatakan bahwa kantor baru dibuka. "
        "Ia menekankan bahwa investasi diperlukan segera."
    )
    first, second = extract_claims(text, language="id")
    assert second.speakers == first.speakers


def test_spanish_french_german_shapes() -> None:
    es = "El ejército perdió unos 300 soldados, según el ministerio de Defensa."
    fr = "Selon l'AFP, plus de 50 civils ont été tués dans la nuit."
    de = "Laut Reuters wurden mindestens zwölf Menschen verletzt, sagte ein Sprecher."
    (claim_es,) = extract_claims(es, language="es")
    assert _names(claim_es) == ["Ministry of Defence"]
    assert [(n.value, n.qualifier) for n in claim_es.numbers] == [(300, "about")]
    (claim_fr,) = extract_claims(fr, language="fr")
    assert _names(claim_fr) == ["AFP"]
    assert [(n.value, n.unit) for n in claim_fr.numbers] == [(50, "civil")]
    (claim_de,) = extract_claims(de, language="de")
    assert _names(claim_de) == ["Reuters"]
    assert [(n.value, n.unit, n.qualifier) for n in claim_de.numbers] == [(12, "Mensch", "at least")]


def test_country_mention_heads_a_coordinated_speaker_but_not_an_organ() -> None:
    text = "Mỹ và các đồng minh cho biết, Bình Nhưỡng đã điều hơn 10.000 quân đến Nga."
    actors = [_mention(text, "Mỹ", "country:US", "United States", "country")]
    (claim,) = extract_claims(text, language="vi", actors=actors)
    assert _names(claim) == ["United States"]
    assert [(n.value, n.unit, n.qualifier) for n in claim.numbers] == [(10000, "quân", "more than")]
    organ = "Munição foi enviada, de acordo com a agência de espionagem da Coreia do Sul."
    actors = [_mention(organ, "Coreia do Sul", "country:KR", "South Korea", "country")]
    (claim,) = extract_claims(organ, language="pt", actors=actors)
    assert _names(claim) == []


@pytest.mark.parametrize(
    ("language", "text", "speaker", "statement"),
    [
        # A reporting participle after a comma reports the sentence's subject.
        ("en", "Foreign Minister Anna Berg thanked Norway for its help, saying the talks had been hard.",
         "Anna Berg", "the talks had been hard"),
        ("fr", "La ministre Anna Berg a remercié la Norvège, estimant que les discussions avaient été dures.",
         "Anna Berg", "les discussions avaient été dures"),
        ("ru", "Министр Анна Берг поблагодарила Норвегию, отметив, что переговоры были трудными.",
         "Анна Берг", "переговоры были трудными"),
        ("es", "La ministra Anna Berg agradeció a Noruega, asegurando que las conversaciones fueron duras.",
         "Anna Berg", "las conversaciones fueron duras"),
        # French verbs of saying beyond "déclarer", inverted or not.
        ("fr", "« C'était un moment magique », s'est félicité le chanteur Paul Martin samedi.", "Paul Martin",
         "C'était un moment magique"),
        ("fr", "« Le public était formidable », a confié la chanteuse Lina Morel à l'AFP.", "Lina Morel",
         "Le public était formidable"),
        ("fr", "Sur son compte, l'ancien président François Hollande a réagi : « Bravo aux artistes ».",
         "François Hollande", "Bravo aux artistes"),
        # More verbs of saying in English and Russian.
        ("en", "Foreign Minister Anna Berg conceded that the talks had stalled.", "Anna Berg",
         "the talks had stalled"),
        ("ru", "Министр Анна Берг уточнила, что переговоры продолжатся в среду.", "Анна Берг",
         "переговоры продолжатся в среду"),
    ],
)  # fmt: skip
def test_one_claim_with_its_speaker(language: str, text: str, speaker: str, statement: str) -> None:
    (claim,) = extract_claims(text, language=language)
    assert _names(claim) == [speaker]
    assert _statement(text, claim) == statement


def test_a_pronoun_takes_the_person_whose_given_name_has_its_gender() -> None:
    text = (
        "Заседание прошло в среду. Глава банка Эльвира Набиуллина написала, что инфляция в стране "
        "замедляется. Депутат Иван Петров считает, что налоги скоро вырастут. "
        "Она добавила, что ключевая ставка останется прежней."
    )
    claims = extract_claims(text, language="ru")
    assert [_names(c) for c in claims][-1] == ["Эльвира Набиуллина"]


@pytest.mark.parametrize(
    ("language", "text", "speaker"),
    [
        # A bare role noun refers to the holder of a more specific role.
        ("ru", "Министр финансов Антон Силуанов представил бюджет в среду. "
         "По словам министра, дефицит бюджета сократится вдвое.", "Антон Силуанов"),
        # A person closing the speaker phrase is the speaker, not the organisation before it.
        ("en", "Russia's foreign ministry spokeswoman Maria Zakharova said Moscow was ready for dialogue.",
         "Maria Zakharova"),
        # A dateline before the speaker is no part of the speaker phrase.
        ("en", "OSLO (Reuters) — Prime Minister Jonas Gahr Store said that the talks were going well.",
         "Jonas Gahr Store"),
    ],
)  # fmt: skip
def test_the_speaker_of_the_one_claim(language: str, text: str, speaker: str) -> None:
    (claim,) = extract_claims(text, language=language)
    assert _names(claim) == [speaker]


def test_an_english_verb_with_a_bare_object_reports_nothing() -> None:
    text = "Foreign Minister Anna Berg recalled the ambassador from Oslo on Monday."
    assert extract_claims(text, language="en") == ()


def test_a_french_verb_with_a_bare_object_reports_nothing() -> None:
    text = "Le chanteur Paul Martin a lancé un appel aux dons pendant le concert."
    assert extract_claims(text, language="fr") == ()


def test_a_participle_with_a_short_tail_reports_nothing() -> None:
    text = "Foreign Minister Anna Berg walked into the building, saying nothing."
    assert extract_claims(text, language="en") == ()


def test_sentences_without_attribution_give_no_claims() -> None:
    assert extract_claims("Pasukan Rusia menghancurkan sembilan peluncur rudal.", language="id") == ()
    assert extract_claims("Hai bên sẽ tiếp tục hợp tác theo dõi tình hình.", language="vi") == ()


# --- seeds --------------------------------------------------------------------


def _seed(prefix: str) -> str:
    if not SEEDS.is_dir():
        pytest.skip(f"seed corpus not found at {SEEDS}")
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def _with_number(claims: tuple[Claim, ...], value: float) -> list[Claim]:
    return [c for c in claims if any(n.value == value for n in c.numbers)]


def test_seed_000_russian_ministry_announces_400_soldiers() -> None:
    (claim,) = _with_number(extract_claims(_seed("000"), language="id"), 400)
    assert _names(claim) == ["Russian Ministry of Defence"]


def test_seed_001_tass_chain() -> None:
    claims = extract_claims(_seed("001"), language="vi")
    assert ["TASS", "Russian Ministry of Defence"] in [_names(c) for c in claims]
    assert ["TASS"] in [_names(c) for c in claims]


def test_seed_003_us_and_allies_10000_troops() -> None:
    (claim,) = _with_number(extract_claims(_seed("003"), language="vi"), 10000)
    assert _names(claim) == ["United States"]
    assert claim.numbers[0].qualifier == "more than"


def test_seed_004_spy_agency_10000_soldiers() -> None:
    claims = _with_number(extract_claims(_seed("004"), language="pt"), 10000)
    soldiers = [c for c in claims if any(n.unit == "soldado" for n in c.numbers)]
    assert [_names(c) for c in soldiers] == [["South Korean Intelligence Agency"]]


def test_seed_002_byline_is_skipped_and_dong_is_named() -> None:
    text = _seed("002")
    claims = extract_claims(text, language="nb")
    assert all("Minh Duc" not in text[c.statement.start : c.statement.end] for c in claims)
    assert ["Dong Jun"] in [_names(c) for c in claims]


def test_an_announced_thing_is_no_claim_unless_it_counts_or_is_a_clause() -> None:
    """ "kunngjorde vinneren" reports an act; "anunció el envío de 5.000 soldados" and
    "announced that …" report what was said."""
    assert not extract_claims("Komiteens leder Kari Holm kunngjorde vinneren i Oslo fredag.", language="nb")
    assert not extract_claims("Le ministre Paul Girard annonce le lauréat à Lyon, lundi.", language="fr")
    (troops,) = extract_claims(
        "El presidente Pedro Sánchez anunció el envío de 5.000 soldados más.", language="es"
    )
    assert [n.value for n in troops.numbers] == [5000]
    said = "President Joe Biden announced that the allies would send more air defence systems."
    assert len(extract_claims(said, language="en")) == 1


def test_a_photo_caption_reports_nobody() -> None:
    text = (
        "Ông Trần Văn Nam phát biểu tại hội nghị ngày 3/8/2024. Ảnh: TTXVN\n"
        "Ông Trần Văn Nam cho biết chính phủ sẽ tăng đầu tư vào giáo dục.\n"
    )
    (claim,) = extract_claims(text, language="vi")
    assert "đầu tư" in text[claim.statement.start : claim.statement.end]


def test_an_opening_participle_of_saying_is_not_the_report() -> None:
    text = "Phát biểu tại cuộc họp, Thủ tướng Lê Văn Bình khẳng định sẽ tăng đầu tư cho giáo dục."
    (claim,) = extract_claims(text, language="vi")
    assert _names(claim) == ["Lê Văn Bình"]
    assert text[claim.statement.start : claim.statement.end].startswith("sẽ tăng")


def test_the_subject_named_before_a_coordinated_verb_speaks() -> None:
    text = "O presidente do Chile, Gabriel Boric, assinou o acordo, mas afirmou que discordava de partes."
    (claim,) = extract_claims(text, language="pt")
    assert _names(claim) == ["Gabriel Boric"]


def test_a_name_in_apposition_to_the_according_phrase_speaks() -> None:
    text = "Selon le président du comité, Paul Girard, la ville accueillera les Jeux en 2030."
    (claim,) = extract_claims(text, language="fr")
    assert _names(claim) == ["Paul Girard"]
    assert text[claim.statement.start : claim.statement.end].startswith("la ville")


def test_a_reporting_verb_used_as_a_noun_reports_nothing() -> None:
    assert not extract_claims(
        "Hội nghị ASEAN thông qua tuyên bố chung ngay trong ngày đầu tại Hà Nội.", language="vi"
    )
    text = "Thủ tướng Trần Văn Nam tuyên bố chính phủ sẽ tăng đầu tư."
    (claim,) = extract_claims(text, language="vi")  # the verb itself still reports
    assert text[claim.statement.start : claim.statement.end].startswith("chính phủ")
