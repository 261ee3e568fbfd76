"""Boilerplate removal from plain-text scrapes: storyline.clean.text.

The synthetic scrapes below were written for these tests (German, Turkish,
English and Finnish, a language without a boilerplate.toml) with the kinds of
junk the real seeds carry; the seeds themselves are read from ../shared.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from storyline.clean.text import clean_text
from storyline.model import Cleaned, Rejection

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / ".." / "shared" / "corpus" / "seeds"
GOLD = REPO / "tests" / "corpus" / "seeds.gold.json"

GERMAN_BODY = [
    "Der russische Verteidigungsminister ist am Montag zu einem zweitägigen Besuch in Peking eingetroffen, "
    "wie das Ministerium in Moskau mitteilte.",
    "Bei dem Treffen mit seinem chinesischen Amtskollegen sollen Fragen der militärischen Zusammenarbeit "
    "und gemeinsamer Manöver im Pazifik besprochen werden.",
    "Der Minister (links) bei der Ankunft in Peking. Foto: dpa",
    "Beobachter in Berlin sehen in der Reise ein Signal an den Westen, dass beide Länder ihre Partnerschaft "
    "weiter vertiefen wollen.",
    "Nach Angaben der Agentur Tass sind auch Gespräche mit der politischen Führung des Landes geplant, "
    "darunter ein Treffen mit dem Staatspräsidenten.",
    "Reporter: Anna Schmidt (mit Material von Reuters und AFP)",
]
GERMAN_SCRAPE = f"""Logo
Anmelden | Registrieren
Politik
Russischer Minister reist nach Peking

{GERMAN_BODY[0]}

{GERMAN_BODY[1]}

{GERMAN_BODY[2]}
Lesen Sie auch: Warum die Militärmanöver im Pazifik den Westen beunruhigen
{GERMAN_BODY[3]}
Anzeige
{GERMAN_BODY[4]}
{GERMAN_BODY[5]}
Kommentare (3)
Artikel teilen
Meistgelesen
Bahnstreik legt den Verkehr in ganz Deutschland lahm
12.03.2024, 14:30 Uhr
Die Gewerkschaft hat ihre Mitglieder erneut zum Streik aufgerufen, Pendler müssen sich einstellen.
Neue Regeln für das Bürgergeld ab Juli
11.03.2024, 09:15 Uhr
Die Bundesregierung hat sich auf Änderungen verständigt, die vor allem Alleinerziehende betreffen.
© 2024 Beispiel Zeitung GmbH. Alle Rechte vorbehalten.
"""

TURKISH_BODY = [
    "Rusya Savunma Bakanı, iki ülke arasındaki askeri işbirliğini görüşmek üzere Pekin'e resmi bir ziyaret "
    "gerçekleştirdi.",
    "Bakanlıktan yapılan açıklamaya göre ziyaret kapsamında Çin'in askeri ve siyasi liderliğiyle bir dizi "
    "görüşme yapılacak.",
    "Çin Savunma Bakanı ile Rus mevkidaşı Pekin'deki törende. (Fotoğraf: AA)",
    "Uzmanlar, ziyaretin iki ülkenin Pasifik'te ortak tatbikatlarını genişletme planlarının bir parçası "
    "olduğunu belirtiyor.",
]
TURKISH_SCRAPE = f"""{TURKISH_BODY[0]}
{TURKISH_BODY[1]}
{TURKISH_BODY[2]}
{TURKISH_BODY[3]}
[reklam_2]
Kaynak: https://haber.example.com.tr/dunya/2024/10/14/rus-bakan-pekinde
Etiketler: Rusya, Çin, savunma
Yorumlar (0)
Bunları kaçırmayın
Merkez Bankası faiz kararını açıkladı
Merkez Bankası faiz kararını açıkladı
14 Ekim 2024 10:45
Para Politikası Kurulu toplantısının ardından yapılan açıklamada politika faizinin sabit tutulduğu bildirildi.
İstanbul'da metro seferlerine yeni düzenleme
İstanbul'da metro seferlerine yeni düzenleme
13 Ekim 2024 18:20
Belediye, hafta sonu gece seferlerinin yeniden başlayacağını duyurdu ve yeni tarifeyi...
0.31415 sec | 1024.5 kb
"""

ENGLISH_BODY = [
    "The defence ministers of the two countries spoke by phone on Tuesday for the first time since the new "
    "minister took office, officials said.",
    "According to a statement, the call was initiated by Washington and focused on the situation around "
    "the conflict and the risk of escalation.",
    "Officials on both sides described the conversation as professional and said further contacts were "
    "possible in the coming weeks.",
    "Analysts said the call signalled a modest thaw after months in which channels between the two "
    "militaries had remained largely silent.",
]
ENGLISH_SCRAPE = f"""Defence chiefs hold first call in months

{ENGLISH_BODY[0]}

Advertisement

{ENGLISH_BODY[1]}

Read more: Allies weigh new air defence package as winter approaches

{ENGLISH_BODY[2]}

{ENGLISH_BODY[3]}

Share this article
Tags: defence, diplomacy
Most read
Storm leaves thousands without power
21 Apr, 07:44 AM
Crews worked through the night to restore electricity to homes across the region after the storm.
Central bank holds rates steady
19 Apr, 09:47 PM
The decision was widely expected by markets, which had priced in a pause after two increases this year.
Sign up for our newsletter
"""

# Finnish has no boilerplate.toml: only structure and CLDR month names can help.
FINNISH_BODY = [
    "Venäjän puolustusministeri saapui maanantaina Pekingiin kaksipäiväiselle vierailulle, kertoi "
    "ministeriö tiedotteessaan.",
    "Vierailun aikana on tarkoitus keskustella maiden sotilaallisesta yhteistyöstä ja yhteisistä "
    "harjoituksista Tyynellämerellä.",
    "Asiantuntijoiden mukaan vierailu on viesti länsimaille siitä, että maat aikovat syventää "
    "kumppanuuttaan entisestään.",
]
FINNISH_SCRAPE = f"""{FINNISH_BODY[0]}
{FINNISH_BODY[1]}
{FINNISH_BODY[2]}
[mainos_1]
Kommentit (0)
Sähkön hinta nousi ennätyskorkealle
Sähkön hinta nousi ennätyskorkealle
12. maaliskuuta 2024
Pörssisähkön hinta nousi tiistaina korkeimmalle tasolleen sitten viime talven, kertoo...
Hallitus esittää muutoksia opintotukeen
Hallitus esittää muutoksia opintotukeen
11. maaliskuuta 2024
Opiskelijoiden asumislisä muuttuisi ensi vuoden alusta alkaen hallituksen esityksen mukaan...
0.0811 sec | 733.2 kb
"""


def _paragraphs(cleaned: Cleaned) -> list[str]:
    return cleaned.text.split("\n\n")


def _assert_offsets(raw: str, cleaned: Cleaned) -> None:
    for removal in cleaned.removed:
        assert raw[removal.start : removal.end] == removal.text
        assert "\n" not in removal.text


def test_german_scrape_keeps_body_caption_and_byline_and_drops_chrome() -> None:
    cleaned = clean_text(GERMAN_SCRAPE)
    assert _paragraphs(cleaned) == ["Russischer Minister reist nach Peking", *GERMAN_BODY]
    assert cleaned.title == "Russischer Minister reist nach Peking"
    reasons = {removal.text: removal.reason for removal in cleaned.removed}
    assert reasons["Logo"] == "navigation"
    assert reasons["Anmelden | Registrieren"] == "navigation"
    assert reasons["Politik"] == "navigation"
    assert reasons["Anzeige"] == "ad-placeholder"
    assert reasons["Lesen Sie auch: Warum die Militärmanöver im Pazifik den Westen beunruhigen"] == "teaser"
    assert reasons["12.03.2024, 14:30 Uhr"] == "teaser"
    assert reasons["© 2024 Beispiel Zeitung GmbH. Alle Rechte vorbehalten."] == "footer"
    _assert_offsets(GERMAN_SCRAPE, cleaned)


def test_turkish_scrape_reads_source_url_and_its_date() -> None:
    cleaned = clean_text(TURKISH_SCRAPE)
    assert _paragraphs(cleaned) == TURKISH_BODY
    assert cleaned.url == "https://haber.example.com.tr/dunya/2024/10/14/rus-bakan-pekinde"
    assert cleaned.published == dt.date(2024, 10, 14)
    assert cleaned.published_from == "url"
    assert cleaned.title is None  # the scrape starts with body
    reasons = [removal.reason for removal in cleaned.removed]
    assert reasons[:4] == ["ad-placeholder", "source-line", "share-tags", "comment-widget"]
    assert reasons[-1] == "footer"
    assert "teaser" in reasons
    _assert_offsets(TURKISH_SCRAPE, cleaned)


def test_english_mid_article_junk_goes_alone_and_the_tail_goes_whole() -> None:
    cleaned = clean_text(ENGLISH_SCRAPE)
    assert _paragraphs(cleaned) == ["Defence chiefs hold first call in months", *ENGLISH_BODY]
    assert cleaned.title == "Defence chiefs hold first call in months"
    assert not any(word in cleaned.text for word in ("Advertisement", "Read more", "Storm", "newsletter"))
    _assert_offsets(ENGLISH_SCRAPE, cleaned)


def test_structure_alone_cleans_a_language_without_phrase_lists() -> None:
    cleaned = clean_text(FINNISH_SCRAPE, language="fi")
    assert _paragraphs(cleaned) == FINNISH_BODY
    reasons = [removal.reason for removal in cleaned.removed]
    assert reasons[0] == "ad-placeholder"
    assert reasons[1] == "comment-widget"
    assert reasons[-1] == "footer"
    assert set(reasons[2:-1]) == {"teaser"}


def test_long_paragraph_after_a_short_junk_line_in_the_middle_is_kept() -> None:
    body = [
        "Kurz nach Mitternacht meldeten die Behörden den Ausfall mehrerer Stromleitungen im Norden.",
        "Am Morgen waren nach Angaben des Versorgers noch immer rund zweitausend Haushalte ohne Strom.",
        "Die Feuerwehr rückte zu mehr als vierzig Einsätzen aus, verletzt wurde nach ersten Angaben niemand.",
    ]
    raw = f"{body[0]}\nKommentare (12)\n{body[1]}\nTeilen\n{body[2]}\n"
    cleaned = clean_text(raw)
    assert _paragraphs(cleaned) == body
    assert [removal.reason for removal in cleaned.removed] == ["comment-widget", "share-tags"]


def test_tail_takes_user_comments_and_undated_teasers_that_read_like_body() -> None:
    raw = "\n".join(
        [
            *ENGLISH_BODY,
            "Comments (2)",
            "john_smith",
            "This is exactly what everyone expected to happen after the summit last year, sadly.",
            "mary_j",
            "Agreed.",
            "Most read",
            "Storm leaves thousands without power",
            "Crews worked through the night to restore electricity to homes across the whole region.",
            "Central bank holds rates steady",
            "The decision was widely expected by markets, which had priced in a pause this spring.",
        ]
    )
    cleaned = clean_text(raw)
    assert _paragraphs(cleaned) == ENGLISH_BODY
    assert {removal.reason for removal in cleaned.removed} == {"comment-widget", "teaser"}


def test_an_article_header_with_its_own_date_is_not_a_teaser() -> None:
    lead = "The minister arrived in the capital on Monday for talks on military cooperation, officials said."
    second = "The visit is the first of its kind since the two countries signed a partnership treaty in June."
    raw = f"Minister arrives for talks\n21 Apr 2024, 07:44 AM\n{lead}\n{second}\n"
    cleaned = clean_text(raw)
    assert _paragraphs(cleaned) == ["Minister arrives for talks", lead, second]
    assert [(removal.reason, removal.text) for removal in cleaned.removed] == [
        ("date-stamp", "21 Apr 2024, 07:44 AM")
    ]


def test_repeated_headline_is_the_title_and_its_repeats_go() -> None:
    headline = "Ministro russo chega a Pyongyang"
    lead = "O ministro da Defesa russo chegou nesta sexta-feira à capital norte-coreana, informou a agência."
    raw = f"{headline}\n\n{headline}\n{lead}\n\n{headline}\n\nOutro parágrafo do texto, com mais detalhes.\n"
    cleaned = clean_text(raw)
    assert cleaned.title == headline
    assert _paragraphs(cleaned) == [headline, lead, "Outro parágrafo do texto, com mais detalhes."]
    assert [removal.reason for removal in cleaned.removed] == ["duplicate-line", "duplicate-line"]


def test_trailing_pipe_is_trimmed_and_blank_runs_collapse() -> None:
    raw = "Kalimat pertama yang cukup panjang untuk paragraf berita. (Sumber: Reuters) |\r\n\r\n\r\nDua."
    cleaned = clean_text(raw)
    assert (
        cleaned.text == "Kalimat pertama yang cukup panjang untuk paragraf berita. (Sumber: Reuters)\n\nDua."
    )
    assert cleaned.url is None
    assert cleaned.removed == ()


def test_empty_and_blank_input() -> None:
    assert clean_text("") == Cleaned(text="")
    assert clean_text(" \n\n \n") == Cleaned(text="")


# --- the real seeds -------------------------------------------------------------


def _seed(prefix: str) -> str:
    if not SEEDS.is_dir():
        pytest.skip(f"shared seed corpus not found at {SEEDS}")
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


@pytest.mark.parametrize("prefix", ["001", "003"])
def test_seed_tails_are_gone(prefix: str) -> None:
    cleaned = clean_text(_seed(prefix))
    for junk in (
        "Đừng bỏ lỡ",
        "Bình luận",
        "BÌNH LUẬN",
        "Thái Lan - Campuchia",
        "2287.586 kb",
        "Tin mới",
        "VIDEO",
    ):
        assert junk not in cleaned.text
    assert "Logo" not in cleaned.text.split("\n\n")


@pytest.mark.parametrize("prefix", ["000", "002", "004"])
def test_seed_body_lines_all_survive(prefix: str) -> None:
    """These seeds carry no junk that looks like a sentence: every sentence line must stay."""
    raw = _seed(prefix)
    cleaned = clean_text(raw)
    sentences = [line.strip().rstrip(" |") for line in raw.splitlines() if len(line.split()) >= 6]
    assert sentences
    assert all(sentence in cleaned.text for sentence in sentences)


def test_seed_source_url_and_url_date() -> None:
    cleaned = clean_text(_seed("002"))
    assert cleaned.url is not None
    assert cleaned.url.endswith("-204241014210826959.htm")
    assert cleaned.published == dt.date(2024, 10, 14)
    assert cleaned.published_from == "url"


def test_seed_gold_boilerplate_lines() -> None:
    """Line-level precision and recall against the independent gold, when it exists."""
    if not GOLD.is_file():
        pytest.skip(f"seed gold not found at {GOLD}")
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    hits = false_alarms = misses = 0
    for document in gold["documents"]:
        raw = _seed(document["file"].split("_")[0])
        line_starts = [0] + [index + 1 for index, char in enumerate(raw) if char == "\n"]
        cleaned = clean_text(raw)
        removed = {sum(1 for start in line_starts if start <= removal.start) for removal in cleaned.removed}
        wanted = {entry["line"] for entry in document["boilerplate"]}
        hits += len(removed & wanted)
        false_alarms += len(removed - wanted)
        misses += len(wanted - removed)
        assert all(snippet in cleaned.text for snippet in document["body"]), document["file"]
        assert not [snippet for snippet in document["without"] if snippet in cleaned.text], document["file"]
    assert hits / (hits + false_alarms) >= 0.95
    assert hits / (hits + misses) >= 0.95


def test_a_subheading_that_starts_with_a_button_word_is_kept() -> None:
    first = "Markets fell across Asia on Monday as investors weighed the prospect of higher rates."
    second = "Banks led the decline, with several lenders losing more than five percent by midday."
    raw = f"{first}\nShare prices tumble\n{second}\n"
    assert _paragraphs(clean_text(raw)) == [first, "Share prices tumble", second]


def test_repeated_body_paragraphs_do_not_start_the_tail() -> None:
    # Scrapers sometimes repeat paragraphs; the repeats must not make the cleaner
    # treat the rest of the article as a junk tail.
    para_a = "Die Regierung schickt weitere Soldaten in die Region, teilte das Ministerium am Samstag mit."
    para_b = (
        "Nach Angaben der Behörden kamen mehr als zweihundert Menschen ums Leben, Dutzende sind vermisst."
    )
    raw = "\n".join(
        [
            "Menü",
            para_b,
            "02.11.2024, 15:10",
            "",
            para_a,
            "",
            para_a,
            "",
            para_b,
            "",
            para_b,
            "",
            "Andere Meldung des Tages",
            "Andere Meldung des Tages",
            "01.11.2024, 18:32",
            "Zweite Meldung",
            "Zweite Meldung",
            "01.11.2024, 11:05",
        ]
    )
    cleaned = clean_text(raw)
    assert para_a in cleaned.text and para_b in cleaned.text
    assert "Andere Meldung" not in cleaned.text


def test_an_article_repeated_in_its_own_teaser_list_is_not_lost() -> None:
    headline = "Regierung schickt weitere zehntausend Einsatzkräfte in das Katastrophengebiet"
    body = (
        "Nach den Überschwemmungen im Osten des Landes schickt die Regierung weitere Soldaten und Polizisten "
        "in die Region, kündigte der Regierungschef nach einer Sitzung des Krisenstabs an."
    )
    raw = "\n".join(
        [headline, "02.11.2024, 15:10", "", body, "", headline, headline, "02.11.2024, 15:10", body[:60]]
    )
    cleaned = clean_text(raw)
    assert body in cleaned.text


def test_the_head_byline_dates_a_scrape(tmp_path: Path) -> None:
    """A byline with a date right under the headline ("Par … · Le 27 juillet 2024 à 01h10") is
    removed from the text and gives the publication date; a teaser's date further down does not."""
    from storyline.pipeline import analyze

    lines = [
        "Accueil | Politique | Monde | Sport | Culture",
        "Les JO de Paris s'ouvrent sous la pluie",
        "Par Julien Marchand · Le 27 juillet 2024 à 01h10",
        "La cérémonie d'ouverture des Jeux olympiques s'est tenue vendredi soir sur la Seine, devant des "
        "centaines de milliers de spectateurs massés sur les quais malgré une pluie battante.",
        "Le président Emmanuel Macron a déclaré les Jeux ouverts peu avant minuit, après un défilé de 85 "
        "bateaux transportant les délégations.",
        "© Le Journal 2024 - Tous droits réservés | Mentions légales | Cookies",
    ]
    page = tmp_path / "jo.txt"
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (result,) = analyze([str(page)])
    assert not isinstance(result, Rejection)
    assert "Julien Marchand" not in result.article.text
    assert result.article.published == dt.date(2024, 7, 27)
    assert [t.value for t in result.times if t.text == "vendredi"] == ["2024-07-26"]
