"""A generated collection for the web UI at scale: 2,000 articles in 13 languages, about 300 stories.

The browser tests need a collection large enough that paging, filters and
speed matter, with Chinese, Japanese, Korean, Thai and Arabic text for the font
checks.  Running extraction on 2,000 generated texts would test the extractors
(and take minutes); instead each article is built as the per-article pipeline
would hand it over — an :class:`~storyline.model.ArticleResult` with its
mentions, times, events and claims at their real offsets in the text — and
stored through the project's own store API (:meth:`Database.add`, the same call
ingest makes).  Everything after storing is the real thing:
:func:`~storyline.collection.update_collection` resolves identities,
fingerprints, clusters the articles into stories and keeps the dated sentences.

The sentences are written for this fixture (one template per language); every
story has two people of its own, a place and a day, so that any sensible
clustering finds it; every 25th story has an exact syndicated copy; an envoy
speaks in every 5th story, so one actor has over a hundred co-participants
(the graph must stay readable).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from storyline.collection import update_collection
from storyline.model import (
    Article,
    ArticleResult,
    Claim,
    Event,
    Mention,
    Number,
    Place,
    Span,
    Speaker,
    TimeExpr,
)
from storyline.store.db import Database

ARTICLES = 2000
STORIES = 300
ENVOY = "person:envoy"
START = dt.date(2024, 1, 3)

# One sentence pair per language: {a} meets {b} in {place} on {date}; they discuss plan {n}.
TEMPLATES: dict[str, tuple[str, str, str]] = {
    "en": ("{a} met {b} in {place} on {date}.", "{a} said the plan {n} would go ahead.", "Talks in {place}"),
    "fr": ("{a} a rencontré {b} à {place} le {date}.", "{a} a déclaré que le plan {n} irait de l'avant.",
           "Entretien à {place}"),
    "de": ("{a} traf {b} am {date} in {place}.", "{a} sagte, der Plan {n} werde umgesetzt.",
           "Treffen in {place}"),
    "es": ("{a} se reunió con {b} en {place} el {date}.", "{a} afirmó que el plan {n} seguirá adelante.",
           "Reunión en {place}"),
    "pt": ("{a} reuniu-se com {b} em {place} em {date}.", "{a} disse que o plano {n} vai avançar.",
           "Encontro em {place}"),
    "vi": ("{a} đã gặp {b} tại {place} ngày {date}.", "{a} cho biết kế hoạch {n} sẽ được thực hiện.",
           "Hội đàm tại {place}"),
    "id": ("{a} bertemu {b} di {place} pada {date}.", "{a} mengatakan rencana {n} akan berjalan.",
           "Pertemuan di {place}"),
    "ru": ("{a} встретился с {b} в городе {place} {date}.", "{a} заявил, что план {n} будет выполнен.",
           "Переговоры в {place}"),
    "ar": ("التقى {a} مع {b} في {place} يوم {date}.", "وقال {a} إن الخطة {n} ستمضي قدما.", "محادثات في {place}"),  # noqa: E501
    "zh": ("{a}于{date}在{place}会见了{b}。", "{a}表示，第{n}号计划将继续推进。", "{place}会谈"),
    "ja": ("{a}は{date}に{place}で{b}と会談した。", "{a}は、計画{n}を進めると述べた。", "{place}で会談"),
    "ko": ("{a}은 {date} {place}에서 {b}와 만났다.", "{a}은 계획 {n}을 추진하겠다고 말했다.", "{place} 회담"),
    "th": ("{a} พบกับ {b} ที่ {place} เมื่อวันที่ {date}", "{a} กล่าวว่าแผน {n} จะเดินหน้าต่อไป", "การหารือที่ {place}"),
}  # fmt: skip
LANGUAGES = tuple(TEMPLATES)
# Name syllables per script, so that names in CJK, Thai and Arabic articles are in their own script.
SYLLABLES = {
    "latin": ("ka", "lo", "mi", "ren", "sa", "tor", "vel", "an", "dor", "is", "mar", "nu", "pel", "ro"),
    "zh": tuple("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任"),  # noqa: E501
    "ja": tuple("アイカキクサシタチナニハヒマミヤユラリワンケコセソトノホモロ"),
    "ko": tuple("김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허남심노하곽성차주우구민유나진지엄채원천방공현"),  # noqa: E501
    "th": ("กา", "นิ", "สม", "ชัย", "พร", "วัน", "ดี", "ศักดิ์", "ทอง", "ใจ", "มา", "ลี"),
    "ar": ("سا", "مي", "ري", "نا", "لي", "كا", "دا", "فا", "جا", "ها"),
}  # fmt: skip
SCRIPT = {"zh": "zh", "ja": "ja", "ko": "ko", "th": "th", "ar": "ar"}
CITIES = (
    ("Lisbon", "PT", 38.72, -9.14), ("Nairobi", "KE", -1.29, 36.82), ("Hanoi", "VN", 21.03, 105.85),
    ("Lima", "PE", -12.05, -77.04), ("Oslo", "NO", 59.91, 10.75), ("Seoul", "KR", 37.57, 126.98),
    ("Cairo", "EG", 30.04, 31.24), ("Jakarta", "ID", -6.21, 106.85), ("Bogotá", "CO", 4.61, -74.08),
    ("Warsaw", "PL", 52.23, 21.01), ("Osaka", "JP", 34.69, 135.50), ("Bangkok", "TH", 13.75, 100.50),
    ("Dakar", "SN", 14.69, -17.44), ("Quito", "EC", -0.18, -78.47), ("Tbilisi", "GE", 41.69, 44.80),
)  # fmt: skip
TYPES = ("CONSULT", "AGREE", "COOPERATE", "AID", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST",
         "SANCTION", "MOBILIZE", "SUPPORT")  # fmt: skip


@dataclass(frozen=True)
class StoryPlan:
    """What the articles of one generated story share."""

    number: int
    day: dt.date
    people: tuple[str, str]  # ids
    place: int  # index into CITIES
    type: str
    languages: tuple[str, ...]
    size: int


def plans() -> list[StoryPlan]:
    """300 stories of 6 or 7 articles (2,000 in all), each in two to four languages."""
    out = []
    for s in range(STORIES):
        size = 7 if s < ARTICLES - 6 * STORIES else 6
        langs = tuple(LANGUAGES[(s + k * 5) % len(LANGUAGES)] for k in range(2 + s % 3))
        people = (f"person:gen{s:03d}a", f"person:gen{s:03d}b")
        day = START + dt.timedelta(days=(s * 6) // 5)
        out.append(StoryPlan(s, day, people, s % len(CITIES), TYPES[s % len(TYPES)], langs, size))
    return out


def person_name(person_id: str, language: str) -> str:
    """A two-part name, in the script of ``language``, the same for every article of a language."""
    seed = int(hashlib.sha256(person_id.encode()).hexdigest(), 16)
    parts = SYLLABLES[SCRIPT.get(language, "latin")]
    if language in ("zh", "ko"):
        return "".join(parts[(seed >> (6 * k)) % len(parts)] for k in range(3))
    words = ["".join(parts[(seed >> (5 * (3 * w + k))) % len(parts)] for k in range(2 + w)) for w in range(2)]
    return " ".join(w.capitalize() for w in words) if language not in SCRIPT else " ".join(words)


def build(path: Path) -> Path:
    """Store the generated collection at ``path`` and update it into stories."""
    with Database(path) as db:
        k = 0
        for plan in plans():
            for i in range(plan.size):
                result = _article(plan, i, k)
                text = result.article.text
                db.add(result, hashlib.sha256(" ".join(text.split()).encode()).hexdigest())
                k += 1
        update_collection(db)
    return path


def _article(plan: StoryPlan, i: int, k: int) -> ArticleResult:
    copy = plan.number % 25 == 0 and i == 1  # an exact syndicated copy of article 0
    language = plan.languages[(0 if copy else i) % len(plan.languages)]
    first, second, title = TEMPLATES[language]
    a_id, b_id = plan.people
    a, b = person_name(a_id, language), person_name(b_id, language)
    city, country, lat, lon = CITIES[plan.place]
    day = plan.day.isoformat()
    n = 100 + plan.number
    speaker_id = ENVOY if plan.number % 5 == 0 else a_id
    speaker = person_name(speaker_id, language)
    pieces = [first.format(a=a, b=b, place=city, date=day), second.format(a=speaker, n=n)]
    origin, nth = (k - 1, 0) if copy else (k, i)  # a copy repeats article 0 word for word
    text = " ".join(pieces) + f" ({origin % 97 + 1}/{nth + 1})\n"
    start2 = len(pieces[0]) + 1
    spans = {x: _find(text, x) for x in (a, b, city, day)}
    spans[speaker] = _find(text, speaker, start2)
    article = Article(
        id=hashlib.sha256(f"generated-{k}".encode()).hexdigest()[:16],
        source_path=f"generated/{k}.txt",
        digest=hashlib.sha256(f"generated-{k}".encode()).hexdigest(),
        raw_text=text,
        text=text,
        language=language,
        url=f"https://news{k % 40}.example/{language}/{plan.number}/{i}",
        title=title.format(place=city) + f" · {a}",
        published=plan.day + dt.timedelta(days=i % 3),
        published_from="given",
    )
    kind = "person"
    named = [(a, a_id), (b, b_id)] + ([(speaker, ENVOY)] if speaker_id == ENVOY else [])
    actors = tuple(
        Mention(spans[name], spans[name] + len(name), name, pid, name, kind, None, country)
        for name, pid in named
    )
    place = Place(
        spans[city], spans[city] + len(city), city, f"city:gen{plan.place}", city, "city", country, lat, lon
    )
    time = TimeExpr(spans[day], spans[day] + len(day), day, day, "day", "text")
    sentence = Span(0, len(pieces[0]))
    event = Event(plan.type, None, a_id, b_id, a, b, place.id, day, Span(0, 1), sentence, 0.8)
    statement = Span(start2, start2 + len(pieces[1]))
    claim = Claim((Speaker(speaker_id, speaker),), statement, (Number(float(n), None, str(n)),))
    return ArticleResult(article, (time,), actors, (place,), (event,), (claim,))


def _find(text: str, part: str, start: int = 0) -> int:
    at = text.find(part, start)
    assert at >= 0, (text, part)
    return at
