"""The learned part of the plain-text cleaner: a logistic line classifier over structure and text statistics.

The rules of :mod:`storyline.clean.text` recognise chrome they have words or
shapes for.  What they miss on sites never seen — menus of unknown words,
link lists, bylines, cookie and subscription boxes, rows of teaser headlines —
still *looks* like chrome: short lines in runs, capitalised words, no
sentence punctuation, separators, digits, far from the block of long
paragraphs that is the article.  :func:`features` measures that for every
line, with its neighbours; a logistic model (:class:`LineModel`, weights in
``line_model.json``, fitted by :mod:`storyline.evaluate.train_lines` on the
multi-site development set) turns it into a first score, a second logistic
stage rescores each line with its neighbours' first scores
(:func:`context_rows`: smoothing), and lines above the model's threshold are
dropped.  The classifier also revisits what block rules dropped (a repeated
line, a teaser block: :data:`REVISABLE`) and restores what it calls body.
Inference is pure Python: two dot products per line.

Language knowledge stays data: byline openers ("By", "Par", "Von") and
chrome words ("cookies", "Newsletter", "abonnez") come from the ``byline``
and ``chrome_words`` lists of ``langs/<iso>/boilerplate.toml``.
"""

from __future__ import annotations

import json
import math
import operator
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Protocol, TypeVar

from storyline import langs

MODEL_FILE = Path(__file__).with_name("line_model.json")

_WINDOW = 3
_SHORT_WORDS = 4
_MAIN_WORDS = 10  # Kadane's score of a line is its words minus this: long lines build the main block
_BYLINE_MAX_WORDS = 14
# Lines longer than this are counted token by token (no list of their words; see _token_counts).
_LONG_LINE = 100_000
_SEPARATORS = re.compile(r"[|•·›»▪►◦/]")
_URLISH = re.compile(r"https?://|www\.|\S@\S|\.(?:com|org|net|html?)\b", re.IGNORECASE)
_DOMAIN = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}$")
_WORD = re.compile(r"\w+")
_DIGITS = re.compile(r"\d")
# Scripts written without spaces between words (Han, kana, Thai, Lao, Khmer, Myanmar).
_UNSPACED = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]"
)
_UNSPACED_CHARS_PER_WORD = 2
_PUNCTUATION = re.compile(r"[^\w\s]|_")
# "(dpa/AFP)", "(Reuters)": a wire credit is attribution the claims stage reads, never chrome.
_CREDIT = re.compile(r"^\(\s*[^()]{2,60}\)$")


class LineLike(Protocol):
    """What the features read from a line (``storyline.clean.text._Line`` has it)."""

    @property
    def text(self) -> str: ...
    @property
    def norm(self) -> str: ...
    @property
    def words(self) -> int: ...
    @property
    def body(self) -> bool: ...
    @property
    def headline(self) -> bool: ...
    @property
    def truncated(self) -> bool: ...


# Block verdicts the classifier may revise, each with an indicator feature.
_DUPLICATE = "duplicate-line"
_REVISED = (_DUPLICATE, "teaser")

FEATURES = (
    "log_words", "log_chars", "ends_sentence", "body_shape", "headline_shape", "truncated",
    "digit_ratio", "punct_ratio", "capital_ratio", "lower_words", "separators", "urlish",
    "log_commas", "mean_word_len", "byline", "chrome_words", "bare_domain", "rule_junk",
    "position", "log_from_start", "log_to_end", "context_words", "short_run", "body_near",
    "junk_near", "in_main", "before_body", "after_body", "log_body_distance", "duplicate",
    "prev_body", "next_body", "headline_run", "block_rule", "sandwiched", "main_short", "lone_short",
    "log_after_main", "log_before_main", "stamp_above", "comment_above", "twin",
    *(f"rule_{reason}" for reason in _REVISED),
)  # fmt: skip

# Rule verdicts the classifier may overturn: a repeat (a table of contents
# repeats the sub-headings below it) or a line of a teaser block, when no
# line rule condemns the line itself (:func:`revisable`).
# A phrase or shape a line rule knows ("Tags", "Home | World | Sport") stays
# dropped (letting the classifier restore those took the example scrapes'
# boilerplate recall from 0.98 to 0.77), and so does the tail (restored, its
# user comments read as body) unless it swallowed the page's main block.
REVISABLE: frozenset[str] = frozenset(_REVISED)


# The second stage reads the first stage's verdicts on the lines around
# (smoothing): a line among lines the first stage calls chrome is chrome more
# likely than its own features say, and one inside a run of body more likely
# body.  A line no stage decides (a hard rule dropped it) counts as chrome.
CONTEXT_FEATURES = (
    "logit", "p_prev", "p_next", "p_around2", "p_around5", "p_before5", "p_after5", "p_min_around2",
    "p_min_enclosing10",
)  # fmt: skip
_LOGIT_CLIP = 30.0


def _sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-max(-_LOGIT_CLIP, min(_LOGIT_CLIP, z))))


def context_rows(logits: Sequence[float]) -> list[list[float]]:
    """:data:`CONTEXT_FEATURES` of every line from the first stage's logits (-inf: not decided)."""
    n = len(logits)
    p = [_sigmoid(z) if z > -math.inf else 1.0 for z in logits]
    prefix = [0.0]
    for value in p:
        prefix.append(prefix[-1] + value)

    def mean(lo: int, hi: int, default: float) -> float:
        lo, hi = max(0, lo), min(n, hi)
        return (prefix[hi] - prefix[lo]) / (hi - lo) if hi > lo else default

    rows: list[list[float]] = []
    for i, z in enumerate(logits):
        if z == -math.inf:
            rows.append([])
            continue
        around = [p[j] for j in range(max(0, i - 2), min(n, i + 3)) if j != i]
        rows.append(
            [
                max(-_LOGIT_CLIP, min(_LOGIT_CLIP, z)),
                p[i - 1] if i > 0 else 1.0,
                p[i + 1] if i + 1 < n else 1.0,
                (sum(around) / len(around)) if around else 1.0,
                (mean(i - 5, i, 1.0) * min(i, 5) + mean(i + 1, i + 6, 1.0) * min(n - 1 - i, 5))
                / max(1, min(i, 5) + min(n - 1 - i, 5)),
                mean(i - 5, i, 1.0),
                mean(i + 1, i + 6, 1.0),
                min(around, default=1.0),
                # Low when the first stage saw body both above and below within ten lines: a list or a
                # run of sub-headings inside the article, not the menu before it or the teasers after.
                max(min(p[max(0, i - 10) : i], default=1.0), min(p[i + 1 : i + 11], default=1.0)),
            ]
        )
    return rows


@dataclass(frozen=True, slots=True)
class LineModel:
    """Logistic weights over :data:`FEATURES` (standardisation folded in) and a decision threshold.

    With ``context`` weights, a second logistic stage over :data:`CONTEXT_FEATURES`
    (this line's first-stage logit and its neighbours' probabilities) gives the final logit.
    """

    weights: tuple[float, ...]
    bias: float
    threshold: float  # probability of boilerplate above which a line goes
    context: tuple[float, ...] = ()
    context_bias: float = 0.0

    def first_stage(self, rows: Sequence[Sequence[float]]) -> list[float]:
        """First-stage logits, one per row of features (-inf for an empty row: a line not to decide)."""
        w, b = self.weights, self.bias
        return [b + sum(map(operator.mul, w, row)) if row else -math.inf for row in rows]

    def scores(self, rows: Sequence[Sequence[float]]) -> list[float]:
        """Final logits, one per row of features (-inf for an empty row: a line not to decide)."""
        logits = self.first_stage(rows)
        if not self.context:
            return logits
        w, b = self.context, self.context_bias
        return [b + sum(map(operator.mul, w, row)) if row else -math.inf for row in context_rows(logits)]

    def drops(self, rows: Sequence[Sequence[float]]) -> list[bool]:
        """Whether each line is boilerplate."""
        cut = math.log(self.threshold / (1 - self.threshold))
        return [z > cut for z in self.scores(rows)]

    def to_json(self, **info: object) -> str:
        data = {"features": list(FEATURES), "weights": list(self.weights), "bias": self.bias}
        data |= {"context_features": list(CONTEXT_FEATURES), "context": list(self.context)}
        data |= {"context_bias": self.context_bias, "threshold": self.threshold, **info}
        return json.dumps(data, indent=1) + "\n"

    @classmethod
    def from_json(cls, text: str) -> LineModel:
        data = json.loads(text)
        if list(data["features"]) != list(FEATURES) or (
            data.get("context") and list(data["context_features"]) != list(CONTEXT_FEATURES)
        ):
            raise ValueError("line model features differ from storyline.clean.lines.FEATURES: retrain it")
        return cls(
            tuple(float(w) for w in data["weights"]),
            float(data["bias"]),
            float(data["threshold"]),
            tuple(float(w) for w in data.get("context", ())),
            float(data.get("context_bias", 0.0)),
        )


@cache
def packaged_model() -> LineModel | None:
    """The committed model, or None before one has been trained."""
    if not MODEL_FILE.is_file():
        return None
    return LineModel.from_json(MODEL_FILE.read_text(encoding="utf-8"))


@cache
def _words() -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
    """(byline openers by their first word, chrome words) of every language's ``boilerplate.toml``."""
    bylines: dict[str, set[str]] = {}
    chrome: set[str] = set()
    for data in langs.load_all("boilerplate").values():
        for opener in (str(w).casefold() for w in data.get("byline", ())):
            bylines.setdefault(opener.split()[0], set()).add(opener)
        chrome.update(str(w).casefold() for w in data.get("chrome_words", ()))
    return {k: tuple(sorted(v)) for k, v in bylines.items()}, frozenset(chrome)


def is_byline(text: str) -> bool:
    """A byline: an opener and a capitalised name, no sentence ("Par Julien Marchand · Le 27 juillet")."""
    tokens = text.split(None, _BYLINE_MAX_WORDS)  # a longer line is no byline: never split it all
    if not 2 <= len(tokens) <= _BYLINE_MAX_WORDS or text.rstrip().endswith((".", "?", "!", ":")):
        return False
    openers, _ = _words()
    folded = text.casefold()
    for opener in openers.get(tokens[0].casefold(), ()):
        if folded.startswith(opener + " "):
            rest = text[len(opener) + 1 :].lstrip()
            return rest[:1].isupper()
    return False


def is_site_name(text: str) -> bool:
    """A lone host name on its line ("KabarKita.example", "lemonde.fr"): the site, not the story."""
    return " " not in text and len(text) <= 60 and _DOMAIN.match(text) is not None


def _word_size(line: LineLike) -> int:
    """Words of a line; a script without spaces (Chinese, Thai) counts a word per two characters."""
    if len(line.text) > _LONG_LINE:
        return line.words
    return max(line.words, len(_UNSPACED.findall(line.text)) // _UNSPACED_CHARS_PER_WORD)


def _own(line: LineLike, words: int) -> list[float]:
    text = line.text
    chars = max(1, len(text))
    n_tokens, token_chars, n_lettered, capitals = _token_counts(text)
    _, chrome = _words()
    ending = text.rstrip(" \"'”’»)]")
    return [
        math.log1p(words),
        math.log1p(len(text)),
        float(bool(ending) and ending[-1] in ".!?…。！？؟:;"),
        float(line.body),
        float(line.headline),
        float(line.truncated),
        len(_DIGITS.findall(text)) / chars,
        len(_PUNCTUATION.findall(text)) / chars,
        capitals / n_lettered if n_lettered else 0.0,
        min(1.0, (n_lettered - capitals) / 5),
        math.log1p(len(_SEPARATORS.findall(text))),
        float(_URLISH.search(text) is not None),
        math.log1p(text.count(",") + text.count("،") + text.count("、")),
        min(2.0, token_chars / n_tokens / 6) if n_tokens else 0.0,
        float(is_byline(text)),
        float(any(w in chrome for w in line.norm.split())) if words <= 30 else 0.0,
        float(is_site_name(text)),
    ]


def _token_counts(text: str) -> tuple[int, int, int, int]:
    """Tokens, their characters, tokens starting with a letter, and those capitalised.

    A very long line (a 10 MB scrape on one line) is counted token by token: a list of
    its two million words would cost hundreds of MB.
    """
    if len(text) <= _LONG_LINE:
        tokens = _WORD.findall(text)
        lettered = [t for t in tokens if t[:1].isalpha()]
        capitals = sum(1 for t in lettered if t[:1].isupper())
        return len(tokens), sum(map(len, tokens)), len(lettered), capitals
    n = chars = lettered_n = capitals = 0
    for match in _WORD.finditer(text):
        token = match.group()
        n += 1
        chars += len(token)
        if token[:1].isalpha():
            lettered_n += 1
            capitals += token[:1].isupper()
    return n, chars, lettered_n, capitals


def _main_block(sizes: Sequence[int]) -> tuple[int, int]:
    """The run of lines with the largest sum of (words - 10): where the article's paragraphs are."""
    best, best_span, running, start = 0.0, (0, -1), 0.0, 0
    for i, words in enumerate(sizes):
        if running <= 0:
            running, start = 0.0, i
        running += min(words, 60) - _MAIN_WORDS
        if running > best:
            best, best_span = running, (start, i)
    return best_span


_L = TypeVar("_L", bound=LineLike)
_WORD_KEY = re.compile(r"[\W_]+")
_LIST_NUMBER = re.compile(r"^\s*\d{1,3}[.)]\s+")  # "4. " numbers a sub-heading, not its contents entry


def revisable(
    lines: Sequence[_L],
    reasons: Sequence[str | None],
    title: str | None,
    condemned: Callable[[_L], bool],
) -> list[bool]:
    """Which rule verdicts the classifier may overturn: those of block rules alone.

    A repeat, a line in a teaser block or swallowed by the tail was judged by
    what surrounds it, which on an unknown site can be wrong (a table of
    contents repeats the sub-headings below it).  A line ``condemned`` by a
    line rule (its own words or shape), a site name, the masthead above the
    headline and "repeats" that only share their letters with an earlier line
    (date stamps) stay dropped, and so does the run of dropped lines that ends
    the page (the tail), unless the page's largest block of long lines lies in
    it: then the tail rule swallowed the article.
    """
    top = next((p for p, line in enumerate(lines) if line.text == title), 0) if title else 0
    # The run of dropped lines that ends the page (the tail, widgets, footer).
    end = len(lines)
    while end > 0 and reasons[end - 1] is not None:
        end -= 1
    # A repeat is a line whose words and numbers came before, not one whose letters did
    # ("14 June 10:22" after "12 June 17:30"); a list number in front does not count.
    # A line printed twice in a row (a teaser's link and title) is no sub-heading either.
    seen: set[str] = set()
    repeats = []
    previous = None
    for line in lines:
        key = _WORD_KEY.sub(" ", _LIST_NUMBER.sub("", line.text.casefold())).strip()
        repeats.append(key in seen and key != previous)
        seen.add(key)
        previous = key
    main_start, main_end = _main_block([_word_size(line) for line in lines])
    swallowed = end <= main_start <= main_end
    return [
        top <= position
        and (
            (position < end and reason in REVISABLE and (reason != _DUPLICATE or repeats[position]))
            or (swallowed and position >= end and reason is not None)
        )
        and not is_site_name(line.text)
        and not condemned(line)
        for position, (line, reason) in enumerate(zip(lines, reasons, strict=True))
    ]


def features(
    lines: Sequence[LineLike], reasons: Sequence[str | None], revisable: Sequence[bool] | None = None
) -> list[list[float]]:
    """A feature row (:data:`FEATURES`) per line the classifier decides, ``[]`` for the others.

    ``reasons`` are the rules' verdicts (None = kept); the classifier decides
    the kept lines and those ``revisable`` marks (block verdicts, see
    :data:`REVISABLE`), so only those are measured (measuring is the costly
    part of cleaning).
    """
    decided = [r is None or bool(revisable and revisable[i]) for i, r in enumerate(reasons)]
    junk = [r is not None for r in reasons]
    n = len(lines)
    body = [line.body for line in lines]
    body_at = [i for i, b in enumerate(body) if b]
    first, last = (body_at[0], body_at[-1]) if body_at else (n, -1)
    sizes = [_word_size(line) for line in lines]
    main_start, main_end = _main_block(sizes)
    short_run = _runs([words <= _SHORT_WORDS for words in sizes])
    headline_run = _runs([line.headline and not line.body for line in lines])
    distance = _distances(body)
    first_comment = next((i for i, r in enumerate(reasons) if r == "comment-widget"), n)
    counts: dict[str, int] = {}
    for line in lines:
        counts[line.norm] = counts.get(line.norm, 0) + 1
    rows: list[list[float]] = []
    for i, line in enumerate(lines):
        if not decided[i]:
            rows.append([])
            continue
        lo, hi = max(0, i - _WINDOW), min(n, i + _WINDOW + 1)
        around = [j for j in range(max(0, i - 2), min(n, i + 3)) if j != i]
        rows.append(
            [
                *_own(line, sizes[i]),
                float(junk[i]),
                i / n,
                math.log1p(i),
                math.log1p(n - 1 - i),
                sum(math.log1p(sizes[j]) for j in around) / len(around) if around else 0.0,
                math.log1p(short_run[i]),
                sum(body[lo:hi]) / (hi - lo),
                sum(junk[lo:hi]) / (hi - lo),
                float(main_start <= i <= main_end),
                float(i < first),
                float(i > last),
                math.log1p(distance[i]),
                float(counts[line.norm] > 1),
                float(i > 0 and body[i - 1]),
                float(i + 1 < n and body[i + 1]),
                math.log1p(headline_run[i]),
                float(reasons[i] is not None),
                # A sub-heading: a short line with paragraphs right above and below it.
                float(any(body[max(0, i - 2) : i]) and any(body[i + 1 : i + 3])),
                float(main_start <= i <= main_end and sizes[i] <= 8),
                float(short_run[i] == 1),
                math.log1p(max(0, i - main_end)),
                math.log1p(max(0, main_start - i)),
                # Comments and teasers open with an author/date line or sit below a comment widget.
                float(any(r == "date-stamp" for r in reasons[max(0, i - 2) : i])),
                float(i > first_comment),
                # A teaser's headline is often printed twice in a row (link, then title).
                float(
                    (i > 0 and lines[i - 1].norm == line.norm)
                    or (i + 1 < n and lines[i + 1].norm == line.norm)
                ),
                *(float(reasons[i] == reason) for reason in _REVISED),
            ]
        )
    return rows


def _runs(flags: Sequence[bool]) -> list[int]:
    """For each position, the length of the run of True flags it is in (0 when False)."""
    out = [0] * len(flags)
    i = 0
    while i < len(flags):
        if not flags[i]:
            i += 1
            continue
        j = i
        while j < len(flags) and flags[j]:
            j += 1
        out[i:j] = [j - i] * (j - i)
        i = j
    return out


def _distances(flags: Sequence[bool]) -> list[int]:
    """Lines to the nearest True flag (len(flags) when there is none)."""
    n = len(flags)
    out = [n] * n
    last = -n
    for i in range(n):
        if flags[i]:
            last = i
        out[i] = i - last
    last = 2 * n
    for i in range(n - 1, -1, -1):
        if flags[i]:
            last = i
        out[i] = min(out[i], last - i)
    return out


BYLINE = "byline"
CHROME = "chrome"  # dropped by the line classifier
NAVIGATION = "navigation"


def mark_site_names(lines: Sequence[LineLike], reasons: list[str | None]) -> None:
    """Drop lone site names ("KabarKita.example") before the headline is looked for above them."""
    for i, line in enumerate(lines):
        if reasons[i] is None and is_site_name(line.text):
            reasons[i] = NAVIGATION


def mark_bylines(lines: Sequence[LineLike], reasons: list[str | None], title: str | None) -> None:
    """Drop bylines ("Par Julien Marchand · Le 27 juillet 2024 à 01h10"), never the headline."""
    for i, line in enumerate(lines):
        if reasons[i] is None and line.text != title and is_byline(line.text):
            reasons[i] = BYLINE


def mark_learned(
    lines: Sequence[LineLike],
    reasons: list[str | None],
    title: str | None,
    model: LineModel | None = None,
    revisable: Sequence[bool] | None = None,
) -> None:
    """Drop bylines and the lines the classifier calls boilerplate.

    Runs after the rules (``reasons`` holds their verdicts, None = kept) and
    never touches the headline the rules found.  The classifier decides the
    lines the rules keep and those ``revisable`` marks (only block rules drop
    them; :data:`REVISABLE`): it restores the ones it calls body.  ``model``
    defaults to the packaged one; without any, only the byline and site-name
    rules apply.
    """
    mark_bylines(lines, reasons, title)
    model = model or packaged_model()
    if model is None or not lines:
        return
    rows = features(lines, reasons, revisable)
    drops = model.drops(rows)
    verdicts = list(reasons)
    for i, drop in enumerate(drops):
        if lines[i].text == title or _CREDIT.match(lines[i].text):
            continue
        if drop and verdicts[i] is None:
            verdicts[i] = CHROME
        elif not drop and verdicts[i] is not None and rows[i]:
            verdicts[i] = None
    # The classifier judges lines against the page around them; on a text with
    # no page around it (a bare two-line note) it may condemn everything.  An
    # empty article is worse than one with some chrome left: then it abstains.
    if any(v is None for v in verdicts):
        reasons[:] = verdicts


_TRAILING_RUN = 3  # this many very short lines after the last paragraph are a menu
_TRAILING_WORDS = 3


def mark_trailing_menu(lines: Sequence[LineLike], reasons: list[str | None]) -> None:
    """Drop a run of very short lines after the last paragraph (a menu no phrase list knew)."""
    kept = [p for p in range(len(lines)) if reasons[p] is None]
    run: list[int] = []
    for position in reversed(kept):
        line = lines[position]
        if line.body or line.words > _TRAILING_WORDS:
            break
        run.append(position)
    if len(run) >= _TRAILING_RUN:
        for position in run:
            reasons[position] = NAVIGATION
