"""People and claims in the languages of issue 15: our own sentences, one behaviour each."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.evaluate.story_pairs import _analyse
from storyline.extract.actors import extract_actors
from storyline.extract.places import extract_places


def _people(text: str, language: str) -> set[tuple[str, str | None]]:
    return {(m.name, m.role) for m in extract_actors(text, language=language) if m.kind == "person"}


@pytest.mark.parametrize(
    ("language", "text", "person"),
    [
        ("ja", "石破茂首相は1日、記者会見を開いた。", ("石破茂", "prime minister")),
        ("ja", "米国のトランプ次期大統領は声明を出した。", ("トランプ", "president-elect")),
        ("ja", "尹錫悦（ユン・ソンニョル）大統領は昨夜、談話を発表した。", ("尹錫悦", "president")),
        ("ko", "윤석열 대통령은 3일 밤 담화를 발표했다.", ("윤석열", "president")),
        ("ko", "카멀라 해리스 부통령은 패배를 인정했다.", ("카멀라 해리스", "vice president")),
        ("ko", "국회는 본회의를 열었고, 우원식 국회의장은 선포가 무효라고 말했다.", ("우원식", "speaker")),
        ("zh", "外交部发言人毛宁在记者会上表示，中方一贯主张对话。", ("毛宁", "spokesperson")),
        ("zh", "美国当选总统特朗普发表讲话。", ("特朗普", "president-elect")),
        ("fa", "محسن اسلامی، سخنگوی ستاد انتخابات، نتایج را اعلام کرد.", ("محسن اسلامی", "spokesperson")),
    ],
)
def test_a_name_next_to_a_title(language: str, text: str, person: tuple[str, str]) -> None:
    assert person in _people(text, language)


def test_a_name_found_once_is_found_again_without_its_title() -> None:
    text = "トランプ大統領は勝利を宣言した。支持者はトランプ氏の演説を聞いた。その後、トランプは退場した。"
    mentions = [m for m in extract_actors(text, language="ja") if m.name == "トランプ"]
    assert len(mentions) == 3 and len({m.id for m in mentions}) == 1


def test_a_listed_korean_body_whose_name_ends_like_a_common_word() -> None:
    """합동참모본부 (the Joint Chiefs of Staff) ends in 본부 "headquarters", no organisation alone."""
    orgs = {m.name for m in extract_actors("합동참모본부에 따르면 북한은 발사했다.", language="ko")}
    assert "합동참모본부" in orgs


def test_korean_words_before_a_name_are_not_part_of_it() -> None:
    text = "국민의힘 한동훈 대표는 반대했다. 오전 트럼프 당선인은 연설했다."
    names = {name for name, _ in _people(text, "ko")}
    assert "한동훈" in names and "트럼프" in names
    assert not {n for n in names if " " in n}


@pytest.mark.parametrize(
    ("language", "text", "place"),
    [
        ("zh", "金正恩在平壤会见了普京。", "Pyongyang"),
        ("ja", "石川県の能登半島で地震があり、東京でも揺れた。", "Tokyo"),
        ("ko", "북한은 평양에서 행사를 열었다.", "North Korea"),
        ("uk", "Зустріч відбулася в Києві.", "Kyiv"),
    ],
)
def test_places_in_unspaced_scripts_and_inflected(language: str, text: str, place: str) -> None:
    assert place in {p.name for p in extract_places(text, language=language)}


@pytest.mark.parametrize(
    ("language", "text", "speaker"),
    [
        (
            "uk",
            "Президент України Володимир Зеленський заявив, що Київ отримає нові системи ППО.",
            "Володимир Зеленський",  # the given name kept (pymorphy3 tags it a name only in other cases)
        ),
        ("fa", "محسن اسلامی، سخنگوی ستاد انتخابات، گفت که مشارکت ۴۹ درصد بود.", "محسن اسلامی"),
    ],
)
def test_a_claim_and_its_speaker(tmp_path: Path, language: str, text: str, speaker: str) -> None:
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    result = _analyse(path, language, "2024-10-02")
    assert result is not None
    speakers = {s.name for c in result.claims for s in c.speakers}
    assert speaker in speakers


def test_a_persian_reporting_verb_is_a_whole_word(tmp_path: Path) -> None:
    # "گفت‌وگو" (talks) holds "گفت" (said) before a zero-width non-joiner: no claim.
    path = tmp_path / "a.txt"
    path.write_text("دو وزیر پس از دو ساعت گفت\u200cوگو توافق\u200cنامه را امضا کردند.", encoding="utf-8")
    result = _analyse(path, "fa", "2024-10-02")
    assert result is not None and not result.claims
