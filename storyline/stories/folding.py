"""One item per independent source group: copies and translations fold under their original's item.

A syndicated copy repeats every event and claim of its original; listed side
by side they look like two reports.  Within one source group (an original with
its copies and translations, :mod:`storyline.stories.sources`) an item of a
copy that matches an item of the original — the same keys — is listed under
it (``copies``) instead of beside it; what only the copy has stays an item of
its own.  Items of different groups are never folded: they are corroboration.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

JSON = dict[str, Any]
Keys = Callable[[JSON], set[Any]]


def group_originals(details: Sequence[JSON], groups: dict[str, str]) -> dict[str, str]:
    """``{group id: original article}``: the member that copies nothing in its group, earliest first."""
    members: dict[str, list[JSON]] = defaultdict(list)
    for a in details:
        members[groups[a["id"]]].append(a)
    out = {}
    for group, items in members.items():
        ids = {a["id"] for a in items}
        heads = [a for a in items if not ({a.get("copy_of"), a.get("translation_of")} & ids)] or items
        heads.sort(key=lambda a: (a.get("published") is None, a.get("published") or "", a["id"]))
        out[group] = str(heads[0]["id"])
    return out


def relation_of(detail: JSON) -> str:
    """How an article relates to its group's original: ``copy`` or ``translation``."""
    return "translation" if detail.get("translation_of") and not detail.get("copy_of") else "copy"


def fold(
    items: Sequence[JSON],
    groups: dict[str, str],
    originals: dict[str, str],
    relations: dict[str, str],
    keys: Keys,
) -> list[JSON]:
    """``items`` (each with an ``article_id``) folded per source group, originals' items first.

    Each returned item carries ``copies``: the matching items of the group's
    other articles, as ``{article_id, relation, id?, seq?}``.  An item of a copy
    matches the first item of the group that shares a key with it and has no
    copy from that article yet.
    """
    by_group: dict[str, list[JSON]] = defaultdict(list)
    ordered = sorted(items, key=lambda it: originals.get(groups[it["article_id"]]) != it["article_id"])
    out: list[JSON] = []
    for item in ordered:
        article = str(item["article_id"])
        group = groups[article]
        mine = keys(item)
        host = next(
            (
                h
                for h in by_group[group]
                if h["article_id"] != article
                and mine & keys(h)
                and all(c["article_id"] != article for c in h["copies"])
            ),
            None,
        )
        if host is None:
            folded = item | {"copies": []}
            by_group[group].append(folded)
            out.append(folded)
        else:
            ref = {k: item[k] for k in ("id", "seq") if k in item}
            host["copies"].append(ref | {"article_id": article, "relation": relations.get(article, "copy")})
    return out
