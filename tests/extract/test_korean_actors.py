"""Korean actors (issue 15): names with a country, body or qualifier before their title, surnames
written first, organisations named by a country and a word, listed organisations in Hangul."""

from __future__ import annotations

import pytest

from storyline.extract.actors import extract_actors
from storyline.extract.places import extract_places
from storyline.model import Mention


def _mentions(text: str) -> list[Mention]:
    places = extract_places(text, language="ko")
    return list(extract_actors(text, language="ko", places=places))


def _people(text: str) -> dict[str, Mention]:
    return {m.text: m for m in _mentions(text) if m.kind == "person"}


def _orgs(text: str) -> dict[str, Mention]:
    return {m.text: m for m in _mentions(text) if m.kind == "organization"}


@pytest.mark.parametrize(
    ("text", "name", "role", "country"),
    [
        # A country between the name and the title: the person's country.
        ("나렌드라 모디 인도 총리는 어제 회견을 열었다.", "나렌드라 모디", "prime minister", "IN"),
        ("토니 블링컨 미국 국무장관은 우려를 나타냈다.", "토니 블링컨", "secretary of state", "US"),
        # A country and a ministry between them.
        ("마오닝 중국 외교부 대변인은 반대 입장을 밝혔다.", "마오닝", "spokesperson", "CN"),
        # An organisation or office between them.
        ("허우유이 국민당 후보가 2위를 했다.", "허우유이", "candidate", None),
        (
            "드미트리 페스코프 크렘린궁 대변인은 회담이 길어졌다고 말했다.",
            "드미트리 페스코프",
            "spokesperson",
            None,
        ),
        # A qualifier between them ("new").
        ("이시바 신임 총리는 내각을 꾸렸다.", "이시바", "prime minister", None),
        # A foreign surname of five syllables.
        ("마수드 페제시키안 이란 대통령은 취임했다.", "마수드 페제시키안", "president", "IR"),
        # Japanese ministers: …상, and "in charge of" a portfolio (…담당상).
        ("최선희 북한 외무상은 모스크바를 찾았다.", "최선희", "foreign minister", "KP"),
        ("다카이치 사나에 경제안보담당상은 패배를 인정했다.", "다카이치 사나에", "minister", None),
    ],
)
def test_a_name_with_words_between_it_and_its_title(
    text: str, name: str, role: str, country: str | None
) -> None:
    people = _people(text)
    assert name in people, people
    assert people[name].role == role
    if country:
        assert people[name].country == country


@pytest.mark.parametrize(
    "text",
    [
        # A clause before the title: a verb form, a pronoun with its particle.
        "그는 재선에 성공한 대통령이다.",
        "지난달 27일 치러진 자민당 총재 선거에서 이겼다.",
        "그는 방위상과 간사장을 지냈다.",
        # The title is only the start of a longer word ("총재직": the post of president).
        "다섯 번째 도전 끝에 총재직에 올랐다.",
        # An office before a title is no name.
        "백악관 대변인은 논평을 거부했다.",
        # A title is no name ("총리 후보": a candidate for prime minister).
        "새 정부의 첫 총리 후보로 거론된다.",
        # A field before an office ("경제 부총리"), a party and an election before "후보".
        "경제 부총리는 예산안을 발표했다.",
        "민주당 대선 후보로 누가 나설지 관심이다.",
    ],
)
def test_no_person_before_a_title_in_a_clause(text: str) -> None:
    assert not _people(text)


def test_a_title_is_written_apart_from_the_name() -> None:
    # "원내대표" (floor leader) is one title: "더불어민주당 원내" is no name before "대표".
    assert set(_people("박찬대 더불어민주당 원내대표는 표결을 예고했다.")) == {"박찬대"}


def test_a_surname_written_first_is_the_same_person() -> None:
    text = "이시바 시게루 자민당 총재가 총리로 선출됐다. 이시바 총리는 내각을 출범시켰다."
    people = [m for m in _mentions(text) if m.kind == "person"]
    assert {m.text for m in people} == {"이시바 시게루", "이시바"}
    assert len({m.id for m in people}) == 1


def test_a_surname_written_last_is_the_same_person() -> None:
    text = "도널드 트럼프 전 미국 대통령이 승리했다. 트럼프 당선인은 연설을 했다."
    people = [m for m in _mentions(text) if m.kind == "person"]
    assert {m.text for m in people} == {"도널드 트럼프", "트럼프"}
    assert len({m.id for m in people}) == 1


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # A country's forces, one word.
        ("이스라엘군은 미사일 대부분을 요격했다고 밝혔다.", "이스라엘군", "IL"),
        ("러시아군과 북한군이 훈련을 했다.", "북한군", "KP"),
        # A ministry or a force after a country name.
        ("일본 방위성은 미사일이 EEZ 밖에 떨어졌다고 밝혔다.", "방위성", "JP"),
        ("북한 국방성은 발사 사실을 공개했다.", "국방성", "KP"),
    ],
)
def test_organisations_named_by_a_country_and_a_word(text: str, name: str, country: str) -> None:
    orgs = _orgs(text)
    assert name in orgs, orgs
    assert orgs[name].country == country


def test_an_ordinary_word_ending_like_a_ministry_is_no_organisation() -> None:
    assert not _orgs("이번 발사는 도발 가능성이 크다.")


@pytest.mark.parametrize(
    ("text", "name", "org_id"),
    [
        # Listed organisations by their Korean names, a particle after them.
        ("유엔과 나토는 우려를 나타냈다.", "유엔", "org:un"),
        ("러시아 크렘린궁은 성명을 냈다.", "크렘린궁", "org:kremlin"),
        ("하마스는 공격을 환영했다.", "하마스", "org:hamas"),
        ("조선중앙통신은 조약 전문을 공개했다.", "조선중앙통신", "org:kcna"),
    ],
)
def test_listed_organisations_in_hangul(text: str, name: str, org_id: str) -> None:
    orgs = _orgs(text)
    assert name in orgs, orgs
    assert orgs[name].id == org_id


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # Organisation endings: guards, newspapers, universities, banks.
        ("이란 이슬람혁명수비대는 성명을 냈다.", "이슬람혁명수비대"),
        ("노동신문은 1면에 사진을 실었다.", "노동신문"),
        ("서울대학교는 입장을 밝혔다.", "서울대학교"),
        ("한국은행은 기준금리를 동결했다.", "한국은행"),
        # A directorate, an electric power company, an acronym before "news agency".
        ("우크라이나 국방부 정보총국은 파병 사실을 밝혔다.", "정보총국"),
        ("호쿠리쿠전력은 원전에 이상이 없다고 밝혔다.", "호쿠리쿠전력"),
        ("이란 국영 IRNA 통신은 작전 사실을 보도했다.", "IRNA 통신"),
    ],
)
def test_organisations_by_their_ending(text: str, name: str) -> None:
    assert name in _orgs(text)


def test_generic_words_with_an_organisation_ending_stay_words() -> None:
    assert not _orgs("국제기구와 중앙은행은 협력해야 한다.")


def test_one_ministry_per_country() -> None:
    text = "러시아 외무부는 성명을 냈다. 이란 외무부도 입장을 밝혔다."
    orgs = [m for m in _mentions(text) if m.kind == "organization"]
    assert {(m.text, m.country) for m in orgs} == {("외무부", "RU"), ("외무부", "IR")}
    assert len({m.id for m in orgs}) == 2


def test_an_organisation_named_once_with_its_country_keeps_its_id() -> None:
    text = "이란 내무부는 결과를 발표했다. 내무부에 따르면 투표율은 49.8%였다."
    orgs = [m for m in _mentions(text) if m.kind == "organization"]
    assert len(orgs) == 2 and len({m.id for m in orgs}) == 1
    assert all(m.country == "IR" for m in orgs)


def test_a_listed_person_wins_over_a_place_of_the_same_name() -> None:
    # "라이시" is also a town of the gazetteer; "에브라힘 라이시" is a listed person.
    assert "에브라힘 라이시" in _people("에브라힘 라이시 전 대통령이 숨졌다.")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # A clause describing the person before the name: "who is from", "which stopped at".
        ("심장외과 의사 출신인 페제시키안 당선인은 취임했다.", "페제시키안"),
        ("1350만 표에 그친 잘릴리 후보를 앞섰다.", "잘릴리"),
        # A leader named by the administration ("바이든 행정부").
        ("바이든 행정부는 제재를 발표했다.", "바이든"),
    ],
)
def test_the_name_before_a_title_without_the_clause(text: str, name: str) -> None:
    assert set(_people(text)) == {name}
