"""Name keys: stable, language-independent ids for people and organisations.

The same person is written ``Andrey Belousov``, ``Andrei Belousov``,
``Андрей Белоусов`` or ``Andrej Belousow`` depending on the outlet and its
language.  Rather than list variants, a name is folded to a rough phonetic
skeleton that those spellings share:

1. script folding: Cyrillic and Greek letters are transliterated, Latin letters
   lose their diacritics (``Lula da Silva`` / ``Lulá Da Silva``) and a few
   letters that Unicode does not decompose are spelled out (``đ``, ``ø``, ``ß``);
2. phonetic folding of the usual transliteration choices: ``y``/``j``/``i``
   (``Sergey``/``Sergei``/``Sergej``), ``w``/``v`` and ``z``/``s`` (German
   ``Belousow``, ``Selenskyj``), ``sch``/``sh``, ``ou``/``u`` (French
   ``Poutine``), doubled letters (``Zelenskyy``), a silent final ``e``;
3. hyphens, spaces and apostrophes disappear (``Kim Jong-un`` / ``Kim Jong Un``).

The key is readable text, not a hash, so that ids can be inspected in the
database and in exports: ``person:andreibelousov``, ``org:nato``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters NFKD does not decompose into a base letter plus marks.
_UNDECOMPOSED = str.maketrans(
    {"đ": "d", "ð": "d", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ł": "l", "ı": "i", "þ": "th", "ħ": "h"}
)

# Script-level transliteration (not language knowledge): one ASCII spelling per
# letter, close to the common English/BGN romanisation of Russian, Ukrainian,
# Bulgarian, Serbian and Greek names.  Exactness does not matter, only that
# the Latin spellings newspapers use fold to the same key (see _PHONETIC).
_CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґўђјљњћџ",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "i",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "",
            "y",
            "",
            "e",
            "yu",
            "ya",
            "i",
            "i",
            "ye",
            "g",
            "u",
            "dj",
            "j",
            "lj",
            "nj",
            "c",
            "dz",
        ],
        strict=True,
    )
)
_GREEK = dict(
    zip(
        "αβγδεζηθικλμνξοπρσςτυφχψω",
        [
            "a",
            "v",
            "g",
            "d",
            "e",
            "z",
            "i",
            "th",
            "i",
            "k",
            "l",
            "m",
            "n",
            "x",
            "o",
            "p",
            "r",
            "s",
            "s",
            "t",
            "i",
            "f",
            "ch",
            "ps",
            "o",
        ],
        strict=True,
    )
)
_SCRIPTS = str.maketrans({**_CYRILLIC, **_GREEK})

# Ordered rewrites applied to a folded token; each merges spellings that
# different transliteration traditions produce for the same sound.
_PHONETIC: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile("sch"), "sh"),  # German Schoigu / Shoigu
    (re.compile("kh"), "h"),  # Khamenei / Hamenei
    (re.compile("ou"), "u"),  # French Poutine / Putin, Choïgou / Shoigu
    (re.compile("z"), "s"),  # German Selenskyj / Zelensky
    (re.compile("[yj]"), "i"),  # Sergey / Sergei / Sergej, Jong / Yong
    (re.compile("w"), "v"),  # Belousow / Belousov
    (re.compile(r"(.)\1+"), r"\1"),  # Zelenskyy -> zelenskii -> zelenski
    (re.compile(r"(?<=[^aeiou]{2})e$|(?<=[aeiou][^aeiou])e$"), ""),  # vowel ending: Poutine / Putin
)

_SEPARATORS = re.compile(r"[\s\-‐‑–’'`.·]+")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")

_KIND_PREFIX = {"person": "person", "organization": "org", "group": "group", "country": "country"}


@lru_cache(maxsize=65_536)  # bounded: a monitor sees new words for weeks
def fold(text: str) -> str:
    """Lowercase ASCII-ish form of ``text``: diacritics dropped, Cyrillic/Greek transliterated.

    Characters of other scripts (Arabic, CJK) are kept as they are, so keys
    of names in those scripts stay distinct instead of collapsing to "".
    """
    lowered = text.casefold().translate(_UNDECOMPOSED).translate(_SCRIPTS)
    decomposed = unicodedata.normalize("NFKD", lowered)
    # Greek letters with an accent ("έ" in "Έλον") are no table entry until decomposed.
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(_SCRIPTS)


@lru_cache(maxsize=262_144)  # bounded: a monitor sees new words for weeks
def token_key(token: str) -> str:
    """Phonetic key of one name token (``Andrey`` and ``Andrei`` both give ``andrei``)."""
    folded = _SEPARATORS.sub("", fold(token))
    if folded.isascii():
        folded = _NON_ALNUM.sub("", folded)
        for pattern, replacement in _PHONETIC:
            folded = pattern.sub(replacement, folded)
    return folded


def name_tokens(name: str) -> tuple[str, ...]:
    """The words of a name, split on spaces only (``Kim Jong-un`` has two tokens)."""
    return tuple(part for part in name.split() if part)


def capitalised_words(name: str) -> tuple[str, ...]:
    """The capitalised words of a name, a particle's hyphenated word included: "Bashar al-Assad"
    gives "Bashar" and "Assad" (a lone "Assad" later in the text is that person)."""
    # "al-Assad" gives "Assad"; "da" of "Lula da Silva" gives nothing.
    words = (part if part[0].isupper() else part.partition("-")[2] for part in name_tokens(name))
    return tuple(word for word in words if word[:1].isupper())


def name_key(name: str) -> str:
    """Key of a whole name: token keys glued together, so ``Jong-un`` equals ``Jong Un``."""
    return "".join(token_key(part) for part in _SEPARATORS.split(name) if part)


def actor_key(name: str, *, kind: str = "person") -> str:
    """Stable id for an actor name: ``person:andreibelousov``, ``org:reuters``.

    ``kind`` is a :class:`~storyline.model.Mention` kind; it only chooses the
    prefix, so a person and an organisation with the same name stay apart.
    """
    prefix = _KIND_PREFIX.get(kind, kind)
    return f"{prefix}:{name_key(name)}"


# --- keys across scripts ------------------------------------------------------------------
#
# A name written in another script (Трамп, トランプ, 트럼프, ترامب) is transliterated to ASCII
# (Cyrillic and Greek by the table above, every other script by anyascii) and reduced to a
# consonant skeleton that survives the usual transliteration choices: vowels (which Arabic
# does not write and kana and Hangul add) are dropped, and consonants that scripts merge are
# merged — l/r (Japanese, Korean), p/b/f/v (Arabic has no p, Korean no f), k/g/q/c, t/d,
# s/z/sh/x/j, m before a labial (Japanese トランプ "toranpu").  Trump, Трамп, トランプ, 트럼프
# and ترامب all give "trmb".  The skeleton is far looser than the name key, so the resolver
# only uses it between names in two different scripts, and only when it points to one actor.

_SCRIPT_SEPARATORS = re.compile(r"[\s\-‐‑–’'`.·・=]+")
_ARABIC_ARTICLE = re.compile(r"^(?:ال|أل)(?=\w{3})")
_SKELETON: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile("[^a-z]"), ""),
    (re.compile("ng$"), "n"),  # syllable-final ng (Jong, 정 "jeong", Ping): n, as Cyrillic writes it
    (re.compile("(?<=[bcdfgkmpstvz])j"), ""),  # j after a consonant is a vowel glide (Björn)
    (re.compile("sch|sh|zh|ch(?=[aeiou])|ts|tz|[zxj]"), "s"),
    (re.compile("ph|[pfv]"), "b"),
    (re.compile("th|dh|d"), "t"),
    (re.compile("ck|kh|[ghqc]"), "k"),  # Russian г for h (Гаррис), Arabic خ, Korean ㅎ: one guttural
    (re.compile("l"), "r"),
    (re.compile("[aeiouyw']"), ""),
)
_KANA_N = re.compile("n(?=[pbfvm])")  # Japanese ン before a labial is m: トランプ "toranpu"
_DOUBLED = re.compile(r"(.)\1+")
_ARTICLES = frozenset({"al", "el"})  # the Arabic article written apart in Latin (al-Assad)
_SYLLABLE = re.compile(r"(?<=[a-z])(?=[A-Z])")  # anyascii capitalises each Hangul and Han syllable
_MIN_SKELETON = 3  # consonants: "msk" (Musk) is the shortest a name may have to be matched by it


def script_of(name: str) -> str:
    """The Unicode script of the first letter of ``name`` (``LATIN``, ``CYRILLIC``, ``HANGUL`` …)."""
    for ch in name:
        if ch.isalpha():
            full = unicodedata.name(ch, "")
            if full.startswith("CJK"):
                return "HAN"
            if full.startswith(("HIRAGANA", "KATAKANA")):
                return "KANA"
            return full.split(" ", 1)[0] or "OTHER"
    return "OTHER"


@lru_cache(maxsize=65_536)  # bounded: a monitor sees new words for weeks
def _syllables(token: str) -> tuple[str, ...]:
    """``token`` in ASCII, cut into the syllables anyascii marks (one piece for alphabetic scripts)."""
    folded = fold(_ARABIC_ARTICLE.sub("", token))
    if folded.isascii():
        return () if folded in _ARTICLES else (folded,)
    from anyascii import anyascii  # only names in other scripts pay for its tables

    ascii_form = anyascii(token)
    if script_of(token) == "KANA":
        ascii_form = _KANA_N.sub("m", ascii_form)
    return tuple(part.lower() for part in _SYLLABLE.split(ascii_form))


@lru_cache(maxsize=262_144)  # bounded: a monitor sees new words for weeks
def skeleton(token: str) -> str:
    """Consonant skeleton of one name token in any script (see above)."""
    out = ""
    for syllable in _syllables(token):
        part = syllable
        for pattern, replacement in _SKELETON:
            part = pattern.sub(replacement, part)
        out += part
    return _DOUBLED.sub(r"\1", out)


def script_keys(name: str) -> tuple[str, str]:
    """``(skeleton of the whole name, skeleton of its last token)``; empty when too short to use."""
    tokens = [skeleton(t) for t in _SCRIPT_SEPARATORS.split(name) if t]
    tokens = [t for t in tokens if t]
    whole = _DOUBLED.sub(r"\1", "".join(tokens))
    last = tokens[-1] if tokens else ""
    return (whole if len(whole) >= _MIN_SKELETON else "", last if len(last) >= _MIN_SKELETON else "")
