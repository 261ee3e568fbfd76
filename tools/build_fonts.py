"""Build the web UI's fallback fonts for CJK and Thai (``make fonts``); the output is committed.

Where a machine has no CJK or Thai font, Chinese, Japanese, Korean and Thai
text renders as empty boxes.  The UI therefore ships its own fallback, taken
from Debian's Noto packages (``fonts-noto-cjk``: Noto Sans CJK; ``fonts-noto-core``:
Noto Sans Thai; both SIL Open Font License 1.1) and subset with fontTools to
what news needs, so that it stays a few megabytes:

* Han: GB 2312 (6,763 simplified characters) and JIS X 0208 level 1 (2,965
  kanji), with the CJK and full-width punctuation;
* kana (hiragana, katakana and their extensions);
* Hangul: the 2,350 syllables of KS X 1001;
* Thai: the whole Thai block (with the font's shaping tables for marks).

Usage: ``python tools/build_fonts.py [--debs DIR]`` — DIR holds the two .deb
files; without it they are fetched with ``apt-get download`` into a temporary folder.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

OUT = Path(__file__).resolve().parents[1] / "storyline" / "web" / "static" / "fonts"
PACKAGES = ("fonts-noto-cjk", "fonts-noto-core")
CJK_FILE = "usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
CJK_FACE = "Noto Sans CJK SC"  # simplified forms first: GB 2312 is the largest set here
THAI_FILE = "usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf"


def _double_byte(codec: str, rows: range, cols: range = range(0xA1, 0xFF)) -> set[int]:
    """Characters of an EUC-style double-byte code set: every decodable (row, column) pair."""
    found: set[int] = set()
    for row in rows:
        for col in cols:
            try:
                found.update(ord(c) for c in bytes([row, col]).decode(codec))
            except UnicodeDecodeError:
                continue
    return found


def cjk_characters() -> set[int]:
    chars = _double_byte("gb2312", range(0xA1, 0xF8))  # symbols, kana, Cyrillic rows, hanzi
    chars |= _double_byte("euc_jp", range(0xA1, 0xD0))  # symbols, kana, kanji level 1 (ku 16–47)
    chars |= _double_byte("euc_kr", range(0xB0, 0xC9))  # Hangul syllables of KS X 1001
    chars |= set(range(0x3000, 0x3100)) | set(range(0x31F0, 0x3200)) | set(range(0xFF00, 0xFFF0))
    # Latin, Greek and Cyrillic stay with the page's own fonts.
    return {c for c in chars if c >= 0x2E80}


def thai_characters() -> set[int]:
    return set(range(0x0E00, 0x0E80)) | {0x200B, 0x200C, 0x200D, 0x25CC}


def fetch(debs: Path | None, work: Path) -> Path:
    """The two packages' files, extracted under ``work``."""
    folder = debs or work
    if debs is None:
        subprocess.run(["apt-get", "download", *PACKAGES], cwd=work, check=True)
    for deb in sorted(folder.glob("*.deb")):
        subprocess.run(["dpkg-deb", "-x", str(deb), str(work / "root")], check=True)
    return work / "root"


def cjk_face(ttc: Path, work: Path) -> Path:
    """The simplified-Chinese face of the collection, as its own font file."""
    for font in TTCollection(str(ttc)).fonts:
        if str(font["name"].getDebugName(1)) == CJK_FACE:
            out = work / "cjk.otf"
            font.save(str(out))
            return out
    raise SystemExit(f"{ttc}: no face named {CJK_FACE!r}")


def write_subset(source: Path, chars: set[int], out: Path) -> int:
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]  # Thai marks need their positioning; CJK keeps vertical forms
    options.hinting = False
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # keep the copyright and licence records
    font = TTFont(str(source))
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(chars))
    subsetter.subset(font)
    font.flavor = "woff2"
    font.save(str(out))
    return out.stat().st_size


def _copy_licence(source: Path, out: Path) -> None:
    """The package's copyright file (the OFL 1.1 grant and text), without its format header line."""
    lines = source.read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if not line.startswith("Format:")]
    out.write_text("\n".join(kept) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--debs", type=Path, help="folder with the fonts-noto-cjk and fonts-noto-core .debs")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="storyline-fonts-") as tmp:
        work = Path(tmp)
        root = fetch(args.debs, work)
        cjk = cjk_face(root / CJK_FILE, work)
        sizes = {
            "storyline-cjk.woff2": write_subset(cjk, cjk_characters(), OUT / "storyline-cjk.woff2"),
            "storyline-thai.woff2": write_subset(
                root / THAI_FILE, thai_characters(), OUT / "storyline-thai.woff2"
            ),
        }
        for package in PACKAGES:
            doc = root / "usr" / "share" / "doc" / package
            _copy_licence(doc / "copyright", OUT / f"{package}.copyright.txt")
    for name, size in sizes.items():
        print(f"{name}: {size:,} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
