"""Build actor data from the CAMEO/PETRARCH coding dictionaries (MIT, Open Event Data Alliance).

    python -m storyline.langs.build_petrarch ../shared/corpus/resources/petrarch

reads the dictionaries and (re)writes, each with the dictionaries' copyright notice:

- ``langs/xx/petrarch_people.tsv``: people of ``Phoenix.Countries.actors.txt`` (and the
  dated people of ``Phoenix.International.actors.txt``): name, ISO country, the sector of
  their most recent office (GOV, MIL, ELI …) and their name variants without titles;
- ``langs/xx/petrarch_orgs.tsv``: national institutions of the countries file (with their
  country), IGOs and NGOs of ``Phoenix.International.actors.txt`` and armed groups of
  ``Phoenix.MilNonState.actors.txt``: name, country, CAMEO code, variants;
- ``langs/<en|es>/petrarch_roles.tsv``: the role nouns of ``Phoenix.agents.txt`` and
  ``spanish/agents_181220.txt`` that name a person, with their sector (minister → GOV,
  police officer → COP, rebel → REB).

The format is TABARI's: a header line ``NAME_ [CODE]``, ``+VARIANT`` lines, tab-indented
``[CODE dates]`` lines, ``#`` comments; underscores stand for spaces.  Nothing here runs at
analysis time: :mod:`storyline.extract._actor_known` reads the TSV files.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

NOTICE = """# Derived from the CAMEO/PETRARCH dictionaries (openeventdata/UniversalPetrarch) by
# storyline/langs/build_petrarch.py; do not edit by hand.
#
# The MIT License (MIT)
# Copyright (c) 2014, 2016 Open Event Data Alliance
#
# Permission is hereby granted, free of charge, to any person obtaining a copy of this
# software and associated documentation files (the "Software"), to deal in the Software
# without restriction, including without limitation the rights to use, copy, modify, merge,
# publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons
# to whom the Software is furnished to do so, subject to the following conditions:
#
# The above copyright notice and this permission notice shall be included in all copies or
# substantial portions of the Software.
#
# THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED,
# INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR
# PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE
# FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR
# OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER
# DEALINGS IN THE SOFTWARE.
"""

_CODE = re.compile(r"\[([^\]]*)\]")
_PARTICLES = frozenset(
    {"da", "de", "del", "der", "di", "do", "dos", "du", "la", "le", "van", "von", "al", "el", "bin", "ibn"}
)
# Titles that open a name variant ("PRESIDENT_VLADIMIR_PUTIN"): such variants are not names.
_TITLE_WORDS = frozenset(
    [
        "president",
        "vice",
        "prime",
        "minister",
        "secretary",
        "general",
        "chairman",
        "leader",
        "king",
        "queen",
        "prince",
        "sheikh",
        "emir",
        "ambassador",
        "senator",
        "governor",
        "chancellor",
        "premier",
        "foreign",
        "defense",
        "defence",
        "interior",
        "finance",
        "deputy",
        "former",
        "mr",
        "mrs",
        "ms",
        "dr",
        "sir",
        "gen",
        "col",
        "maj",
        "capt",
        "lt",
        "adm",
        "sgt",
        "pope",
        "cardinal",
        "bishop",
        "sultan",
        "crown",
        "russian",
        "american",
        "chinese",
        "un",
        "u.n.",
        "united",
        "nations",
    ]
)
# Org words: a name of the international file with one of them is an organisation, not a person.
_ORG_WORDS = frozenset(
    [
        "organization",
        "organisation",
        "agency",
        "commission",
        "committee",
        "council",
        "fund",
        "bank",
        "court",
        "union",
        "association",
        "program",
        "programme",
        "initiative",
        "panel",
        "office",
        "institute",
        "foundation",
        "forum",
        "group",
        "party",
        "front",
        "army",
        "force",
        "forces",
        "brigade",
        "brigades",
        "movement",
        "league",
        "alliance",
        "network",
        "federation",
        "centre",
        "center",
        "society",
        "conference",
        "mission",
        "corporation",
        "company",
        "authority",
    ]
)
# The agents file also lists bodies, activities and things ("company", "legislation"): a role
# noun whose head has one of these endings or is one of these words names no person.
_THING_ENDINGS = (
    "ion", "ment", "ship", "ity", "ism", "ness", "ance", "ence", "ure", "ing", "ry", "cy", "hood", "dom",
    "ción", "sión", "miento", "dad", "ía", "ismo", "ura", "aje", "ncia",
)  # fmt: skip
_THINGS = frozenset(
    [
        "company",
        "industry",
        "business",
        "corporation",
        "bank",
        "ship",
        "vessel",
        "tanker",
        "jet",
        "plane",
        "market",
        "exchange",
        "government",
        "office",
        "agency",
        "army",
        "party",
        "court",
        "council",
        "union",
        "group",
        "house",
        "palace",
        "district",
        "post",
        "empresa",
        "industria",
        "banco",
        "barco",
        "mercado",
        "gobierno",
        "oficina",
        "agencia",
        "ejército",
        "partido",
        "tribunal",
        "consejo",
        "unión",
        "grupo",
        "casa",
        "palacio",
    ]
)


@dataclass
class Block:
    """One dictionary entry: its header name, variants and codes (with their date ranges)."""

    name: str
    variants: list[str] = field(default_factory=list)
    codes: list[tuple[str, str]] = field(default_factory=list)  # (code, dates)
    comment: str = ""


def read_blocks(path: Path) -> Iterator[Block]:
    """The entries of a TABARI actor file (UTF-8, latin-1 where UTF-8 fails)."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    block: Block | None = None
    for line in text.splitlines():
        body, _, comment = line.partition("#")
        if not body.strip():
            continue
        if body[0] in " \t" and block is not None:
            block.codes += _codes(body)
        elif body.startswith("+") and block is not None:
            block.variants.append(_words(body[1:].split("[")[0]))
        else:
            if block is not None:
                yield block
            head = body.split("[")[0]
            block = Block(_words(head), codes=_codes(body), comment=comment.strip())
    if block is not None:
        yield block


def _codes(text: str) -> list[tuple[str, str]]:
    out = []
    for found in _CODE.findall(text):
        parts = found.split()
        if parts:
            out.append((parts[0].lstrip("~"), " ".join(parts[1:])))
    return out


def _words(name: str) -> str:
    return " ".join(name.replace("_", " ").split()).strip()


def display(name: str) -> str:
    """``LUIZ INACIO LULA DA SILVA`` → ``Luiz Inacio Lula da Silva``."""
    words = []
    for i, word in enumerate(name.lower().split()):
        words.append(
            word if i and word in _PARTICLES else "-".join(p[:1].upper() + p[1:] for p in word.split("-"))
        )
    return " ".join(words)


def _iso2(code: str) -> str | None:
    import pycountry

    country = pycountry.countries.get(alpha_3=code[:3])
    return country.alpha_2 if country is not None else None


def _latest(codes: list[tuple[str, str]]) -> tuple[str, str]:
    """The code of the most recent office: an open range (">080508") first, else the latest end."""

    def end(dates: str) -> str:
        if dates.startswith(">"):
            return "99999999"
        last = dates.rsplit("-", maxsplit=1)[-1] if dates else ""
        return last.rjust(8, "0") if len(last) == 6 else last

    return max(codes, key=lambda c: end(c[1]))


def _titled(variant: str) -> bool:
    return any(w in _TITLE_WORDS for w in variant.lower().replace("-", " ").split()[:2])


def people(countries: Path, international: Path) -> list[tuple[str, str, str, str]]:
    """``(name, country, sector, variants)`` rows."""
    rows: dict[str, tuple[str, str, str, str]] = {}
    for path, is_person in ((countries, _countryinfo_person), (international, _international_person)):
        for block in read_blocks(path):
            if not is_person(block):
                continue
            code = _latest(block.codes)[0]
            country = _iso2(code) or ""
            sector = code[3:6] if country else code[:3]
            names = [v for v in (block.name, *block.variants) if not _titled(v) and len(v.split()) > 1]
            if not names:
                continue
            name = display(names[0])
            variants = sorted({display(v) for v in names[1:]})
            rows.setdefault(
                name.casefold(), (name, country, sector, "|".join(v for v in variants if v != name))
            )
    return sorted(rows.values())


def _countryinfo_person(block: Block) -> bool:
    return "CountryInfo" in block.comment and bool(block.codes) and len(block.name.split()) >= 2


def _international_person(block: Block) -> bool:
    words = block.name.lower().split()
    dated = any(dates for _, dates in block.codes)
    return dated and 2 <= len(words) <= 5 and not (_ORG_WORDS & set(words))


# Honorifics that open a person's name ("Sheikh Hassan Nasrallah"), never an organisation's.
_PERSON_HONORIFICS = frozenset({"sheikh", "sheik", "shaykh", "sayyed", "sayyid", "seyyed", "mullah", "imam"})


def _given_names(people_rows: Sequence[tuple[str, str, str, str]]) -> frozenset[str]:
    """First words of at least two known people's names (as ``_actor_known.given_names``)."""
    counts: dict[str, int] = {}
    for row in people_rows:
        words = row[0].split()
        if len(words) >= 2 and len(words[0]) > 2:
            counts[words[0].casefold()] = counts.get(words[0].casefold(), 0) + 1
    return frozenset(w for w, n in counts.items() if n >= 2)


def _person_like(name: str, given: frozenset[str]) -> bool:
    """A name of a person, not of an organisation: a given name or an honorific opens it and no
    organisation word is in it ("Hassan Nasrallah", "Anwar Al-Awlaki"; not "Abdullah Azzam Brigades").
    CAMEO codes a group's leaders as the group; as names they are people."""
    words = name.casefold().replace("-", " ").split()
    return (
        len(words) >= 2
        and (words[0] in given or words[0] in _PERSON_HONORIFICS)
        and not _ORG_WORDS & set(words)
    )


def orgs(
    countries: Path, international: Path, armed: Path, given: frozenset[str] = frozenset()
) -> list[tuple[str, str, str, str]]:
    """``(name, country, code, variants)`` rows of institutions, IGOs/NGOs and armed groups.

    Variants that name a person (:func:`_person_like`, with ``given`` first names) are left out.
    """
    rows: dict[str, tuple[str, str, str, str]] = {}
    for path in (countries, international, armed):
        for block in read_blocks(path):
            if not block.codes or "CountryInfo" in block.comment or _international_person(block):
                continue
            code = block.codes[0][0]
            if len(code) <= 3 and path == countries:
                continue  # a country itself (or one of its cities): the gazetteer's job
            words = block.name.lower().split()
            if (len(words) == 1 and len(words[0]) <= 2) or _titled(block.name) or words[0] == "the":
                continue  # offices ("THE US SECRETARY OF STATE") are roles, not organisations
            name = display(block.name)
            variants = sorted(
                {display(v) for v in block.variants if len(v) > 2 and not _person_like(display(v), given)}
                - {name}
            )
            rows.setdefault(name.casefold(), (name, _iso2(code) or "", code, "|".join(variants)))
    return sorted(rows.values())


def agent_lines(agents: Path) -> Iterator[tuple[str, str]]:
    """``(phrase, code)`` of each agent line of the agents file whose code is an agent's
    (``~GOV``), the phrase as written (braces dropped, ``!PERSON!`` kept), comments skipped."""
    for line in agents.read_bytes().decode("utf-8", errors="replace").splitlines():
        body = line.split("#")[0]
        found = _CODE.search(body)
        if found is not None and found.group(1).startswith("~"):
            yield re.sub(r"\{[^}]*\}", "", body[: found.start()]), found.group(1)


def roles(agents: Path) -> list[tuple[str, str]]:
    """``(role noun, sector)`` rows: the agents that name one person."""
    rows: dict[str, str] = {}
    for raw, code in agent_lines(agents):
        phrase = _words(re.sub(r"!PERSONA?!", " person", raw)).lower().replace(" person", "person")
        if not phrase or len(phrase.split()) > 3 or not phrase.replace(" ", "").replace("-", "").isalpha():
            continue
        head = phrase.split()[-1]
        sector = code.lstrip("~")[:3]
        # A noun listed under several sectors ("ministro": CHR and GOV) keeps the state one.
        if head not in _THINGS and not head.endswith(_THING_ENDINGS) and rows.get(phrase) not in _STATE:
            rows[phrase] = sector if phrase not in rows or sector in _STATE else rows[phrase]
    return sorted(rows.items())


_STATE = frozenset({"GOV", "MIL", "COP", "LEG", "JUD"})


def _write(path: Path, header: str, rows: Sequence[tuple[str, ...]]) -> None:
    lines = [NOTICE.rstrip(), f"# {header}", *("\t".join(r) for r in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{path}: {len(rows)} rows")


def main(folder: Path) -> None:
    here = Path(__file__).parent
    countries = folder / "Phoenix.Countries.actors.txt"
    international = folder / "Phoenix.International.actors.txt"
    known_people = people(countries, international)
    _write(here / "xx/petrarch_people.tsv", "name\tcountry\tsector\tvariants", known_people)
    armed = folder / "Phoenix.MilNonState.actors.txt"
    given = _given_names(known_people)
    _write(
        here / "xx/petrarch_orgs.tsv",
        "name\tcountry\tcode\tvariants",
        orgs(countries, international, armed, given),
    )
    _write(here / "en/petrarch_roles.tsv", "role\tsector", roles(folder / "Phoenix.agents.txt"))
    spanish = folder / "spanish/agents_181220.txt"
    _write(here / "es/petrarch_roles.tsv", "role\tsector", roles(spanish))


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus/resources/petrarch"))
