"""The acceptance checks of the foundation and extraction issues, through the CLI on the real seeds."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

JsonDoc = dict[str, Any]


@pytest.fixture(scope="module")
def analyzed(seeds_dir: Path) -> dict[str, JsonDoc]:
    from click.testing import CliRunner

    from storyline.cli import cli

    paths = sorted(str(p) for p in seeds_dir.glob("*.txt"))
    result = CliRunner().invoke(cli, ["analyze", *paths, "--format", "jsonl"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    return {Path(d["source_path"]).name[:3]: d for d in docs}


def test_languages(analyzed: dict[str, JsonDoc]) -> None:
    assert [analyzed[k]["language"] for k in sorted(analyzed)] == ["id", "vi", "nb", "vi", "pt"]


@pytest.mark.parametrize("key", ["001", "003"])
def test_teaser_and_comment_tails_are_gone(analyzed: dict[str, JsonDoc], seeds_dir: Path, key: str) -> None:
    text = analyzed[key]["text"]
    for junk in (
        "Đừng bỏ lỡ",
        "Bình luận",
        "BÌNH LUẬN",
        "Thái Lan - Campuchia",
        "2287.586 kb",
        "Tin mới",
        "VIDEO",
    ):
        assert junk not in text


def test_every_body_paragraph_is_kept(analyzed: dict[str, JsonDoc]) -> None:
    gold = json.loads((Path(__file__).parent / "corpus" / "seeds.gold.json").read_text(encoding="utf-8"))
    for doc in gold["documents"]:
        text = " ".join(analyzed[doc["file"][:3]]["text"].split())
        for snippet in doc["body"]:
            assert " ".join(snippet.split()) in text, (doc["file"], snippet)


def test_urls_and_published(analyzed: dict[str, JsonDoc], seeds_dir: Path) -> None:
    for key in ("000", "002", "004"):
        raw = next(seeds_dir.glob(f"{key}_*.txt")).read_text(encoding="utf-8")
        source_line = next(
            line for line in raw.splitlines() if line.split(":", 1)[0] in {"Sumber", "Kilde", "Fonte"}
        )
        assert analyzed[key]["url"] == source_line.split(":", 1)[1].strip()
    assert analyzed["002"]["published"] == "2024-10-14"


def _actor(doc: JsonDoc, surname: str) -> list[JsonDoc]:
    return [a for a in doc["actors"] if a["kind"] == "person" and surname in a["name"]]


def test_belousov_and_kim_share_ids_roles_and_countries(analyzed: dict[str, JsonDoc]) -> None:
    belousov = [_actor(analyzed[k], "Belousov") for k in ("001", "002", "003", "004")]
    assert all(belousov)
    assert len({m["id"] for found in belousov for m in found}) == 1
    assert all(m["role"] == "defence minister" and m["country"] == "RU" for found in belousov for m in found)
    kim = [_actor(analyzed[k], "Kim Jong") for k in ("003", "004")]
    assert all(kim) and len({m["id"] for found in kim for m in found}) == 1


def _values(doc: JsonDoc) -> set[str]:
    return {t["value"] for t in doc["times"]}


def test_time_values(analyzed: dict[str, JsonDoc]) -> None:
    assert "2024-06-25" in _values(analyzed["001"])
    assert any(t["text"] == "14. oktober" and t["value"] == "2024-10-14" for t in analyzed["002"]["times"])
    assert "2024-11-29" in _values(analyzed["003"])
    assert "--11-30" in _values(analyzed["004"])
    assert {"--10-11", "--10-12"} <= _values(analyzed["000"])


def test_published_resolves_yearless_dates(seeds_dir: Path, run: Callable[..., Result]) -> None:
    path = str(next(seeds_dir.glob("004_*.txt")))
    doc = json.loads(run("analyze", path, "--published", "2024-12-01").stdout)
    assert any(t["text"] == "30 de novembro" and t["value"] == "2024-11-30" for t in doc["times"])


def test_nothing_from_names_boilerplate_or_urls(analyzed: dict[str, JsonDoc]) -> None:
    for doc in analyzed.values():
        text = doc["text"]
        urls = [m.span() for m in re.finditer(r"https?://\S+|www\.\S+", text)]
        for item in doc["times"] + doc["places"]:
            assert text[item["start"] : item["end"]] == item["text"]
            assert not any(s < item["end"] and item["start"] < e for s, e in urls), item
            assert "Jun" not in item["text"].split(), item
        assert not any(t["text"] in {"2-1", "2287", "111 năm", "1 ngày"} for t in doc["times"])
        assert not any(p["text"] in {"Dong", "Austin", "Vladimir", "Anda", "Kita"} for p in doc["places"])
    boilerplate_only = ("Thái Lan", "Campuchia", "Malaysia", "Aston Villa", "Venezuela", "Oman", "Muscat")
    for doc in analyzed.values():
        assert not any(p["text"] in boilerplate_only for p in doc["places"])


def test_ten_thousand_soldier_claims(analyzed: dict[str, JsonDoc]) -> None:
    for key in ("003", "004"):
        claims = [c for c in analyzed[key]["claims"] if any(n["value"] == 10000 for n in c["numbers"])]
        soldiers = [
            c for c in claims if any(n["unit"] in {"quân", "soldado", "soldados"} for n in c["numbers"])
        ]
        assert soldiers, key
        assert all(c["speakers"] and c["speakers"][-1]["name"] for c in soldiers)
