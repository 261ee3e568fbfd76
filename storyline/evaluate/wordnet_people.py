"""Occupations and other roles of people from WordNet 3.0 (build time only, see
:mod:`storyline.evaluate.build_roles`).

CAMEO's agents name the people of political events (minister, rebel, journalist) but no singer,
artist or athlete.  WordNet files every noun sense under its hypernyms; the nouns whose first
(most frequent) sense falls under a branch of ``person`` that names what someone does or is in
public life (worker, leader, entertainer, contestant, communicator...) are such roles.  Branches
that describe anyone (adult, relative, male, friend...) are left out, and so are proper names
(capitalised in WordNet), several-word nouns, senses marked as slurs or slang (usage domain),
nouns that neither end like an agent noun nor are tagged as a person in SemCor, and nouns tagged
more often as adjectives ("senior", "private", "general": they qualify the noun after them).

Reads ``data.noun`` and ``index.noun`` of a WordNet folder (Debian's ``wordnet-base`` installs
them in ``/usr/share/wordnet``).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

WORDNET = Path("/usr/share/wordnet")
NOTICE = """#
# Also derived from WordNet 3.0: WordNet 3.0 Copyright 2006 by Princeton University.  All rights
# reserved.  THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO
# REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED.  BY WAY OF EXAMPLE, BUT NOT LIMITATION,
# PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES OF MERCHANTABILITY OR FITNESS FOR
# ANY PARTICULAR PURPOSE OR THAT THE USE OF THE LICENSED SOFTWARE, DATABASE OR DOCUMENTATION
# WILL NOT INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER RIGHTS.  The name
# of Princeton University or Princeton may not be used in advertising or publicity pertaining
# to distribution of the software and/or database.  Title to copyright in this software,
# database and any associated documentation shall at all times remain with Princeton
# University and LICENSEE agrees to preserve same."""
_PERSON = "00007846"  # person.n.01
# Branches of person (named by their synset's first word) whose nouns say what someone does.
BRANCHES = (
    "worker", "leader", "contestant", "communicator", "capitalist", "creator", "entertainer",
    "intellectual", "expert", "religious_person", "scientist", "ruler", "combatant", "adjudicator",
    "preserver", "engineer", "warrior", "radical", "disputant", "enrollee", "killer", "bad_person",
    "professional", "captive", "rich_person", "adventurer",
)  # fmt: skip


class WordNet:
    """The noun part of WordNet: synset words, hyponyms, flagged synsets and first senses."""

    def __init__(self, folder: Path) -> None:
        self.words: dict[str, list[str]] = {}
        self.hyponyms: dict[str, list[str]] = defaultdict(list)
        self.flagged: set[str] = set()  # synsets in a usage domain (slang, disparagement)
        for line in (folder / "data.noun").read_text(encoding="latin-1").splitlines():
            if not line.startswith(" "):
                self._read_synset(line.split())
        self.first: dict[str, str] = {}
        for line in (folder / "index.noun").read_text(encoding="latin-1").splitlines():
            if not line.startswith(" "):
                fields = line.split()
                self.first[fields[0]] = fields[4 + int(fields[3]) + 2]

    def _read_synset(self, fields: list[str]) -> None:
        offset, count = fields[0], int(fields[3], 16)
        self.words[offset] = [fields[4 + 2 * i] for i in range(count)]
        at = 4 + 2 * count
        for k in range(int(fields[at])):
            symbol, target = fields[at + 1 + 4 * k], fields[at + 2 + 4 * k]
            if symbol == "~":
                self.hyponyms[offset].append(target)
            elif symbol == ";u":
                self.flagged.add(offset)

    def below(self, offset: str) -> set[str]:
        """The synset and all its hyponyms, transitively."""
        seen: set[str] = set()
        stack = [offset]
        while stack:
            current = stack.pop()
            if current not in seen:
                seen.add(current)
                stack.extend(self.hyponyms[current])
        return seen


def people_nouns(folder: Path = WORDNET) -> set[str]:
    """Lower-case one-word nouns whose first sense is in one of :data:`BRANCHES`."""
    net = WordNet(folder)
    under_person = net.below(_PERSON)
    # A branch is the synset of that name nearest below person: a direct hyponym first, else the
    # first in offset order (several synsets share a first word, and set order varies by run).
    named: dict[str, str] = {}
    for offset in [*net.hyponyms[_PERSON], *sorted(under_person)]:
        named.setdefault(net.words[offset][0].lower(), offset)
    chosen = set().union(*(net.below(named[b]) for b in BRANCHES if b in named))
    person_uses, adjective_uses = _tag_counts(folder)
    return {
        word
        for word, sense in net.first.items()
        if sense in chosen
        and sense not in net.flagged
        and word in net.words[sense]  # written so, not "American", "Einstein": names and demonyms
        and word.replace("-", "").isalpha()
        and (word in person_uses or word.endswith(AGENT_ENDINGS))
        # "X, a senior official": a word tagged more often as an adjective qualifies the noun after it.
        and adjective_uses.get(word, 0) <= person_uses.get(word, 0)
    }


# Endings of agent nouns ("rapper", "footballer"): without them a noun must be attested as a
# person in the tagged corpus, since WordNet's first sense of a rare noun may be an old
# trade while the word now names a thing ("canary", "bombshell", "torpedo").
AGENT_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent", "man", "woman", "ess", "eur", "euse")


def _tag_counts(folder: Path) -> tuple[dict[str, int], dict[str, int]]:
    """How often SemCor tags each word in a person sense (lexicographer file 18, noun.person) and
    as an adjective (``cntlist.rev``)."""
    path = folder / "cntlist.rev"
    person: dict[str, int] = defaultdict(int)
    adjective: dict[str, int] = defaultdict(int)
    lines = path.read_text(encoding="latin-1").splitlines() if path.is_file() else []
    for line in lines:
        key, _, count = line.split(" ")
        word, _, sense = key.partition("%")
        if sense.startswith("1:18:"):
            person[word] += int(count)
        elif sense[:1] in ("3", "5"):
            adjective[word] += int(count)
    return dict(person), dict(adjective)
