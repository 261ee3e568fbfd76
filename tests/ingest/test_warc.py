"""Web archives written here with warcio: HTML stored, the rest skipped or rejected, never a stop."""

from __future__ import annotations

import io
import sqlite3
from collections.abc import Callable
from pathlib import Path

from click.testing import Result
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.ingest.warc import read_warc
from storyline.model import Rejection, Skipped, Source

PAGES = {
    "https://news.example.org/2024/11/19/g20-rio": (
        "en",
        "The leaders of the G20 met in Rio de Janeiro, where Brazil held the group's presidency. "
        "The summit's declaration called for a global alliance against hunger and poverty.",
    ),
    "https://news.example.org/2024/11/13/cop29": (
        "fr",
        "La COP29 s'est ouverte à Bakou, en Azerbaïdjan, avec pour objectif principal un nouvel accord "
        "sur le financement de l'action climatique en faveur des pays en développement.",
    ),
    "https://news.example.org/2024/10/22/brics-kazan": (
        "pt",
        "Os líderes do BRICS reuniram-se em Kazan, na Rússia, para uma cimeira de três dias. "
        "O grupo anunciou novos países parceiros e discutiu sistemas de pagamento alternativos.",
    ),
}


def _html(lang: str, text: str) -> bytes:
    return f'<html lang="{lang}"><body><article><p>{text}</p></article></body></html>'.encode()


def _response(writer: WARCWriter, uri: str, status: str, ctype: str, body: bytes) -> None:
    headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
    # With a length given, warcio needs no temporary file to measure the payload.
    record = writer.create_warc_record(
        uri, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers
    )
    writer.write_record(record)


def write_archive(path: Path, *, gzip: bool = True, truncate: bool = True) -> Path:
    """HTML responses, a request, an image, a 404 and (optionally) a last record cut short."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzip)
    writer.write_record(writer.create_warcinfo_record(path.name, {"software": "storyline tests"}))
    urls = list(PAGES)
    _response(writer, urls[0], "200 OK", "text/html; charset=utf-8", _html(*PAGES[urls[0]]))
    get = b"GET / HTTP/1.1\r\n\r\n"
    request = writer.create_warc_record(urls[0], "request", payload=io.BytesIO(get), length=len(get))
    writer.write_record(request)
    _response(writer, "https://news.example.org/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n" * 50)
    _response(writer, "https://news.example.org/gone", "404 Not Found", "text/html", b"<p>gone</p>")
    _response(writer, urls[1], "200 OK", "text/html", _html(*PAGES[urls[1]]))
    size_before_last = buf.tell()
    _response(writer, urls[2], "200 OK", "text/html", _html(*PAGES[urls[2]]) * 20)
    data = buf.getvalue()
    if truncate:  # cut the last record in the middle
        data = data[: size_before_last + (len(data) - size_before_last) // 2]
    path.write_bytes(data)
    return path


def test_read_warc_records(tmp_path: Path) -> None:
    items = list(read_warc(str(write_archive(tmp_path / "crawl.warc.gz")), max_bytes=1_000_000))
    sources = [i for i in items if isinstance(i, Source)]
    skipped = [i for i in items if isinstance(i, Skipped)]
    rejected = [i for i in items if isinstance(i, Rejection)]
    assert [s.url for s in sources] == list(PAGES)[:2]
    assert [s.path.rsplit(":", 1)[1] for s in sources] == ["2", "6"]  # record numbers in the archive
    assert ["not HTML (image/png)" in skipped[0].reason, "HTTP 404" in skipped[1].reason] == [True, True]
    assert len(rejected) == 1 and "truncated" in rejected[0].reason and rejected[0].path.endswith(":7")


def test_uncompressed_truncated_record_is_reported(tmp_path: Path) -> None:
    path = write_archive(tmp_path / "crawl.warc", gzip=False)
    items = list(read_warc(str(path), max_bytes=1_000_000))
    assert [type(i).__name__ for i in items] == ["Source", "Skipped", "Skipped", "Source", "Rejection"]
    assert "truncated" in str(items[-1])


def test_the_size_limit_is_per_record(tmp_path: Path) -> None:
    items = list(read_warc(str(write_archive(tmp_path / "a.warc.gz", truncate=False)), max_bytes=3_000))
    too_large = [i for i in items if isinstance(i, Rejection)]
    assert len(too_large) == 1 and "record too large" in too_large[0].reason  # the 20-fold page
    assert len([i for i in items if isinstance(i, Source)]) == 2


def test_ingest_a_folder_of_archives_goes_on_after_a_bad_one(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    folder = tmp_path / "archives"
    folder.mkdir()
    write_archive(folder / "a.warc.gz")
    (folder / "b.warc.gz").write_bytes(b"this is not an archive at all")
    (folder / "c.txt").write_text(
        "A plain-text article stored after two archives, one of them broken, to show the batch goes on.",
        encoding="utf-8",
    )
    db = tmp_path / "w.db"
    result = run("ingest", str(folder), "--db", str(db), "--no-extract")
    assert result.exit_code == 1
    assert "3 new, 0 duplicate, 2 rejected, 2 skipped" in result.stdout
    lines = result.stderr.strip().splitlines()
    assert sum(": skipped: " in line for line in lines) == 2
    assert any("b.warc.gz" in line for line in lines)
    with sqlite3.connect(db) as conn:
        urls = {r[0] for r in conn.execute("SELECT url FROM articles WHERE url IS NOT NULL")}
        langs = {r[0] for r in conn.execute("SELECT language FROM articles")}
    assert urls == set(list(PAGES)[:2])
    assert {"en", "fr"} <= langs
