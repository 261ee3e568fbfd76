"""The event data built from CAMEO, the distilled word vectors and the learned classifier."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import pytest

from storyline import langs
from storyline.evaluate import cameo_lexicon
from storyline.extract._event_classifier import Candidate, EventModel, enabled, packaged_model
from storyline.extract._event_lexicon import find_triggers, lexicon, tokenize
from storyline.extract._event_vectors import word_vectors
from storyline.extract.actors import extract_actors
from storyline.extract.dates import extract_times
from storyline.extract.events import event_candidate, extract_events
from storyline.extract.places import extract_places

# A verb file in the PETRARCH format, written for this test (two blocks, a synonym set).
DICTIONARY = """\
&SHOWOFF_
+PROTEST
+RALLY

---  STAGE   [---]  ---
STAGE
HOLD
- * &SHOWOFF_                                       [141]         # STAGE
- * CONCERT                                         [---]         # STAGE
- * {MOCK ATTACK}                                   [150]         # STAGE

---  MASSACRE   [190]  ---
MASSACRE
KILL
MURDER {MURDERS MURDERED}
SLAY
ASSASSINATE [185]
- * CIVILIANS                                       [190]         # SLAY
"""


def test_cameo_build_follows_the_dictionary(tmp_path: Path) -> None:
    path = tmp_path / "verbs.txt"
    path.write_text(DICTIONARY, encoding="utf-8")
    lex = cameo_lexicon.build("en", [path])
    # own code; block head; attested by a pattern of the same type; unattested synonym left out;
    # an everyday verb ("kill", Zipf >= 4.9) codes only through its frame's objects
    assert lex.verbs["assassinate"] == "ASSAULT/assassinate"
    assert lex.verbs["massacre"] == "ASSAULT"
    assert lex.verbs["slay"] == "ASSAULT"
    assert "murder" not in lex.verbs and "kill" not in lex.verbs
    assert lex.frames["kill"] == "massacre" and lex.objects["massacre"] == {"civilians": "ASSAULT"}
    # a block without a default gives no verb, only its frame: a synonym set expands,
    # "[---]" blocks, a qualified object ("mock attack": two words) is left out
    assert "stage" not in lex.verbs and lex.frames["stage"] == "stage"
    assert lex.objects["stage"] == {"protest": "PROTEST/demo", "rally": "PROTEST/demo", "concert": ""}


def test_derived_files_carry_the_mit_notice_and_plover_types_only() -> None:
    types = set(langs.load("xx", "plover")["types"])
    for lang in ("en", "es"):
        path = Path(langs.__file__).parent / lang / "events_cameo.toml"
        head = path.read_text(encoding="utf-8")[:2000]
        assert "Copyright (c) 2015 Open Event Data Alliance" in head and "MIT License" in head
        data = langs.load(lang, "events_cameo")
        values = set(data["verbs"].values()) | {v for f in data["objects"].values() for v in f.values()}
        assert {v.split("/")[0] for v in values if v} <= types


def test_frames_type_a_verb_by_its_object() -> None:
    lex = lexicon("en")
    text = "Opposition supporters staged a large protest outside parliament."
    tokens = tokenize(text, 0, len(text))
    first = find_triggers(lex, tokens)[0]
    assert tokens[first.first].form == "staged"
    assert (first.trigger.type, first.trigger.origin) == ("PROTEST", "frame")


def test_word_vectors_are_multilingual() -> None:
    vectors = word_vectors()
    assert vectors is not None and vectors.dims == 64 and len(vectors.index) > 30_000

    def cos(a: str, b: str) -> float:
        va, vb = vectors.vectors[vectors.index[a]], vectors.vectors[vectors.index[b]]
        return float(va @ vb / np.linalg.norm(va) / np.linalg.norm(vb))

    # a word lies closer to its translation than to an unrelated word of that language
    assert cos("protest", "protesta") > cos("protest", "reunión") + 0.3
    assert cos("sanctions", "sanciones") > cos("sanctions", "protesta") + 0.15
    lemma = lexicon("es").lemma
    s = vectors.mean(["los", "guerrilleros", "atacaron"], lemma, "es")
    assert s.shape == (64,) and abs(float(np.linalg.norm(s)) - 1.0) < 1e-4
    assert not vectors.mean(["qqqxyz"], lemma, "es").any()


def _analyse(text: str, lang: str, **kw: object) -> list[tuple[str, str]]:
    published = dt.date(2024, 5, 1)
    times = extract_times(text, language=lang, published=published)
    places = extract_places(text, language=lang)
    actors = extract_actors(text, language=lang, places=places)
    events, _ = extract_events(
        text, language=lang, published=published, actors=actors, places=places, times=times, **kw
    )  # type: ignore[arg-type]
    return [(e.type, e.status) for e in events]


def test_packaged_model_round_trips_and_is_off_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    model = packaged_model()
    assert model is not None and "ASSAULT" in model.types and 0 < model.threshold < 1
    again = EventModel.from_json(json.loads(json.dumps(model.to_json())))
    assert again.types == model.types and np.allclose(again.weights, model.weights)
    monkeypatch.delenv("STORYLINE_EVENT_CLASSIFIER", raising=False)
    assert not enabled()
    monkeypatch.setenv("STORYLINE_EVENT_CLASSIFIER", "on")
    assert enabled()


def test_a_model_confirms_or_drops_candidates(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORYLINE_EVENT_CLASSIFIER", "on")
    text = "Rebels attacked an army base in Mali on Monday."
    assert ("ASSAULT", "asserted") in _analyse(text, "en", classify=False)
    model = packaged_model()
    assert model is not None
    reject_all = EventModel(model.types, model.centroids, model.weights, model.bias, threshold=1.01)
    accept_all = EventModel(model.types, model.centroids, model.weights, model.bias, threshold=0.0)
    assert ("ASSAULT", "asserted") not in _analyse(text, "en", model=reject_all)
    assert ("ASSAULT", "asserted") in _analyse(text, "en", model=accept_all)
    # classify=False ignores any model
    assert ("ASSAULT", "asserted") in _analyse(text, "en", classify=False, model=reject_all)


def test_candidate_features_describe_the_sentence() -> None:
    vectors = word_vectors()
    assert vectors is not None
    text = "A court in Lima jailed two men for helping militants join an armed group."
    published = dt.date(2024, 5, 1)
    places = extract_places(text, language="en")
    actors = extract_actors(text, language="en", places=places)
    times = extract_times(text, language="en", published=published)
    events, _ = extract_events(
        text, language="en", published=published, actors=actors, places=places, times=times, classify=False
    )
    cands = [event_candidate(vectors, lexicon("en"), text, e, events) for e in events]
    assert cands and all(isinstance(c, Candidate) for c in cands)
    assert {c.count for c in cands} == {len(events)}
    assert sorted(c.order for c in cands) == list(range(len(events)))
    assert all(0.0 <= c.position < 1.0 for c in cands)


def test_cameo_build_votes_over_both_files_and_skips_actor_objects(tmp_path: Path) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("--- PRESS [100] ---\nURGE\n- * STRIKE [138] # URGE\n", encoding="utf-8")
    second.write_text(
        "--- PRESS [100] ---\nURGE\n- * TO STRIKE + [112] # PRESS\n- * STRIKE [138] # URGE\n"
        "- * STRIKE $ [0256] # PRESS\n- * + EXPELLED [112] # URGE\n",
        encoding="utf-8",
    )
    lex = cameo_lexicon.build("en", [first, second])
    # two votes against one each: the block is one synonym set over both files
    assert lex.objects["press"]["strike"] == "THREATEN"
    # "urge + expelled": the verb's object is the actor, not "expelled"
    assert "expelled" not in lex.objects["press"]
    # the patterns noted under a verb are that verb's own
    assert lex.attested["urge"] == {"strike": "THREATEN"}


def test_cameo_build_skips_patterns_conditioned_before_the_verb(tmp_path: Path) -> None:
    path = tmp_path / "verbs.txt"
    path.write_text(
        "&CAPTIVE_\n+HOSTAGE\n+PRISONER\n\n--- RELEASE [080] ---\nRELEASE [084]\nFREE\n"
        "- SAID * &CAPTIVE_ [013] # FREE\n- WILL_NOT * PRISONER [1243] # FREE\n"
        "- * &CAPTIVE_ [0841] # RELEASE\n- + * &CAPTIVE_ [0841] # FREE\n",
        encoding="utf-8",
    )
    lex = cameo_lexicon.build("en", [path])
    # "said free hostages" (a comment) and "will not free" (a refusal) code their context, not the
    # verb and its object: "free" keeps no blocking entry for its captives; an actor slot before
    # the verb conditions nothing
    assert lex.objects["release"] == {"hostage": "RETREAT/release", "prisoner": "RETREAT/release"}
    assert lex.attested["free"] == {"hostage": "RETREAT/release", "prisoner": "RETREAT/release"}
