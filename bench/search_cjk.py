"""CJK full-text indexing compared: character bigrams, jieba, fugashi + unidic-lite, FTS5 trigram.

    .venv/bin/python bench/search_cjk.py        (jieba, fugashi and unidic-lite must be installed)

Data: the Chinese, Japanese and Korean articles of ``tests/corpus/crosslingual`` (our own
writing).  Queries: every gold actor and place surface form of those articles.  For each
method the articles are indexed in an in-memory FTS5 table and each query is run:

* recall: the query finds every article whose text contains it literally;
* false hits: articles returned that do not contain the query;
* index time per article (single core, wall clock).

The method chosen for ``storyline.normalize.search_text`` is the bigram one; this script is
the record of why.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from storyline.normalize import search_text
from storyline.store.db import fts_query

ROOT = Path(__file__).resolve().parents[1] / "tests" / "corpus"
LANGS = ("zh", "ja", "ko")


def _jieba() -> Callable[[str], str]:
    import jieba

    jieba.setLogLevel(60)
    return lambda text: " ".join(jieba.cut(text))


def _fugashi() -> Callable[[str], str]:
    import fugashi

    tagger = fugashi.Tagger()
    return lambda text: " ".join(word.surface for word in tagger(text))


def _segmenter(lang: str) -> Callable[[str], str]:
    return _jieba() if lang == "zh" else _fugashi() if lang == "ja" else (lambda text: text)


def _run(name: str, docs: list[tuple[str, str, str]], queries: list[tuple[str, str]]) -> dict[str, object]:
    conn = sqlite3.connect(":memory:")
    tokenizer = "trigram" if name == "trigram" else "unicode61 remove_diacritics 2"
    conn.execute(f"CREATE VIRTUAL TABLE t USING fts5(text, tokenize='{tokenizer}')")
    segmenters = {lang: _segmenter(lang) for lang in LANGS} if name == "dictionary" else {}
    start = time.perf_counter()
    for rowid, (lang, _, text) in enumerate(docs):
        if name == "bigram":
            indexed = search_text(text, lang)
        elif name == "dictionary":
            indexed = segmenters[lang](text)
        else:
            indexed = text
        conn.execute("INSERT INTO t(rowid, text) VALUES (?, ?)", (rowid, indexed))
    per_doc = (time.perf_counter() - start) / len(docs)
    found = expected = false = 0
    for lang, query in queries:
        if name == "bigram":
            match = fts_query(query)
        elif name == "dictionary":
            match = " ".join(f'"{w}"' for w in segmenters[lang](query).split())
        else:
            match = f'"{query}"'
        hits = (
            {r[0] for r in conn.execute("SELECT rowid FROM t WHERE t MATCH ?", (match,))} if match else set()
        )
        truth = {i for i, (_, _, text) in enumerate(docs) if query in text}
        expected += len(truth)
        found += len(hits & truth)
        false += len(hits - truth)
    return {
        "method": name,
        "recall": round(found / expected, 3),
        "false_hits": false,
        "ms_per_article": round(per_doc * 1000, 2),
    }


def main() -> None:
    gold = json.loads((ROOT / "crosslingual.gold.json").read_text(encoding="utf-8"))["documents"]
    docs = [
        (d["language"], d["file"], (ROOT / "crosslingual" / d["file"]).read_text(encoding="utf-8"))
        for d in gold
        if d["language"] in LANGS
    ]
    queries = sorted(
        {
            (d["language"], m["text"])
            for d in gold
            if d["language"] in LANGS
            for m in d["actors"] + d["places"]
        }
    )
    print(f"{len(docs)} articles, {len(queries)} queries (gold actor and place names)")
    for name in ("bigram", "dictionary", "trigram", "unicode61"):
        print(json.dumps(_run(name, docs, queries)))


if __name__ == "__main__":
    main()
