"""Well-formedness of the cross-lingual story gold set.

``tests/corpus/crosslingual/`` holds short news articles written by the
project's authors about real 2024 events, each story told by independent
outlets in several languages and scripts, plus one translation, one
syndicated copy and distractors (same actors and period, another story, or
another story of the same news day).
``crosslingual.gold.json`` says which story each file belongs to, how files
relate, and which actors (with a language-independent key) and places each
file names, with the surface forms exactly as written.

The set measures whether storyline groups one story across languages and
keeps one actor id per person across scripts.  A surface form that is not in
its file, a relation pointing nowhere or a story told in one language would
silently distort those figures, so these tests pin the gold to the files.
They check the gold, not the pipeline.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pycountry
import pytest
from gold_schema import check_events

GOLD = Path(__file__).resolve().with_name("crosslingual.gold.json")
CORPUS = Path(__file__).resolve().with_name("crosslingual")

DOC_KEYS = {
    "file",
    "language",
    "published",
    "url",
    "title",
    "title_line",
    "body_lines",
    "story",
    "distractor",
    "relation",
    "actors",
    "places",
}
# The languages the issues name as first-class, each with several articles,
# and the Latin-script languages that a few articles are written in.
MAIN_LANGUAGES = {"en", "ru", "uk", "zh", "ja", "ko", "ar", "fa"}
EXTRA_LANGUAGES = {"es", "fr", "de", "tr"}
KEY = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
# The line of a scrape that names the article URL, in each site's language.
SOURCE_LINE = re.compile(
    r"^(Source|Quelle|Kaynak|Источник|Джерело|来源|出典|출처|المصدر|منبع)[:：]\s*(https://\S+)$"
)
# CJK text has no spaces, so its length is counted in characters.
UNSPACED = {"zh", "ja"}


def _script(text: str) -> str:
    """The writing system of a name: the Unicode script word of its first letter."""
    for ch in text:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            for script in ("LATIN", "CYRILLIC", "ARABIC", "HANGUL", "CJK", "HIRAGANA", "KATAKANA"):
                if name.startswith(script):
                    return "JAPANESE KANA" if script in {"HIRAGANA", "KATAKANA"} else script
    return "OTHER"


@dataclass(frozen=True)
class Article:
    """One corpus file with its gold entry."""

    gold: dict[str, Any]
    raw: str

    @property
    def name(self) -> str:
        return str(self.gold["file"])

    @property
    def lines(self) -> list[str]:
        return self.raw.splitlines()

    @property
    def is_scrape(self) -> bool:
        return self.gold["url"] is not None

    @property
    def paragraphs(self) -> list[str]:
        first, last = self.gold["body_lines"]
        return [ln.strip() for ln in self.lines[first - 1 : last] if ln.strip()]

    @property
    def text(self) -> str:
        """Title and body: where every annotated name must occur."""
        return "\n".join([self.gold["title"], *self.paragraphs])

    @property
    def junk(self) -> list[str]:
        first, last = self.gold["body_lines"]
        inside = set(range(first, last + 1)) | {self.gold["title_line"]}
        return [ln.strip() for n, ln in enumerate(self.lines, 1) if n not in inside and ln.strip()]


GOLD_DATA: dict[str, Any] = json.loads(GOLD.read_text(encoding="utf-8"))
ARTICLES = [Article(d, (CORPUS / d["file"]).read_text(encoding="utf-8")) for d in GOLD_DATA["documents"]]
SCRAPES = [a for a in ARTICLES if a.is_scrape]
BY_FILE = {a.name: a for a in ARTICLES}
STORIES: dict[str, list[Article]] = defaultdict(list)
for _article in ARTICLES:
    STORIES[_article.gold["story"]].append(_article)


def _ids(articles: list[Article]) -> list[str]:
    return [a.name for a in articles]


def _relation_target(article: Article) -> tuple[str, str] | None:
    relation = article.gold["relation"]
    if relation == "independent":
        return None
    [(kind, target)] = relation.items()
    return kind, target


def _related(kind: str) -> list[tuple[Article, Article]]:
    """(derived file, original) pairs of one relation kind."""
    return [(a, BY_FILE[r[1]]) for a in ARTICLES if (r := _relation_target(a)) and r[0] == kind]


def test_header_and_keys() -> None:
    assert set(GOLD_DATA) == {"corpus", "organisations", "documents"}
    # Actor keys that are no person (the identity measure of `storyline eval` counts people).
    keys = {a["key"] for d in GOLD_DATA["documents"] for a in d["actors"]}
    assert set(GOLD_DATA["organisations"]) <= keys
    assert GOLD_DATA["corpus"] == "crosslingual"
    for doc in GOLD_DATA["documents"]:
        assert set(doc) == DOC_KEYS, doc["file"]


def test_gold_lists_exactly_the_corpus_files() -> None:
    on_disk = {p.name for p in CORPUS.iterdir() if p.suffix == ".txt"}
    assert on_disk == set(BY_FILE)
    assert len(BY_FILE) == len(ARTICLES), "a file is annotated twice"


def test_size_and_language_coverage() -> None:
    per_language: dict[str, int] = defaultdict(int)
    for a in ARTICLES:
        per_language[a.gold["language"]] += 1
    assert 40 <= len(ARTICLES) <= 70
    assert all(per_language[lang] >= 3 for lang in MAIN_LANGUAGES), dict(per_language)
    assert set(per_language) >= EXTRA_LANGUAGES
    assert set(per_language) <= MAIN_LANGUAGES | EXTRA_LANGUAGES


def test_about_a_third_are_scrapes() -> None:
    assert 0.25 <= len(SCRAPES) / len(ARTICLES) <= 0.45


@pytest.mark.parametrize("a", ARTICLES, ids=_ids(ARTICLES))
def test_file_is_clean_utf8_named_by_language(a: Article) -> None:
    data = (CORPUS / a.name).read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf"), "no BOM"
    assert "\ufffd" not in a.raw
    assert unicodedata.is_normalized("NFC", a.raw)
    assert a.name.startswith(a.gold["language"] + "-")
    assert pycountry.languages.get(alpha_2=a.gold["language"]) is not None


@pytest.mark.parametrize("a", ARTICLES, ids=_ids(ARTICLES))
def test_title_and_body_lines(a: Article) -> None:
    title_line, (first, last) = a.gold["title_line"], a.gold["body_lines"]
    assert title_line < first <= last <= len(a.lines)
    assert a.lines[title_line - 1].strip() == a.gold["title"] != ""
    assert a.lines[first - 1].strip() and a.lines[last - 1].strip()
    if not a.is_scrape:
        # A clean article: title line, blank line, body, nothing else.
        assert (title_line, first) == (1, 3) and a.lines[1] == ""
        assert all(not ln.strip() for ln in a.lines[last:])
        assert "https://" not in a.raw


@pytest.mark.parametrize("a", SCRAPES, ids=_ids(SCRAPES))
def test_scrape_has_site_junk_and_a_source_line(a: Article) -> None:
    url = a.gold["url"]
    sources = [m for ln in a.junk if (m := SOURCE_LINE.match(ln))]
    assert [m.group(2) for m in sources] == [url]
    assert re.fullmatch(r"https://[a-z0-9.-]+\.example/\S+", url)
    assert len(a.junk) >= 8, "menu, teasers with date stamps and footer"
    # Teaser lists repeat each headline (once possibly with a rank number).
    repeated = {ln for ln in a.junk if sum(ln in other for other in a.junk) > 1}
    assert repeated, "a teaser list repeats each headline"
    assert any(re.search(r"\d", ln) for ln in a.junk if ln not in repeated and url not in ln), "date stamps"
    assert url not in a.text


@pytest.mark.parametrize("a", ARTICLES, ids=_ids(ARTICLES))
def test_published_date_and_url_date(a: Article) -> None:
    published = dt.date.fromisoformat(a.gold["published"])
    assert published.year == 2024
    if a.is_scrape:
        y, m, d = f"{published.year}", f"{published.month:02}", f"{published.day:02}"
        month = published.strftime("%b").lower()
        forms = [f"/{y}/{m}/{d}/", f"{y}{m}{d}", f"{y}-{m}-{d}", f"/{y}/{month}/{d}/"]
        assert any(form in a.gold["url"] for form in forms), a.gold["url"]


@pytest.mark.parametrize("a", ARTICLES, ids=_ids(ARTICLES))
def test_body_length_is_news_sized(a: Article) -> None:
    body = "\n".join(a.paragraphs)
    if a.gold["language"] in UNSPACED:
        assert 300 <= len("".join(body.split())) <= 600
    elif a.gold["language"] == "ko":
        # Korean spaces separate whole phrases (eojeol): fewer units per sentence.
        assert 90 <= len(body.split()) <= 200
    else:
        assert 110 <= len(body.split()) <= 240
    assert len(a.paragraphs) >= 3


@pytest.mark.parametrize("a", ARTICLES, ids=_ids(ARTICLES))
def test_actors(a: Article) -> None:
    actors = a.gold["actors"]
    assert actors
    pairs = [(x["text"], x["key"]) for x in actors]
    assert len(pairs) == len(set(pairs)), "each surface form once"
    for x in actors:
        assert set(x) == {"text", "key"}, x
        assert x["text"] in a.text, x
        assert KEY.fullmatch(x["key"]), x
    keys_of = defaultdict(set)
    for text, key in pairs:
        keys_of[text].add(key)
    assert all(len(keys) == 1 for keys in keys_of.values()), "a surface form names one actor"


@pytest.mark.parametrize("a", ARTICLES, ids=_ids(ARTICLES))
def test_places(a: Article) -> None:
    places = a.gold["places"]
    assert places
    pairs = [(p["text"], p["name"]) for p in places]
    assert len(pairs) == len(set(pairs)), "each surface form once"
    for p in places:
        assert set(p) == {"text", "name", "country"}, p
        assert p["text"] in a.text, p
        assert p["name"].strip(), p
        assert pycountry.countries.get(alpha_2=p["country"]) is not None, p
    assert len({text for text, _ in pairs}) == len(pairs), "a surface form names one place"


def test_place_names_agree_on_their_country() -> None:
    country: dict[str, set[str]] = defaultdict(set)
    for a in ARTICLES:
        for p in a.gold["places"]:
            country[p["name"]].add(p["country"])
    assert all(len(codes) == 1 for codes in country.values()), country


def test_stories_span_languages_and_distractors_stand_alone() -> None:
    told = {k: docs for k, docs in STORIES.items() if len(docs) > 1}
    alone = {k: docs for k, docs in STORIES.items() if len(docs) == 1}
    assert len(told) >= 8
    assert len(alone) >= 6
    for key, docs in STORIES.items():
        assert KEY.fullmatch(key), key
        assert all(d.gold["distractor"] is (len(docs) == 1) for d in docs), key
    for key, docs in told.items():
        independent = [d for d in docs if _relation_target(d) is None]
        assert len({d.gold["language"] for d in independent}) >= 3, key
        scripts = {_script(d.gold["title"]) for d in independent}
        assert len(scripts) >= 2, (key, scripts)
        dates = sorted(dt.date.fromisoformat(d.gold["published"]) for d in docs)
        assert (dates[-1] - dates[0]).days <= 3, key


def test_distractors_share_actors_or_a_news_day_with_a_told_story() -> None:
    """A distractor is a hard negative: same people, same months, another story; or another
    story of the same news day, which cites the same "yesterday" and "Tuesday" as the told one."""
    told = [d for docs in STORIES.values() if len(docs) > 1 for d in docs]
    told_keys = {x["key"] for d in told for x in d.gold["actors"]}
    told_days = {dt.date.fromisoformat(d.gold["published"]) for d in told}
    for docs in STORIES.values():
        if len(docs) == 1:
            day = dt.date.fromisoformat(docs[0].gold["published"])
            same_day = any(abs((day - t).days) <= 1 for t in told_days)
            assert same_day or {x["key"] for x in docs[0].gold["actors"]} & told_keys, docs[0].name


def test_relations_point_at_files_of_the_same_story() -> None:
    kinds = defaultdict(list)
    for a in ARTICLES:
        rel = a.gold["relation"]
        if rel == "independent":
            continue
        assert isinstance(rel, dict) and len(rel) == 1, rel
        kind, target = _relation_target(a) or ("", "")
        assert kind in {"translation_of", "copy_of"}, rel
        assert target in BY_FILE and target != a.name, target
        original = BY_FILE[target]
        assert original.gold["relation"] == "independent", "relations point at originals"
        assert original.gold["story"] == a.gold["story"]
        assert original.gold["published"] <= a.gold["published"]
        kinds[kind].append((a, original))
    assert len(kinds["translation_of"]) >= 1
    assert len(kinds["copy_of"]) >= 1


def test_translation_keeps_paragraphs_and_figures() -> None:
    pairs = _related("translation_of")
    assert pairs
    for translation, original in pairs:
        assert translation.gold["language"] != original.gold["language"]
        assert len(translation.paragraphs) == len(original.paragraphs)
        # Figures of three or more digits (years, counts) survive translation
        # paragraph by paragraph; small numbers change form (the 3rd, 3일).
        for mine, theirs in zip(translation.paragraphs, original.paragraphs, strict=True):
            assert set(re.findall(r"\d{3,}", theirs)) <= set(re.findall(r"\d{3,}", mine)), mine
        keys = {x["key"] for x in original.gold["actors"]}
        assert {x["key"] for x in translation.gold["actors"]} == keys


def test_syndicated_copy_has_the_same_body_and_other_junk() -> None:
    pairs = _related("copy_of")
    assert pairs
    for copy, original in pairs:
        assert copy.gold["title"] == original.gold["title"]
        assert copy.paragraphs == original.paragraphs
        assert copy.is_scrape and original.is_scrape
        assert copy.gold["url"] != original.gold["url"]
        assert set(copy.junk).isdisjoint(original.junk)
        assert copy.gold["actors"] == original.gold["actors"]
        assert copy.gold["places"] == original.gold["places"]


def test_one_actor_key_across_scripts() -> None:
    """The people the issues name are written in at least four scripts under one key."""
    scripts: dict[str, set[str]] = defaultdict(set)
    for a in ARTICLES:
        for x in a.gold["actors"]:
            scripts[x["key"]].add(_script(x["text"]))
    for key in ("vladimir-putin", "kim-jong-un", "donald-trump", "xi-jinping", "yoon-suk-yeol"):
        assert len(scripts[key] - {"OTHER"}) >= 4, (key, scripts[key])


def test_inflected_and_clitic_forms_are_annotated() -> None:
    """Russian/Ukrainian case forms and Arabic clitics appear as their own surface forms."""
    forms: dict[tuple[str, str], set[str]] = defaultdict(set)
    for a in ARTICLES:
        for x in a.gold["actors"]:
            forms[(a.gold["language"], x["key"])].add(x["text"])
    assert {"Путин", "Путина"} <= forms[("ru", "vladimir-putin")]
    assert {"Путін", "Путіним"} <= forms[("uk", "vladimir-putin")]
    arabic_places = {p["text"] for a in ARTICLES if a.gold["language"] == "ar" for p in a.gold["places"]}
    # The same city bare and with a proclitic (li- "of", wa- "and").
    assert {"بيروت", "لبيروت", "موسكو", "وموسكو"} <= arabic_places


@pytest.mark.parametrize("a", ARTICLES, ids=_ids(ARTICLES))
def test_persian_and_arabic_letters_are_not_mixed(a: Article) -> None:
    if a.gold["language"] == "fa":
        assert not re.search("[\u064a\u0643]", a.raw), "Persian uses ی and ک"
        assert re.search("[۰-۹]", a.text) and not re.search(r"[0-9]", a.text), "Persian digits"
    elif a.gold["language"] == "ar":
        assert not re.search("[\u06cc\u06a9]", a.raw), "Arabic uses ي and ك"


# Times, claims and events of the articles in the languages issue 15 names
# (``crosslingual.statements.gold.json``, a file of its own so the place and
# actor gold above can change without touching it).
STATEMENTS = Path(__file__).resolve().with_name("crosslingual.statements.gold.json")
STATEMENT_DATA: dict[str, Any] = json.loads(STATEMENTS.read_text(encoding="utf-8"))
STATEMENT_LANGUAGES = {"ru", "uk", "zh", "ja", "ko", "ar", "fa"}
ANNOTATED = [BY_FILE[d["file"]] for d in STATEMENT_DATA["documents"]]
STATEMENTS_OF = {d["file"]: d for d in STATEMENT_DATA["documents"]}
# A calendar value: a year, a month or a day (the time gold of the other sets).
CALENDAR = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def test_statement_gold_covers_every_article_of_the_new_languages() -> None:
    assert set(STATEMENT_DATA) == {"corpus", "documents"}
    assert STATEMENT_DATA["corpus"] == "crosslingual"
    wanted = {a.name for a in ARTICLES if a.gold["language"] in STATEMENT_LANGUAGES}
    assert [a.name for a in ANNOTATED] == [a.name for a in ARTICLES if a.name in wanted]
    assert all(set(d) == {"file", "times", "claims", "events"} for d in STATEMENT_DATA["documents"])


@pytest.mark.parametrize("a", ANNOTATED, ids=_ids(ANNOTATED))
def test_times_are_in_the_text_with_a_calendar_value(a: Article) -> None:
    times = STATEMENTS_OF[a.name]["times"]
    assert times
    pairs = [(t["text"], t["value"]) for t in times]
    assert len(pairs) == len(set(pairs)), "each expression once"
    published = dt.date.fromisoformat(a.gold["published"])
    for t in times:
        assert set(t) <= {"text", "value", "note"}, t
        assert t["text"] in a.text, t
        assert CALENDAR.fullmatch(t["value"]), t
        # Everything these articles date lies between 1970 and the next year.
        assert 1970 <= int(t["value"][:4]) <= published.year + 1, t


@pytest.mark.parametrize("a", ANNOTATED, ids=_ids(ANNOTATED))
def test_claims_quote_the_text_and_name_a_speaker_in_it(a: Article) -> None:
    for c in STATEMENTS_OF[a.name]["claims"]:
        assert set(c) <= {"speakers", "contains", "implicit", "note"}, c
        assert c["contains"] in a.text, c
        assert c["speakers"] and all(s in a.text for s in c["speakers"]), c
        assert not c.get("implicit") or c.get("note"), "an implicit claim says why"


@pytest.mark.parametrize("a", ANNOTATED, ids=_ids(ANNOTATED))
def test_events_quote_the_text(a: Article) -> None:
    gold = STATEMENTS_OF[a.name]
    names = {w for ev in gold["events"] for w in (ev["source"], ev["target"]) if w}
    places = {ev["place"] for ev in gold["events"] if ev["place"]}
    check_events(
        gold["events"],
        body=a.text,
        names={n for n in names if n in a.text},
        places={p for p in places if p in a.text},
        time_values={t["value"] for t in gold["times"]} | {a.gold["published"]},
        valid_date=lambda value: bool(CALENDAR.fullmatch(value)),
    )


def test_copies_share_their_statement_gold() -> None:
    for copy, original in _related("copy_of"):
        if copy.name in STATEMENTS_OF:
            mine, theirs = STATEMENTS_OF[copy.name], STATEMENTS_OF[original.name]
            assert mine["claims"] == theirs["claims"] and mine["events"] == theirs["events"]


def test_every_language_has_claims_and_events() -> None:
    for language in STATEMENT_LANGUAGES:
        docs = [STATEMENTS_OF[a.name] for a in ANNOTATED if a.gold["language"] == language]
        assert len(docs) >= 3, language
        assert sum(len(d["claims"]) for d in docs) >= 5, language
        assert sum(len(d["events"]) for d in docs) >= 3, language
