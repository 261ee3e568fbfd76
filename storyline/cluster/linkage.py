"""Which story a new article joins: average linkage, not a chain of single links.

A same-story link to one member is not enough: an article joins a story only
when it is same-story with at least :data:`JOIN_SHARE` of the story's members
(all of them, or a sample of :data:`SAMPLE` for a big story: the members it was
compared with first, then the most recent ones, judged on demand).  A copy or
a translation of a member always joins its original's story.  Two stories an
article agrees with are merged only when their own members agree across them
by the same share (average linkage between the two).  Whenever a same-story
link ends up between two stories, the rule that kept them apart is returned,
so that ``storyline story ID`` can show it.

Arrival order matters little: each decision rests on the pairwise model, and a
story's id is derived from its smallest article id.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from storyline.cluster.scoring import Similarity
from storyline.store.dialect import Connection

# At least half: on the SemEval pairs (held-out clustering, bench in the issue 9 note) a strict
# majority lost recall (F1 0.704 against 0.719) and single links precision (0.713).
JOIN_SHARE = 0.5
SAMPLE = 20  # members judged per story; more cost more and rarely change the vote

Judge = Callable[[Sequence[str]], Mapping[str, Similarity]]  # member ids -> judgements vs the new article
PairJudge = Callable[[str, str], Similarity]  # two stored articles


@dataclass(slots=True)
class Vote:
    """How a story's sampled members judged the new article."""

    story: str
    members: list[str]
    agree: list[str] = field(default_factory=list)
    forced: bool = False  # a copy or translation of a member
    mean: float = 0.0  # mean same-story probability over the sampled members

    @property
    def share(self) -> float:
        return len(self.agree) / len(self.members) if self.members else 0.0

    def describe(self) -> str:
        return f"same-story with {len(self.agree)} of {len(self.members)} sampled members of {self.story}"


@dataclass(frozen=True, slots=True)
class Placement:
    """Where the new article goes: the stories to merge it into (none: a story of its own)."""

    stories: tuple[str, ...]
    rules: dict[str, str]  # linked article id -> why it is not in the new article's story


def place(
    conn: Connection, judged: Mapping[str, Similarity], judge: Judge, judge_pair: PairJudge
) -> Placement:
    """Decide the new article's story from its judged candidates (see the module docstring)."""
    linked = [i for i, s in judged.items() if s.kind]
    if not linked:
        return Placement((), {})
    votes = [_vote(conn, story, ids, judged, judge) for story, ids in _stories_of(conn, linked).items()]
    forced = [v for v in votes if v.forced]
    eligible = forced or [v for v in votes if v.share >= JOIN_SHARE]
    if not eligible:
        return Placement((), _rules(linked, votes, [], "not joined"))
    # The story the article agrees with most; among equals, the one it is closest to.
    winner = max(eligible, key=lambda v: (v.share, v.mean, len(v.members), _neg(v.story)))
    joined = [winner]
    for vote in sorted((v for v in eligible if v is not winner), key=lambda v: v.story):
        if _stories_agree(winner, vote, judge_pair):
            joined.append(vote)
    rules = _rules(linked, votes, joined, f"joined {winner.story} instead ({winner.describe()})")
    return Placement(tuple(v.story for v in joined), rules)


def _stories_of(conn: Connection, article_ids: Sequence[str]) -> dict[str, list[str]]:
    """Story id -> the given articles in it (articles not yet in a story are left out)."""
    marks = ",".join("?" * len(article_ids))
    out: dict[str, list[str]] = {}
    rows = conn.execute(
        f"SELECT story_id, article_id FROM story_articles WHERE article_id IN ({marks})", list(article_ids)
    )
    for story, article in rows:
        out.setdefault(str(story), []).append(str(article))
    return out


def _vote(
    conn: Connection, story: str, linked: list[str], judged: Mapping[str, Similarity], judge: Judge
) -> Vote:
    members = _sample(conn, story, list(judged))
    missing = [m for m in members if m not in judged]
    verdicts = dict(judged) | dict(judge(missing) if missing else {})
    vote = Vote(story, [m for m in members if m in verdicts])
    vote.agree = [m for m in vote.members if verdicts[m].kind]
    vote.mean = sum(verdicts[m].score for m in vote.members) / len(vote.members) if vote.members else 0.0
    vote.forced = any(judged[i].kind in {"copy", "translation"} for i in linked)
    return vote


def _members(conn: Connection, story: str, limit: int = -1) -> list[str]:
    """The story's members, most recently added first (``limit`` < 0: all of them)."""
    rows = conn.execute(
        "SELECT article_id FROM story_articles WHERE story_id = ? ORDER BY rowid DESC LIMIT ?", (story, limit)
    )
    return [str(r[0]) for r in rows]


def _sample(conn: Connection, story: str, judged: list[str]) -> list[str]:
    """Up to :data:`SAMPLE` members: those already compared first, then the most recently added.

    A big story is never read whole (a hub story grows with the collection): only
    which of the ``judged`` articles are in it, and its most recent members.
    """
    members = _members(conn, story, SAMPLE + 1)
    if len(members) <= SAMPLE:
        return members
    marks = ",".join("?" * len(judged))
    inside = {
        str(r[0])
        for r in conn.execute(
            f"SELECT article_id FROM story_articles WHERE story_id = ? AND article_id IN ({marks})",
            [story, *judged],
        )
    }
    chosen = list(dict.fromkeys(i for i in judged if i in inside))[:SAMPLE]
    # The most recent 2 x SAMPLE members hold at least SAMPLE - len(chosen) not chosen yet.
    taken = set(chosen)
    chosen += [m for m in _members(conn, story, 2 * SAMPLE) if m not in taken][: SAMPLE - len(chosen)]
    return chosen


def _stories_agree(a: Vote, b: Vote, judge_pair: PairJudge) -> bool:
    """Average linkage between two stories: their members' pairs are same-story by the join share."""
    left, right = a.members[:10], b.members[:10]
    pairs = [(x, y) for x in left for y in right if x != y]
    if not pairs:
        return False
    same = sum(1 for x, y in pairs if judge_pair(x, y).kind)
    return same / len(pairs) >= JOIN_SHARE


def _rules(linked: list[str], votes: list[Vote], joined: list[Vote], reason: str) -> dict[str, str]:
    """For each linked article outside the new article's story: the rule that kept them apart."""
    inside = {v.story for v in joined}
    rules: dict[str, str] = {}
    for vote in votes:
        if vote.story in inside:
            continue
        detail = f"{vote.describe()}, needs {JOIN_SHARE:.0%}" if not joined else vote.describe()
        text = f"{reason}; {detail}" if joined else f"not joined: {detail}"
        rules |= {article: text for article in linked if article in vote.members}
    return rules


def _neg(story: str) -> tuple[int, ...]:
    # max() with the smallest story id winning ties
    return tuple(-ord(c) for c in story)
