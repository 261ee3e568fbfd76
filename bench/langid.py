"""Language-identification backends compared on real news text (a measurement, not a test).

    .venv/bin/python bench/langid.py [--per-language 60] [--json]

Each candidate runs in its own subprocess so that its resident memory (``ru_maxrss``)
is its own.  Data, read from ``<repo>/../shared/corpus`` (never copied here):

* the 5 seed articles (id, vi, nb, vi, pt) with their site boilerplate;
* up to ``--per-language`` articles each from the es/fr/it timelines, the ar/fr/tr/es
  SemEval similarity CSVs and the en/es TimeBank documents.

Documents are scored against the language of their collection; paragraphs (split by
:func:`storyline.langid.paragraph_spans`, kept when they have at least 6 words) against
the language of their document, so a genuinely foreign quote counts as an error for
every candidate alike.  Speeds are single-core wall-clock figures on this machine.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / ".." / "shared" / "corpus"
SEED_LANGS = ("id", "vi", "nb", "vi", "pt")
CSV_LANGS = {"arabic": "ar", "french": "fr", "turkish": "tr", "data": "es"}
MIN_PARAGRAPH_WORDS = 6
CODE = re.compile(r"[{}$=<>]|\*/|^\s*(?://|\* )")

sys.path.insert(0, str(REPO))


@dataclass(frozen=True)
class Doc:
    """One gold document: its collection, language and text."""

    collection: str
    lang: str
    text: str


def seeds() -> Iterator[Doc]:
    for path, lang in zip(sorted((CORPUS / "seeds").glob("*.txt")), SEED_LANGS, strict=True):
        yield Doc("seeds", lang, path.read_text(encoding="utf-8"))


def timelines(limit: int) -> Iterator[Doc]:
    for lang_dir in sorted((CORPUS / "dev" / "timelines").iterdir()):
        paths = sorted(p for p in lang_dir.rglob("*.txt") if "reference" not in p.parts)
        for path in paths[:limit]:
            yield Doc("timelines", lang_dir.name, path.read_text(encoding="utf-8"))


def similarity(limit: int) -> Iterator[Doc]:
    csv.field_size_limit(sys.maxsize)
    for folder, lang in CSV_LANGS.items():
        path = next((CORPUS / "dev" / "similarity" / folder).glob("*.csv"))
        with path.open(encoding="utf-8", newline="") as handle:
            texts = [row["text_1"] for row in csv.DictReader(handle) if row.get("text_1", "").strip()]
        for text in list(dict.fromkeys(texts))[:limit]:
            yield Doc("similarity", lang, text)


def timebank(limit: int) -> Iterator[Doc]:
    for lang in ("en", "es"):
        docs: list[list[list[str]]] = []
        lines = (CORPUS / "dev" / "dates" / "timebank" / lang / "train.tsv").read_text(encoding="utf-8")
        for line in lines.splitlines():
            token = line.split("\t")[0]
            if token.startswith("*!-DCTVALUE"):
                docs.append([[]])
            elif not token:
                docs[-1].append([])
            elif docs:
                docs[-1][-1].append(token)
        for doc in docs[:limit]:
            yield Doc("timebank", lang, "\n".join(" ".join(s) for s in doc if s))


def load_docs(limit: int) -> list[Doc]:
    return [*seeds(), *timelines(limit), *similarity(limit), *timebank(limit)]


def paragraphs(doc: Doc, seen: set[str]) -> list[str]:
    """Paragraphs of at least 6 words, each counted once in the whole corpus.

    Site boilerplate repeats on every page of a site (the Italian timelines carry the
    same JavaScript on each), and lines that look like code are not language at all.
    """
    from storyline.langid import paragraph_spans

    found = []
    for start, end in paragraph_spans(doc.text):
        piece = doc.text[start:end]
        if len(piece.split()) >= MIN_PARAGRAPH_WORDS and piece not in seen and not CODE.search(piece):
            seen.add(piece)
            found.append(piece)
    return found


# --- candidates: each returns (detect_document, detect_paragraph) -----------

Detect = Callable[[str], str | None]


def _lingua(low: bool, preload: bool) -> tuple[Detect, Detect]:
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    from storyline.langid import DEFAULT_LANGUAGES

    codes = [IsoCode639_1.from_str(c) for c in DEFAULT_LANGUAGES]
    builder = LanguageDetectorBuilder.from_iso_codes_639_1(*codes)
    if low:
        builder = builder.with_low_accuracy_mode()
    if preload:
        builder = builder.with_preloaded_language_models()
    detector = builder.build()

    def detect(text: str) -> str | None:
        found = detector.detect_language_of(text)
        return None if found is None else found.iso_code_639_1.name.lower()

    return detect, detect


def _fasttext_raw() -> tuple[Detect, Detect]:
    from storyline.langid import _model, _model_input

    model = _model()

    def detect(text: str) -> str | None:
        labels, _ = model.predict(_model_input(text), k=1)
        code: str = labels[0].removeprefix("__label__")
        return "nb" if code == "no" else code

    return detect, detect


def _py3langid() -> tuple[Detect, Detect]:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier  # type: ignore[import-untyped]

    from storyline.langid import DEFAULT_LANGUAGES

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages([c for c in DEFAULT_LANGUAGES if c in ident.nb_classes])

    def detect(text: str) -> str | None:
        code: str = ident.classify(text)[0]
        return "nb" if code == "no" else code

    return detect, detect


def _storyline() -> tuple[Detect, Detect]:
    from storyline.langid import get_identifier

    ident = get_identifier()
    return ident.detect, ident.decide


CANDIDATES: dict[str, Callable[[], tuple[Detect, Detect]]] = {
    "lingua-high-preloaded": lambda: _lingua(low=False, preload=True),
    "lingua-high-lazy": lambda: _lingua(low=False, preload=False),
    "lingua-low-preloaded": lambda: _lingua(low=True, preload=True),
    "py3langid": _py3langid,
    "fasttext-lid176-raw": _fasttext_raw,
    "storyline.langid": _storyline,
}


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def accuracy(detect: Detect, items: list[tuple[str, str]]) -> tuple[float, float]:
    """(share correct, seconds) over ``(gold, text)`` items."""
    started = time.perf_counter()
    right = sum(detect(text) == gold for gold, text in items)
    return right / max(len(items), 1), time.perf_counter() - started


def run_one(name: str, limit: int) -> dict[str, Any]:
    docs = load_docs(limit)
    seen: set[str] = set()
    pars = [(d.lang, p) for d in docs for p in paragraphs(d, seen)]
    seed_pars = [(d.lang, p) for d in docs if d.collection == "seeds" for p in paragraphs(d, set())]
    before = rss_mb()
    started = time.perf_counter()
    detect_doc, detect_par = CANDIDATES[name]()
    load_s = time.perf_counter() - started
    doc_acc, doc_s = accuracy(detect_doc, [(d.lang, d.text) for d in docs])
    seed_acc, _ = accuracy(detect_doc, [(d.lang, d.text) for d in docs if d.collection == "seeds"])
    par_acc, par_s = accuracy(detect_par, pars)
    seed_par_acc, _ = accuracy(detect_par, seed_pars)
    result = {
        "candidate": name,
        "load_s": round(load_s, 2),
        "rss_before_mb": round(before),
        "rss_mb": round(rss_mb()),
        "rss_detector_mb": round(rss_mb() - before),
        "seed_docs": f"{round(seed_acc * 5)}/5",
        "seed_paragraphs": f"{round(seed_par_acc * len(seed_pars))}/{len(seed_pars)}",
        "doc_acc": round(doc_acc, 4),
        "docs": len(docs),
        "docs_per_s": round(len(docs) / doc_s),
        "mean_doc_kb": round(sum(len(d.text.encode()) for d in docs) / len(docs) / 1024, 1),
        "par_acc": round(par_acc, 4),
        "paragraphs": len(pars),
        "pars_per_s": round(len(pars) / par_s),
    }
    if name == "storyline.langid":
        result.update(_ingest_like(docs))
    return result


def _ingest_like(docs: list[Doc]) -> dict[str, Any]:
    """Articles/s for what ingest does: document language plus every paragraph's."""
    from storyline.langid import get_identifier

    ident = get_identifier()
    started = time.perf_counter()
    for doc in docs:
        ident.analyze(doc.text)
    analyze_s = time.perf_counter() - started
    errors = [
        (d.collection, d.lang, ident.detect(d.text), d.text[:60].replace("\n", " "))
        for d in docs
        if ident.detect(d.text) != d.lang
    ]
    seen: set[str] = set()
    right = total = 0
    for doc in docs:  # paragraphs judged in their article, i.e. with the document prior
        keep = set(paragraphs(doc, seen))
        for par in ident.paragraphs(doc.text):
            if doc.text[par.start : par.end] in keep:
                total += 1
                right += par.language == doc.lang
    cut = [_first_bytes(d.text, 3072) for d in docs]
    started = time.perf_counter()
    for text in cut:
        ident.analyze(text)
    cut_s = time.perf_counter() - started
    return {
        "analyze_articles_per_s": round(len(docs) / analyze_s),
        "analyze_3kb_articles_per_s": round(len(cut) / cut_s),
        "par_acc_in_context": round(right / max(total, 1), 4),
        "doc_errors": errors[:10],
    }


def _first_bytes(text: str, size: int) -> str:
    """The start of ``text``, at most ``size`` UTF-8 bytes (a "3 KB article")."""
    return text.encode()[:size].decode(errors="ignore")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-language", type=int, default=60)
    parser.add_argument("--one", choices=sorted(CANDIDATES), help="run one candidate in this process")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"corpus not found at {CORPUS}")
    if args.one:
        print(json.dumps(run_one(args.one, args.per_language), ensure_ascii=False))
        return
    rows = []
    for name in CANDIDATES:
        cmd = [sys.executable, __file__, "--one", name, "--per-language", str(args.per_language)]
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if done.returncode:
            print(f"{name}: failed\n{done.stderr[-2000:]}", file=sys.stderr)
            continue
        rows.append(json.loads(done.stdout))
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    keys = [
        "candidate",
        "seed_docs",
        "seed_paragraphs",
        "doc_acc",
        "par_acc",
        "docs_per_s",
        "pars_per_s",
        "rss_mb",
        "load_s",
    ]
    print(" | ".join(keys))
    for row in rows:
        print(" | ".join(str(row[k]) for k in keys))
    extra = next((r for r in rows if "analyze_articles_per_s" in r), None)
    if extra:
        print(
            f"\n{rows[0]['docs']} documents (mean {rows[0]['mean_doc_kb']} KB), "
            f"{rows[0]['paragraphs']} paragraphs >= {MIN_PARAGRAPH_WORDS} words"
        )
        print(
            f"storyline.langid analyze (document + every paragraph): "
            f"{extra['analyze_articles_per_s']} articles/s; "
            f"on the same articles cut to 3 KB: {extra['analyze_3kb_articles_per_s']} articles/s; "
            f"paragraph accuracy in context (document prior): {extra['par_acc_in_context']}"
        )
        for err in extra["doc_errors"]:
            print("  doc error:", err)


if __name__ == "__main__":
    main()
