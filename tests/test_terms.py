"""Word terms of the lexical signal: a language's clitics, and stored terms kept to the current rules."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from storyline.api import ingest
from storyline.cluster import fingerprints
from storyline.cluster.fingerprints import TermRules, stems, term_rules, top_terms
from storyline.collection import terms as stored_terms
from storyline.collection.update import update_collection
from storyline.store.db import Database

# Written for this test: a town council opening a water station.
ARABIC = (
    "افتتح المجلس البلدي في المدينة محطة جديدة لتحلية المياه، وقال رئيس المجلس إن المحطة "
    "ستوفر المياه لآلاف الأسر. وأضاف أن المجلس البلدي سيبني محطة ثانية بالمدينة خلال العام "
    "المقبل، وأن للمجلس خطة لتوسيع شبكة المياه والكهرباء في الأحياء الجديدة."
)


def test_arabic_article_and_joined_particles_leave_one_term() -> None:
    forms = "الحكومة والحكومة بالحكومة للحكومة فالحكومة وبالحكومة حكومة"
    assert set(stems(forms, "ar")) == {"حكومة"}
    assert set(stems(forms, "ar-EG")) == {"حكومة"}
    assert len(set(stems(forms))) > 1  # no language, no rules: the plain cut


def test_a_rest_shorter_than_a_root_or_a_bare_particle_stays() -> None:
    # "الله", "الذي": no article plus a word; بغداد, لبنان, وزير open with a particle's letter.
    assert stems("الله الذي بغداد لبنان وزير", "ar") == ["الله", "الذي", "بغداد", "لبنان", "وزير"]


def test_languages_without_rules_keep_the_plain_cut() -> None:
    text = "L'Assemblée nationale adopte le budget; Erdoğan'ın açıklaması"
    assert stems(text, "fr") == stems(text, "tr") == stems(text)
    assert term_rules("fr").signature == "" and term_rules("ar").signature


def _plain(language: str | None) -> TermRules:
    return TermRules()


def _recount(db: Database) -> dict[str, int]:
    """Document frequencies of the stored fingerprints' terms, as term_df should hold them."""
    df: Counter[str] = Counter()
    for language, data in db.conn.execute("SELECT language, data FROM fingerprints"):
        fp = fingerprints.Fingerprint.from_row("x", language, None, data, b"")
        df.update(f"{language}|{t}" for t in fp.terms)
    return dict(df)


def _stored_df(db: Database) -> dict[str, int]:
    rows = db.conn.execute("SELECT term, df FROM term_df")
    return {str(t): int(n) for t, n in rows if not str(t).endswith("|")}


def test_terms_stored_under_other_rules_are_remade_with_their_frequencies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "ar-water.txt"
    path.write_text(ARABIC, encoding="utf-8")
    db = Database(tmp_path / "t.db")
    with monkeypatch.context() as m:  # a collection made before Arabic had rules
        m.setattr(fingerprints, "term_rules", _plain)
        m.setattr(stored_terms, "term_rules", _plain)
        ingest([str(path)], db=db)
    old = {str(t) for t in _stored_df(db)}
    assert "ar|بالمدين" in old and _stored_df(db) == _recount(db)
    update_collection(db)
    (data,) = db.conn.execute("SELECT data FROM fingerprints").fetchone()
    stored = fingerprints.Fingerprint.from_row("x", "ar", None, data, b"")
    assert stored.terms == top_terms(ARABIC, language="ar")
    assert "ar|بالمدين" not in _stored_df(db) and _stored_df(db) == _recount(db)
    assert db.conn.execute("SELECT value FROM collection_meta WHERE key = 'terms:ar'").fetchone()[0]
    with db.atomic():
        assert stored_terms.refresh_terms(db.conn) == 0  # current now: nothing to redo
    db.close()
