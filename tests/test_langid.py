"""Language identification: paragraph splitting, short lines, close pairs, the seeds.

The close-pair sentences are written for these tests (not taken from any corpus).
"""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.errors import ConfigError
from storyline.langid import (
    DEFAULT_LANGUAGES,
    LanguageIdentifier,
    _mostly_capitals,
    get_identifier,
    is_judgeable,
    paragraph_spans,
)

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
SEEDS = SHARED / "corpus" / "seeds"
SEED_LANGS = ("id", "vi", "nb", "vi", "pt")


@pytest.fixture(scope="session")
def ident() -> LanguageIdentifier:
    return get_identifier()


# --- paragraphs ----------------------------------------------------------------


def test_blank_lines_and_long_lines_separate_paragraphs() -> None:
    long_a = "First paragraph " + "word " * 30
    long_b = "Second paragraph " + "word " * 30
    text = f"  Title line\n\n{long_a}\n{long_b}\r\n\r\n  Last one.  \n"
    spans = paragraph_spans(text)
    assert [text[s:e] for s, e in spans] == ["Title line", long_a.strip(), long_b.strip(), "Last one."]


def test_hard_wrapped_block_stays_one_paragraph() -> None:
    text = (
        "The minister said on Tuesday that the talks would\n"
        "continue next week in the capital, after a first round\n"
        "ended without agreement.\n\nNext."
    )
    spans = paragraph_spans(text)
    assert len(spans) == 2
    assert text[spans[0][0] : spans[0][1]].endswith("without agreement.")


def test_ragged_menu_lines_are_separate(ident: LanguageIdentifier) -> None:
    text = "Logo\nVIDEO\n21 Apr, 07:44 AM\n\nTags"
    paragraphs = ident.paragraphs(text)
    assert [text[p.start : p.end] for p in paragraphs] == ["Logo", "VIDEO", "21 Apr, 07:44 AM", "Tags"]
    assert all(p.language is None for p in paragraphs)
    assert ident.detect(text) is None


@pytest.mark.parametrize("line", ["Logo", "VIDEO", "21 Apr, 07:44 AM", "Komentar (0)", "0.95 sec | 2287 kb"])
def test_short_lines_are_not_judged(line: str) -> None:
    assert not is_judgeable(line)


def test_unspaced_scripts_are_judged_by_letters(ident: LanguageIdentifier) -> None:
    assert is_judgeable("政府周二宣布新的经济刺激计划")
    assert ident.detect("政府周二宣布新的经济刺激计划，以支持中小企业。") == "zh"


# --- close pairs ------------------------------------------------------------------

CLOSE_PAIRS = [
    ("id", "Pemerintah mengatakan bahwa harga beras naik karena musim kemarau yang panjang tahun ini."),
    ("ms", "Kerajaan berkata bahawa harga beras naik kerana musim kemarau yang panjang tahun ini."),
    ("id", "Polisi sudah memeriksa mobil tersebut di depan kantor gubernur kemarin sore."),
    ("ms", "Beliau berkata wang itu akan diberikan kepada kakitangan kerajaan selepas mesyuarat."),
    ("nb", "Regjeringen sier at prisene ikke vil gå ned før etter sommeren, og mange er bekymret."),
    ("nn", "Regjeringa seier at prisane ikkje vil gå ned før etter sommaren, og mange er uroa."),
    ("da", "Regeringen siger, at priserne ikke vil falde før efter sommeren, og mange er bekymrede."),
    ("nb", "Hun fikk ikke svar fra noen av dem som ble spurt om saken."),
    ("da", "Hun fik ikke svar fra nogle af dem, der blev spurgt om sagen."),
    ("pt", "O ministro disse que o acordo não foi assinado por causa da greve dos trabalhadores."),
    ("es", "El ministro dijo que el acuerdo no fue firmado por la huelga de los trabajadores."),
]


@pytest.mark.parametrize(("lang", "text"), CLOSE_PAIRS)
def test_close_pairs(ident: LanguageIdentifier, lang: str, text: str) -> None:
    assert ident.detect(text) == lang


def test_document_prior_keeps_a_close_caption(ident: LanguageIdentifier) -> None:
    caption = "Foto: Reuters / Lula da Silva en Brasília durante la cumbre"
    assert ident.decide(caption) == "es"  # mixed caption: on its own the model says Spanish
    assert ident.decide(caption, prior="pt") == "pt"


def test_document_prior_does_not_swallow_a_real_quote(ident: LanguageIdentifier) -> None:
    quote = "We will not accept any agreement that ignores the interests of our people, he said."
    assert ident.decide(quote, prior="vi") == "en"


def test_article_with_foreign_quote_and_boilerplate(ident: LanguageIdentifier) -> None:
    body = (
        "Bộ trưởng Ngoại giao hai nước đã có cuộc hội đàm kéo dài ba giờ tại thủ đô, "
        "thảo luận về hợp tác kinh tế và an ninh khu vực."
    )
    quote = "We will not accept any agreement that ignores the interests of our people, he said."
    text = f"Logo\nĐăng nhập\n\n{body}\n\n{quote}\n\n{body}"
    language, paragraphs = ident.analyze(text)
    assert language == "vi"
    assert [p.language for p in paragraphs] == [None, None, "vi", "en", "vi"]


# --- the configured set ----------------------------------------------------------


def test_answers_stay_in_the_configured_set() -> None:
    small = LanguageIdentifier(["en", "de"])
    french = "Le gouvernement a annoncé mardi un nouveau plan pour soutenir les petites entreprises."
    assert small.detect(french) is None
    assert small.detect("The government announced a new plan to support small businesses on Tuesday.") == "en"


def test_bare_norwegian_code_is_refused() -> None:
    with pytest.raises(ConfigError):
        LanguageIdentifier(["en", "no"])


def test_default_set_covers_the_news_languages() -> None:
    needed = {"en", "es", "fr", "de", "pt", "vi", "id", "ms", "nb", "nn", "da", "ar", "zh", "ru", "tr"}
    assert needed <= set(DEFAULT_LANGUAGES)
    assert "no" not in DEFAULT_LANGUAGES


def test_identifier_is_shared_and_picklable(ident: LanguageIdentifier) -> None:
    assert get_identifier() is ident
    copy = pickle.loads(pickle.dumps(ident))
    assert copy.languages == ident.languages
    assert copy.detect(CLOSE_PAIRS[0][1]) == "id"


# --- real articles ---------------------------------------------------------------


def test_seed_articles(ident: LanguageIdentifier) -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"seed corpus not found at {SEEDS} (it lives in <repo>/../shared)")
    paths = sorted(SEEDS.glob("*.txt"))
    assert len(paths) == len(SEED_LANGS)
    for path, expected in zip(paths, SEED_LANGS, strict=True):
        text = path.read_text(encoding="utf-8")
        language, paragraphs = ident.analyze(text)
        assert language == expected, path.name
        # every paragraph of real prose (>= 8 words) carries the article language
        prose = [p for p in paragraphs if len(text[p.start : p.end].split()) >= 8]
        assert prose and all(p.language == expected for p in prose), path.name
        assert all(text[p.start : p.end].strip() == text[p.start : p.end] != "" for p in paragraphs)


# --- process-level properties (a subprocess, so that nothing else is loaded) ------

_PROBE = """
import json, sys
from storyline.langid import get_identifier

def peak_mb():
    # VmHWM is this process's own peak; ru_maxrss would carry over the
    # parent's peak across fork+exec (pytest may be large by then).
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024

language = get_identifier().detect("Det ble ikke noen endring i været i Oslo i dag, sier meteorologen.")
print(json.dumps({
    "language": language,
    "rss_mb": peak_mb(),
    "network_modules": sorted(m for m in ("requests", "robust_downloader", "urllib3") if m in sys.modules),
}))
"""


def test_model_loads_offline_and_small() -> None:
    env = {"HTTPS_PROXY": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9", "PATH": ""}
    repo = str(Path(__file__).resolve().parents[1])
    done = subprocess.run(
        [sys.executable, "-c", _PROBE], capture_output=True, text=True, check=True, env=env, cwd=repo
    )
    found = json.loads(done.stdout)
    assert found["language"] == "nb"
    assert found["network_modules"] == []  # no downloader was even imported
    assert found["rss_mb"] < 300  # the hard requirement; measured ~30 MB


# Our own sentence ("the government announced a new plan to support small businesses") in
# news languages that used to come out unknown (issue 15), Sorani Kurdish through its alias.
NEWS_LANGUAGES = {
    "lv": "Latvijas valdība otrdien paziņoja par jaunu plānu mazo uzņēmumu atbalstam.",
    "lt": "Lietuvos vyriausybė antradienį paskelbė naują planą smulkiajam verslui remti.",
    "et": "Eesti valitsus teatas teisipäeval uuest kavast väikeettevõtete toetamiseks.",
    "my": "မြန်မာနိုင်ငံ အစိုးရသည် အင်္ဂါနေ့တွင် စီးပွားရေးလုပ်ငန်းငယ်များကို ထောက်ပံ့ရန် အစီအစဉ်သစ်တစ်ခုကို ကြေညာခဲ့သည်။",
    "th": "รัฐบาลไทยประกาศแผนใหม่เพื่อสนับสนุนธุรกิจขนาดเล็กเมื่อวันอังคาร",
    "ka": "საქართველოს მთავრობამ სამშაბათს მცირე ბიზნესის მხარდაჭერის ახალი გეგმა გამოაცხადა.",
    "hy": "Հայաստանի կառավարությունը երեքշաբթի օրը հայտարարեց փոքր բիզնեսի աջակցության նոր ծրագրի մասին։",
    "sk": "Slovenská vláda v utorok oznámila nový plán na podporu malých podnikov.",
    "sl": "Slovenska vlada je v torek napovedala nov načrt za podporo malim podjetjem.",
    "ta": "தமிழ்நாடு அரசு செவ்வாய்க்கிழமை சிறு தொழில்களுக்கு ஆதரவளிக்கும் புதிய திட்டத்தை அறிவித்தது.",
    "am": "የኢትዮጵያ መንግሥት ማክሰኞ ለአነስተኛ ንግዶች ድጋፍ የሚሰጥ አዲስ እቅድ አስታወቀ።",
    "ku": "حکوومەتی هەرێمی کوردستان ڕۆژی سێشەممە پلانێکی نوێی بۆ پشتگیری بازرگانییە بچووکەکان ڕاگەیاند.",
}


@pytest.mark.parametrize(("lang", "text"), sorted(NEWS_LANGUAGES.items()))
def test_every_news_language_is_identified(ident: LanguageIdentifier, lang: str, text: str) -> None:
    assert ident.detect(text) == lang


@given(st.text(alphabet=st.sampled_from("aBcDxYZ É.é 1İı"), max_size=250))
def test_capitals_are_counted_as_the_changed_characters(line: str) -> None:
    # _mostly_capitals counts ASCII letters with bytes.translate: as the character comparison does
    head = line[:200]
    upper = sum(map(str.__ne__, head, head.lower()))
    lower = sum(map(str.__ne__, head, head.upper()))
    assert _mostly_capitals(line) == (upper > 0.8 * (upper + lower))
