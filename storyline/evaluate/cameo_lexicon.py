"""Build ``langs/<iso>/events_cameo.toml`` from the CAMEO verb dictionaries (maintainers only).

The PETRARCH coders' dictionaries (openeventdata/UniversalPetrarch, MIT) hold,
for each CAMEO verb block, its verbs and their codes and the block's verb
patterns (``- * PROTEST [141]``: the verb followed by that object).  This
script turns them, systematically, into storyline trigger data through the
CAMEO → PLOVER crosswalk of ``langs/xx/plover.toml``:

- **verbs**: a verb with its own code takes that code's type.  A verb that
  only inherits its block's default takes it when the dictionary itself shows
  the verb used that way: it is the block's head verb, or one of the block's
  patterns that names it (``# KILL``) codes to the same PLOVER type.  Blocks
  are synonym sets from WordNet; without that evidence "overshadow" would be
  an assault.  The Spanish dictionary's pattern comments name the English
  verb, so Spanish verbs take their own codes and the default of blocks whose
  head verb translates to them (the block name's verb in the English file).
  Verbs more common than Zipf ``COMMON`` ("will", "take", "give") and parse
  remnants ("kill and") do not stand alone: they code only through objects.
- **objects**: ``"verb object" = "TYPE"``: the block's patterns whose first
  element after the verb is a word or a synonym set (``&CEASEFIRE`` expands
  to its members); the pattern applies to every verb of the block, as in
  PETRARCH.  A ``[---]`` or statement/appeal code (CAMEO 01, 02) gives ``""``:
  that verb with that object is no event ("beat … in election").

Codes are looked up as full code, first three digits, first two.  Words are
lower-cased and lemmatised with simplemma (verbs match their lemma at run
time).  The output carries the dictionaries' MIT notice.

    python -m storyline.evaluate.cameo_lexicon [--resources ../shared/corpus/resources/petrarch]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import simplemma

from storyline import langs

LANGS_DIR = Path(__file__).resolve().parent.parent / "langs"
DEFAULT_RESOURCES = Path("../shared/corpus/resources/petrarch")
SOURCES = {
    "en": ("CAMEO.2.0.txt", "CAMEO.verbpatterns.150430.txt"),
    "es": ("spanish/verbpatterns_es_190128.txt",),
}
_HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")
_VERB = re.compile(r"^(\+?[^\s\[{#-][^\s\[{#]*)\s*(\{[^}]*\})?\s*(\[[^\]]*\])?")
_PATTERN = re.compile(r"^-\s*(.*?)\s*\[([^\]]*)\]\s*(?:#\s*([A-Z_]+))?")
_FUNCTION_WORDS = """
and or but nor to in on at for with of into against from over by under before behind after about as the a an
up out off down away back through across toward towards between among upon within without will
would shall should can could may might must not no never that this these those it its they them
their he him his she her we us our you your i me my who which what there here be is are was
were been has have had do does did so also very more most all any some other than then now
again still just a en de del el la los las con por para sobre contra hacia desde entre al un
una y o que se su sus lo le les no ni ya muy más mas ser es son fue era ha han habia había este
esta estos estas ese esa él ella ellos ellas nos como cuando donde si sin tras durante
"""
# Articles, prepositions, pronouns and auxiliaries: never the object of a verb pattern.
_FUNCTION = frozenset(_FUNCTION_WORDS.split())
NOTICE = """# Derived from the CAMEO/PETRARCH verb dictionaries of openeventdata/UniversalPetrarch
# ({files}) by storyline/evaluate/cameo_lexicon.py; regenerate, do not edit.
#
# The MIT License (MIT)
# Copyright (c) 2015 Open Event Data Alliance
#
# Permission is hereby granted, free of charge, to any person obtaining a copy of
# this software and associated documentation files (the "Software"), to deal in
# the Software without restriction, including without limitation the rights to
# use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of
# the Software, and to permit persons to whom the Software is furnished to do so,
# subject to the following conditions:
#
# The above copyright notice and this permission notice shall be included in all
# copies or substantial portions of the Software.
#
# THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
# IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS
# FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
# COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER
# IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
# CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""


def plover(code: str) -> str | None:
    """``TYPE`` or ``TYPE/mode`` of a CAMEO code; ``""`` for no event; None when unknown."""
    table: dict[str, str] = langs.load(langs.UNIVERSAL, "plover").get("cameo", {})
    first, _, second = code.strip().partition(":")
    digits = (first or second).strip()
    if not digits.isdigit():
        return "" if digits.strip("-") == "" else None
    for key in (digits, digits[:3], digits[:2]):
        if key in table:
            return str(table[key])
    return None


@dataclass
class Block:
    """One ``--- NAME [code] ---`` verb block."""

    name: str
    default: str | None
    verbs: dict[str, str | None] = field(default_factory=dict)  # verb → own code's type
    forms: dict[str, list[str]] = field(default_factory=dict)
    patterns: list[tuple[list[str], str, str | None]] = field(default_factory=list)  # (after *, type, verb)


def _words(raw: str) -> list[str]:
    return [w for w in raw.replace("_", " ").casefold().split() if w]


def _synsets(lines: Iterable[str]) -> dict[str, list[str]]:
    sets: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in lines:
        s = line.split("#", 1)[0].strip()
        if s.startswith("&"):
            current = sets.setdefault(s.split()[0].upper(), [])
        elif s.startswith("+") and current is not None:
            current.append(" ".join(_words(s[1:])))
        elif s.startswith("---"):
            current = None
    return sets


def parse(lines: list[str]) -> list[Block]:
    """The verb blocks of a PETRARCH verb file."""
    blocks: list[Block] = []
    block: Block | None = None
    for raw in lines:
        line = raw.rstrip()
        head = _HEADER.match(line)
        if head:
            block = Block(head.group(1), plover(head.group(2)))
            blocks.append(block)
            continue
        if block is None or not line.strip() or line.lstrip().startswith("#"):
            continue
        pattern = _PATTERN.match(line)
        if pattern:
            body, code, verb = pattern.groups()
            if "*" in body and (kind := plover(code)) is not None and not _conditioned(body):
                block.patterns.append((body.split("*", 1)[1].split(), kind, verb))
            continue
        verb_line = _VERB.match(line.strip())
        if verb_line and not line.startswith(("~", "&")):
            word = " ".join(_words(verb_line.group(1).lstrip("+")))
            forms = _words((verb_line.group(2) or "").strip("{}").replace("+", " "))
            own = plover(verb_line.group(3).strip("[]")) if verb_line.group(3) else None
            if word:
                block.verbs[word] = own
                block.forms[word] = forms
    return blocks


def _conditioned(body: str) -> bool:
    """Whether a word before the verb conditions the pattern ("- SAID * &HOSTAGE [013]": "said
    free hostages" is a comment, "- WILL_NOT * PRIS" a refusal): the code is that context's,
    no verb-object frame (the builder reads only what follows the verb)."""
    before = body.split("*", 1)[0].lstrip("- ").split()
    return any(
        w.strip("{}()") not in _ACTOR_SLOTS and not w.startswith("$") and " ".join(_words(w)) not in _FUNCTION
        for w in before
        if w.strip("{}()^")
    )


def _lemma(word: str, lang: str) -> str:
    return " ".join(str(simplemma.lemmatize(w, lang=lang)).casefold() for w in word.split())


def _objects(blocks: list[Block], sets: dict[str, list[str]]) -> dict[str, str]:
    """Simple verb-object patterns (``- * PROTEST [141]``) → PLOVER type (``""`` = no event).

    Only patterns whose whole remainder is one word or synonym set (after articles
    and prepositions) count: longer ones qualify the object ("PROTEST (IN
    SOLIDARITY)" is support, not protest), which a word window cannot check.  A
    word after an actor slot (``- * + EXPELLED``: "want X expelled") is no object of
    the verb: the actor is.  The votes of one block are counted over both
    dictionaries (the two files repeat the block, each with part of its patterns).
    """
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for block in blocks:
        for after, kind, _verb in block.patterns:
            _vote(votes, after, kind, sets)
    return {obj: c.most_common(1)[0][0] for obj, c in votes.items()}


_ACTOR_SLOTS = frozenset({"$", "+", "%"})


def _vote(votes: dict[str, Counter[str]], after: list[str], kind: str, sets: dict[str, list[str]]) -> None:
    words = [w.strip("{}()") for w in after]
    slot = next((i for i, w in enumerate(words) if w in _ACTOR_SLOTS or w.startswith("$")), len(words))
    if any(" ".join(_words(w)) not in _FUNCTION for w in words[slot:] if w and w not in _ACTOR_SLOTS):
        return  # the content word comes after the actor: "- * + EXPELLED"
    words = [w for w in words[:slot] if w and w != "^"]
    # "TO_" is "to": the connector marks are dropped before the function-word test
    content = [w for w in words if " ".join(_words(w)) not in _FUNCTION]
    if len(content) != 1:
        return
    first = content[0]
    heads = sets.get(first.upper(), []) if first.startswith("&") else [" ".join(_words(first))]
    for head in heads:
        if head and " " not in head and head.isalpha() and head not in _FUNCTION:
            votes[head][kind] += 1


def _attested(block: Block) -> set[str]:
    named = {(v or "").casefold().replace("_", " ") for _, kind, v in block.patterns if kind == block.default}
    return named | {block.name.casefold().replace("_", " ")}


_SPANISH_VERB = re.compile(r"(?:ar|er|ir|ír)(?:se)?(?: |$)")


def _is_verb(word: str, lang: str) -> bool:
    """The Spanish file mixes nouns and adjectives into its verb lists ("tiroteo", "valiente")."""
    return lang != "es" or bool(_SPANISH_VERB.search(word))


# Zipf frequency (wordfreq) from which a verb is too common, hence too polysemous, to be a
# trigger on its own ("will", "want", "take", "give", "head", "hit"): it codes only through
# the objects of its frame ("take … hostage").  Measured on the English list: 4.9 keeps
# "attack" (4.8) and "arrest" (4.6) and drops everyday verbs.
COMMON = 4.9


def _stands_alone(verb: str, lang: str) -> bool:
    import wordfreq

    words = verb.split()
    if words[-1] in _FUNCTION or words[-1] in {"and", "or", "y", "o"}:
        return False  # a parse remnant ("kill and", "shot and")
    return len(words) > 1 or wordfreq.zipf_frequency(verb, lang) < COMMON


@dataclass
class Lexicon:
    """One language's derived data: verbs, the frame (block) of each verb, each frame's objects."""

    verbs: dict[str, str]
    frames: dict[str, str]
    objects: dict[str, dict[str, str]]
    # verb lemma → the objects of the patterns the dictionary notes under that very verb
    # ("- * &WEAPON [072] # RECEIVE"): what a hand-listed verb takes from CAMEO
    attested: dict[str, dict[str, str]] = field(default_factory=dict)


def build(lang: str, files: list[Path]) -> Lexicon:
    """The derived lexicon of one language (see the module docstring)."""
    lines: list[str] = []
    for path in files:
        raw = path.read_bytes()
        try:
            lines += raw.decode("utf-8").splitlines()
        except UnicodeDecodeError:
            lines += raw.decode("latin-1").splitlines()
    sets = _synsets(lines)
    verbs: dict[str, Counter[str]] = defaultdict(Counter)
    frames: dict[str, str] = {}
    objects: dict[str, dict[str, str]] = {}
    blocks = parse(lines)
    same: dict[str, list[Block]] = defaultdict(list)
    for block in blocks:
        same[block.name.casefold()].append(block)
    for block in blocks:
        attested = _attested(block)
        frame = block.name.casefold()
        if frame not in objects:
            objects[frame] = _objects(same[frame], sets)
        block_objects = objects[frame]
        for verb, own in block.verbs.items():
            if not _is_verb(verb, lang):
                continue
            kind = own if own is not None else block.default
            evidence = own is not None or (lang == "en" and verb in attested)
            lemma = _lemma(verb, lang)
            if kind and evidence and _stands_alone(lemma, lang):
                verbs[lemma][kind] += 1
            if block_objects:
                frames.setdefault(lemma, frame)
    return Lexicon(
        {v: c.most_common(1)[0][0] for v, c in sorted(verbs.items())},
        dict(sorted(frames.items())),
        {k: dict(sorted(v.items())) for k, v in sorted(objects.items()) if v},
        _attested_objects(blocks, sets, lang),
    )


def _attested_objects(
    blocks: list[Block], sets: dict[str, list[str]], lang: str
) -> dict[str, dict[str, str]]:
    """The simple object patterns of each verb the patterns' comments name (English only: the
    Spanish comments name the English verb)."""
    if lang != "en":
        return {}
    votes: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    for block in blocks:
        for after, kind, verb in block.patterns:
            if verb:
                _vote(votes[_lemma(" ".join(_words(verb)), lang)], after, kind, sets)
    found = {v: {o: c.most_common(1)[0][0] for o, c in sorted(t.items())} for v, t in sorted(votes.items())}
    return {v: t for v, t in found.items() if t and " " not in v}


def _toml_table(name: str, table: dict[str, str]) -> str:
    rows = [f'"{k}" = "{v}"' for k, v in table.items() if '"' not in k and "\\" not in k]
    return f"[{name}]\n" + "\n".join(rows) + "\n"


def write(lang: str, files: list[Path], lex: Lexicon) -> Path:
    out = LANGS_DIR / lang / "events_cameo.toml"
    text = NOTICE.format(files=", ".join(p.name for p in files))
    text += (
        "# [verbs]: lemma = PLOVER type (TYPE or TYPE/mode).  [frames]: lemma = its CAMEO verb block.\n"
        '# [objects.<block>]: object lemma = type when the object follows the verb ("" = no event).\n'
        "# [attested.<verb>]: the objects of the patterns the dictionary notes under that verb itself.\n\n"
    )
    parts = [_toml_table("verbs", lex.verbs), _toml_table("frames", lex.frames)]
    parts += [_toml_table(f'objects."{k}"', v) for k, v in lex.objects.items()]
    parts += [_toml_table(f'attested."{k}"', v) for k, v in lex.attested.items()]
    out.write_text(text + "\n".join(parts), "utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build events_cameo.toml from the CAMEO dictionaries.")
    parser.add_argument("--resources", type=Path, default=DEFAULT_RESOURCES)
    args = parser.parse_args(argv)
    for lang, names in SOURCES.items():
        files = [args.resources / n for n in names]
        missing = [f for f in files if not f.is_file()]
        if missing:
            print(f"{missing[0]}: not found", file=sys.stderr)
            return 1
        lex = build(lang, files)
        out = write(lang, files, lex)
        n = sum(len(v) for v in lex.objects.values())
        print(
            f"{out}: {len(lex.verbs)} verbs, {n} object patterns in {len(lex.objects)} frames",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
