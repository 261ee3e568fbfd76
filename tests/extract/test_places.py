"""Place extraction on native sentences (written for these tests) and on the real seed articles."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from storyline import langs
from storyline.extract import gazetteer as gz
from storyline.extract.places import country_name, extract_places, place_by_id

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "seeds"

POSITIVES = [
    (
        "en",
        "Russian troops shelled Kharkiv as the US and Britain sent aid to Ukraine.",
        {"country:RU", "country:US", "country:GB", "country:UA"},
    ),
    (
        "en",
        "North Korean soldiers were seen in the Kursk region, officials in Seoul said.",
        {"country:KP", "region:kursk-oblast", "city:1835848"},
    ),
    (
        "es",
        "El ministro ruso viajó a Pekín para reunirse con funcionarios chinos y norcoreanos.",
        {"country:RU", "city:1816670", "country:CN", "country:KP"},
    ),
    (
        "fr",
        "Les forces russes ont frappé Kiev, selon le ministère ukrainien de la Défense.",
        {"country:RU", "city:703448", "country:UA"},
    ),
    (
        "de",
        "Der russische Präsident empfing in Moskau den Außenminister Nordkoreas.",
        {"country:RU", "city:524901", "country:KP"},
    ),
    (
        "it",
        "Il governo italiano ha convocato l'ambasciatore russo a Roma dopo l'attacco in Ucraina.",
        {"country:IT", "country:RU", "city:3169070", "country:UA"},
    ),
    (
        "pt",
        "Russo? Não: o enviado norte-coreano chegou a Moscou vindo de Pyongyang.",
        {"country:RU", "country:KP", "city:524901", "city:1871859"},
    ),
    (
        "nb",
        "Kinas president møtte Russlands utenriksminister i Beijing, og russiske fly landet i Moskva.",
        {"country:CN", "country:RU", "city:1816670", "city:524901"},
    ),
    (
        "id",
        "Menteri Pertahanan Rusia tiba di Jakarta setelah kunjungan ke Korea Utara dan Timur Tengah.",
        {"country:RU", "city:1642911", "country:KP", "region:middle-east"},
    ),
    (
        "vi",
        "Bộ trưởng Quốc phòng Nga đã gặp người đồng cấp Trung Quốc tại Bắc Kinh và Hà Nội.",
        {"country:RU", "country:CN", "city:1816670", "city:1581130"},
    ),
    (
        "ru",
        "Министр обороны России прибыл в Пекин, а делегация из Москвы обсудила ситуацию на Украине.",
        {"country:RU", "city:1816670", "city:524901", "country:UA"},
    ),
    (
        "tr",
        "Rusya'nın Ankara büyükelçisi, Türkiye'de Rus ve Ukraynalı heyetlerle görüştü.",
        {"country:RU", "city:323786", "country:TR", "country:UA"},
    ),
    # A case ending closes the place: the name before it does not swallow it.
    ("tr", "NATO Genel Sekreteri Mark Rutte Ankara'yı ziyaret etti.", {"city:323786"}),
    (
        "ar",
        "وصل وزير الدفاع الروسي إلى بكين لإجراء محادثات مع الصين وكوريا الشمالية بشأن أوكرانيا.",
        {"country:RU", "country:CN", "country:KP", "country:UA"},
    ),
]


@pytest.mark.parametrize(("language", "sentence", "expected"), POSITIVES, ids=[p[0] for p in POSITIVES])
def test_finds_places_in_native_sentences(language: str, sentence: str, expected: set[str]) -> None:
    found = extract_places(sentence, language=language)
    assert expected <= {p.id for p in found}
    for place in found:
        assert sentence[place.start : place.end] == place.text
    assert [p.start for p in found] == sorted(p.start for p in found)


NEGATIVES = [
    ("nb", "Kinas forsvarsminister Dong Jun møtte Belousov.", "Dong"),
    ("vi", "Bộ trưởng Quốc phòng Mỹ Lloyd Austin đã điện đàm.", "Austin"),
    ("en", "Defense Secretary Lloyd Austin spoke to reporters.", "Austin"),
    ("id", "Presiden Rusia Vladimir Putin bertemu mitranya.", "Vladimir"),
    ("id", "Kita memiliki banyak peluang dan Anda tahu itu.", "Kita"),
    ("id", "Kita memiliki banyak peluang dan Anda tahu itu.", "Anda"),
    ("id", "Lima orang tewas dan lima lainnya terluka di kota baru itu.", "Lima"),
    ("en", "Nice weather helped the crews; sources said Jordan Henderson would play.", "Nice"),
    ("vi", "Ông Nguyễn Minh Đức nói chuyện với ngà voi.", "Đức"),
    ("pt", "Fonte: https://vtcnews.vn/ong-kim-noi-nga-co-quyen-tu-ve-truoc-ukraine.html", "ukraine"),
    ("en", "See www.example.com/russia/moscow-news for more.", "moscow"),
    ("en", "Hamas said the talks in Cairo had stalled.", "Hamas"),  # a German village's name too
]


@pytest.mark.parametrize(("language", "sentence", "word"), NEGATIVES, ids=[n[2] for n in NEGATIVES])
def test_names_words_and_urls_are_not_places(language: str, sentence: str, word: str) -> None:
    start = sentence.index(word)
    found = extract_places(sentence, language=language)
    assert not [p for p in found if p.start <= start < p.end]


def test_short_name_only_in_its_own_language() -> None:
    assert [p.id for p in extract_places("Quan chức Nga cho biết.", language="vi")] == ["country:RU"]
    assert extract_places("Nga said hello to Kim.", language="en") == ()


def test_case_and_diacritics_must_match() -> None:
    assert extract_places("những chiếc ngà voi", language="vi") == ()
    assert extract_places("the iran deal", language="en") == ()


def test_inflected_form_keeps_the_written_span() -> None:
    text = "Russlands president"
    (place,) = extract_places(text, language="nb")
    assert (place.text, place.id, place.kind) == ("Russlands", "country:RU", "country")


def test_place_carries_coordinates_and_english_name() -> None:
    (place,) = extract_places("Sanksi baru terhadap Rusia diumumkan.", language="id")
    assert place.name == "Russia"
    assert place.lat is not None and place.lon is not None
    assert 50 < place.lat < 60 and 30 < place.lon < 45  # Moscow, the capital


def test_country_name_and_place_by_id() -> None:
    assert country_name("KP") == "North Korea"
    assert country_name("ru") == "Russia"
    with pytest.raises(KeyError):
        country_name("QQ")
    city = place_by_id("city:524901")
    assert city is not None and (city.name, city.kind, city.country, city.start, city.text) == (
        "Moscow",
        "city",
        "RU",
        0,
        "",
    )
    assert place_by_id("region:crimea") is not None
    assert place_by_id("city:0") is None


def test_every_curated_alias_points_at_an_entry() -> None:
    index = gz.gazetteer()
    for lang, data in langs.load_all("places").items():
        for name, place_id in data.get("aliases", {}).items():
            assert place_id in index.by_id, f"{lang}/places.toml: {name!r} -> unknown {place_id}"


def test_demonym_rules_generate_inflections() -> None:
    assert gz.expand("russo", [["o", ["a", "os", "as"]]]) == ["russo", "russa", "russos", "russas"]
    assert gz.expand("turc", [["o", ["a"]]]) == ["turc"]


def test_cache_survives_garbage_and_unwritable_dirs(tmp_path: Path) -> None:
    junk = tmp_path / "gazetteer-x.pickle"
    junk.write_bytes(b"not a pickle")
    assert gz._load_cached(junk) is None
    blocker = tmp_path / "file"
    blocker.write_text("x")
    gz._store_cached(blocker / "sub" / "gazetteer-y.pickle", gz.gazetteer())  # must not raise
    good = tmp_path / "ok" / "gazetteer-z.pickle"
    gz._store_cached(good, gz.gazetteer())
    loaded = gz._load_cached(good)
    assert loaded is not None and len(loaded) == len(gz.gazetteer())
    assert pickle.loads(pickle.dumps(loaded)).by_id == gz.gazetteer().by_id


SEED_EXPECTED = {
    "000": (
        "id",
        {
            "Ashgabat",
            "Turkmenistan",
            "Iran",
            "Teheran",
            "Moskow",
            "Ukraina",
            "Kiev",
            "Kursk",
            "Israel",
            "Timur Tengah",
            "Norwegia",
            "Amerika Serikat",
        },
    ),
    "001": ("vi", {"Nga", "Mỹ", "Ukraine", "Sevastopol", "Washington", "Crimea"}),
    "002": ("nb", {"Beijing", "Kina", "Kinas", "Russland", "Russlands", "Moskva", "Ukraina", "Stillehavet"}),
    "003": ("vi", {"Triều Tiên", "Nga", "Bình Nhưỡng", "Moscow", "Hàn Quốc", "Ukraine", "Mỹ"}),
    "004": (
        "pt",
        {
            "norte-coreano",
            "russo",
            "Rússia",
            "EUA",
            "Ucrânia",
            "Moscou",
            "Pyongyang",
            "Coreia do Norte",
            "Coreia do Sul",
            "Kiev",
            "Ásia",
        },
    ),
}
NOT_PLACES = ("Dong", "Jun", "Lloyd", "Austin", "Vladimir", "Putin", "Anda", "Kita", "vtcnews")


@pytest.mark.parametrize("prefix", sorted(SEED_EXPECTED))
def test_seed_articles(prefix: str) -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"shared corpus not found at {SEEDS}")
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    text = path.read_text(encoding="utf-8")
    language, expected = SEED_EXPECTED[prefix]
    found = extract_places(text, language=language)
    assert expected <= {p.text for p in found}
    assert not [p for p in found if any(bad in p.text for bad in NOT_PLACES)]
    assert {"Moscow", "Kyiv", "Russia"} & {p.name for p in found}


def test_cache_keeps_other_versions_so_two_installs_do_not_rebuild_each_run(tmp_path: Path) -> None:
    """Two installs sharing one cache folder each keep their file; only the oldest go."""
    olds = [tmp_path / f"gazetteer-old{i}.pickle" for i in range(6)]
    for i, path in enumerate(olds):
        path.write_bytes(b"x")
        os.utime(path, (1_000_000 + i, 1_000_000 + i))
    mine = tmp_path / "gazetteer-mine.pickle"
    gz._store_cached(mine, gz.gazetteer())
    kept = sorted(p.name for p in tmp_path.glob("gazetteer-*.pickle"))
    newest_others = [p.name for p in olds[-(gz._KEEP_VERSIONS - 1) :]]
    assert kept == sorted([mine.name, *newest_others])


def _found(text: str, language: str) -> set[tuple[str, str | None]]:
    return {(p.text, p.country) for p in extract_places(text, language=language)}


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # CLDR's own-language name of a time-zone city (Asia/Taipei, Asia/Pyongyang).
        ("هیئت در تایپه ماند.", "fa", ("تایپه", "TW")),
        # Persian joins the parts of one word with a zero-width non-joiner.
        ("هیئت به پیونگ\u200cیانگ رفت.", "fa", ("پیونگ\u200cیانگ", "KP")),
        # CLDR writes the ezafe mark ("کرهٔ شمالی"), news mostly leaves it out.
        ("سفیر کره جنوبی گفت.", "fa", ("کره جنوبی", "KR")),
    ],
)
def test_persian_place_names(text: str, language: str, expected: tuple[str, str]) -> None:
    assert expected in _found(text, language)


def test_a_weekday_is_no_city() -> None:
    # "دوشنبه" is Monday (and Dushanbe); "شنبه" Saturday.
    assert not _found("نشست روز دوشنبه برگزار شد.", "fa")


def test_a_city_word_inside_a_listed_persons_name_is_no_place() -> None:
    # "ولادیمیر" is also the Russian city of Vladimir.
    assert not _found("ولادیمیر پوتین گفت مذاکره ادامه دارد.", "fa")


def test_a_lowercase_time_zone_city_name_of_another_language_is_no_place() -> None:
    # Some CLDR locales write "lima" (Lima) in lowercase; in Indonesian it is the number five.
    assert not _found("Sebanyak lima orang tewas dalam kecelakaan itu.", "id")


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "WEST PALM BEACH — Trump spoke.", [("WEST PALM BEACH", "West Palm Beach")]),
        ("en", "Allies meet\nWASHINGTON (Reuters) - The talks began.", [("WASHINGTON", "Washington")]),
        ("de", "MÜNCHEN (dpa) - Der Minister sprach.", [("MÜNCHEN", "Munich")]),
        (
            "tr",
            "İSTANBUL (AA) - Vali açıkladı.\nİZMİR - Toplantı yapıldı.",
            [("İSTANBUL", "Istanbul"), ("İZMİR", "İzmir")],
        ),
    ],
)
def test_datelines_in_capitals(lang: str, text: str, expected: list[tuple[str, str]]) -> None:
    """A dateline in capitals is a place; its text and offsets are the original's."""
    found = extract_places(text, language=lang)
    assert [(p.text, p.name) for p in found] == expected
    assert all(text[p.start : p.end] == p.text for p in found)


def test_headline_in_capitals_is_no_dateline() -> None:
    """Capitals without a dateline mark after them stay as written: no place is read into them."""
    assert not extract_places("PARIS IS BURNING\n\nThe film opened in cinemas.", language="en")


def test_us_states_are_regions() -> None:
    """States are named in every US story; a city's other name that only starts a longer word
    ("Florida" for Floridablanca) does not take them, a city of that very name does."""
    text = "Trump carried Wisconsin and North Carolina, then flew from Florida to Washington."
    found = {p.text: (p.name, p.kind, p.country) for p in extract_places(text, language="en")}
    assert found["Wisconsin"] == ("Wisconsin", "region", "US")
    assert found["North Carolina"] == ("North Carolina", "region", "US")
    assert found["Florida"] == ("Florida", "region", "US")
    assert found["Washington"][1:] == ("city", "US")


def test_city_comma_state_reads_the_state() -> None:
    """ "CITY, STATE" names the state even where a country or a city has the name; a list of
    places ("Moscow, Washington and Beijing") and a bare name keep their own readings."""

    def read(text: str) -> list[tuple[str, str, str | None]]:
        return [(p.text, p.kind, p.country) for p in extract_places(text, language="en")]

    assert read("Voters in Atlanta, Georgia, waited in line.") == [
        ("Atlanta", "city", "US"),
        ("Georgia", "region", "US"),
    ]
    assert read("Rain flooded Seattle, Washington, on Monday.")[1] == ("Washington", "region", "US")
    assert read("Protesters marched in Tbilisi, Georgia.")[1] == ("Georgia", "country", "GE")
    assert read("Georgia and Armenia signed a border deal.")[0] == ("Georgia", "country", "GE")
    assert read("Talks in Moscow, Washington and Beijing ended.")[1] == ("Washington", "city", "US")
    # Neither name's first reading: the British city and the Californian city become the Canadian pair.
    assert read("A plant in London, Ontario, closed.") == [
        ("London", "city", "CA"),
        ("Ontario", "region", "CA"),
    ]


def test_a_country_after_a_given_name_is_a_surname() -> None:
    """ "Luís Montenegro" is Portugal's prime minister, not the country; the country named
    elsewhere in the text, and a sentence-initial article before a country, stay places."""
    text = "Luís Montenegro falou com Lula. Depois viajou para Montenegro."
    found = [(p.text, p.start) for p in extract_places(text, language="pt")]
    assert found == [("Montenegro", text.rindex("Montenegro"))]
    assert [p.text for p in extract_places("Le Chili a voté mardi.", language="fr")] == ["Chili"]


def test_words_remembered_across_articles_change_no_result(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whether a word begins a place name is remembered per language from article to article
    (bounded); what an article finds does not depend on what came before it."""
    from storyline.extract import places as places_module

    first = "Talks in Geneva ended on Friday; delegates flew home to Nairobi and Lagos."
    second = "Flooding hit Lagos and Ibadan as rain fell over Oyo State for a third day."
    rules = places_module._rules("en")
    rules.begins.clear()
    fresh = extract_places(second, language="en")
    rules.begins.clear()
    extract_places(first, language="en")
    assert rules.begins.get("Lagos") is True and rules.begins.get("flew") is False
    assert extract_places(second, language="en") == fresh
    assert "Ibadan" in rules.begins
    monkeypatch.setattr(places_module, "_BEGINS", 3)  # full: cleared before the next article
    extract_places(first, language="en")
    assert "Ibadan" not in rules.begins and rules.begins.get("Lagos") is True
    assert extract_places(second, language="en") == fresh
