"""Who the articles name by role, so a question may say the role instead of the name.

"What gift did the Russian leader hand the American president?" names nobody, but the
articles do: "Russian leader Vladimir Putin", "US President Donald Trump". A description in
a question (an origin and a role: "the Russian leader", "Ukraine's leader", "America's top
diplomat") stands for a name when the articles give that origin and a role it covers to
exactly one person. A "leader" may be a president, a prime minister or a king, a "diplomat" a
secretary of state or a foreign minister; "American" is the US's and "Kremlin" Russia's.

Pure functions over text: the store reads its sentences once with :func:`titled`, and each
question is matched against them with :func:`resolve`.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from rag.lexical import mentions, tokenize

# Roles as the articles write them before a name, longest first ("Prime Minister" before
# "Minister"), and the roles a question's word covers.
_TITLES = (
    "prime minister|foreign minister|secretary of state|president|chancellor|king|"
    "queen|emperor|leader|minister|spokesman|spokeswoman|spokesperson|ambassador|envoy|"
    "mayor|governor|chairman|chairwoman|ceo"
)
_HEADS = frozenset("president chancellor king queen emperor leader".split()) | {"prime minister"}
_COVERS = {
    "leader": _HEADS,
    "head": _HEADS,
    "diplomat": frozenset({"secretary of state", "foreign minister", "ambassador", "envoy"}),
    "spokesperson": frozenset({"spokesman", "spokeswoman", "spokesperson"}),
}
_ORIGIN = r"[A-Z][\w.’'-]*"
_NAME = r"(?:(?:[A-Z][\w’'-]+|[A-Z]\.)\s+){0,3}[A-Z][\w-]+"
# "Russian President Vladimir Putin", "U.S. Secretary of State, Marko Rubio".
_MENTION = re.compile(rf"(?<![\w.])({_ORIGIN})\s+(?i:({_TITLES}))\s*,?\s+({_NAME})")
# "the Russian leader", "Ukraine's leader", "America's top diplomat", in any case; singular
# roles only: "Yuan emperors" describes a class, not a person.
_DESCRIPTION = re.compile(
    r"(?<![\w.])([a-z][\w.’'-]*?)(?:’s|'s)?\s+(?:(?:top|chief|senior|current)\s+)?"
    rf"({_TITLES}|{'|'.join(_COVERS)})\b(?![’'-])",
    re.I,
)
# Words before a role that name no origin: "First Minister", "the new president", and the
# first word of a longer title ("Prime Minister Wilson").
_NOT_ORIGINS = frozenset(
    "the a an first second third deputy vice acting former late then new his her their its "
    "our this that prime foreign general state".split()
)
# Other names of an origin, as the articles' demonyms and capitals do not spell them.
_SAME_ORIGIN = {"america": "us", "american": "us", "usa": "us", "kremlin": "russia"}


@dataclass(frozen=True)
class Titled:
    """A person the articles name with an origin and a role: "Russian President Vladimir
    Putin" is ``Titled("russian", "president", "Vladimir Putin")``."""

    origin: str  # the origin's token, "russian", "us", "ukrain"
    role: str  # the role, lower-cased: "president", "secretary of state"
    name: str  # as written: "Vladimir Putin"

    @property
    def surname(self) -> str:
        """The name's last token, by which later mentions name the person ("putin")."""
        return tokenize(self.name.split()[-1])[-1] if tokenize(self.name) else ""


@dataclass(frozen=True)
class Alias:
    """A description in a question and the one name the articles give it."""

    terms: tuple[str, ...]  # the question's tokens for the description: ("russian", "leader")
    name: str  # "Vladimir Putin"
    surname: str  # "putin": a sentence naming the person covers the description


def titled(texts: Iterable[str]) -> frozenset[Titled]:
    """Every "Origin Role Name" mention in ``texts``."""
    found = set()
    for text in texts:
        for origin, role, name in _MENTION.findall(text):
            key = _origin(origin)
            if key and _bare(name.split()[0]) not in _NOT_ORIGINS:
                found.add(Titled(key, " ".join(role.lower().split()), name))
    return frozenset(t for t in found if t.surname)


def resolve(question: str, known: Collection[Titled]) -> tuple[Alias, ...]:
    """The descriptions in ``question`` that stand for exactly one person in ``known``, and
    whose name the question does not already use."""
    asked = tokenize(question)
    aliases = []
    for match in _DESCRIPTION.finditer(question):
        origin, role = _origin(match.group(1)), " ".join(match.group(2).lower().split())
        if not origin:
            continue
        roles = _COVERS.get(role, {role})
        people = [t for t in known if t.role in roles and _same_origin(origin, t.origin)]
        surnames = _distinct(t.surname for t in people)
        if len(surnames) == 1 and not mentions(asked, surnames[0]):
            # The fullest name the articles give, deterministically.
            person = min(
                (t for t in people if mentions([t.surname], surnames[0])),
                key=lambda t: (-len(t.name), t.name),
            )
            terms = tuple(tokenize(match.group(1))) + tuple(tokenize(match.group(2)))
            aliases.append(Alias(terms, person.name, person.surname))
    return tuple(aliases)


def covered_terms(text_terms: Collection[str], aliases: Iterable[Alias]) -> set[str]:
    """The question's description terms a text covers by naming the person they describe."""
    return {t for a in aliases if mentions(text_terms, a.surname) for t in a.terms}


def _origin(word: str) -> str | None:
    """The origin token of a capitalised word ("Russian" -> "russian", "U.S." -> "us"), or
    None for a word that is no origin ("First", "The")."""
    if _bare(word) in _NOT_ORIGINS:
        return None
    terms = tokenize(_bare(word))
    return _SAME_ORIGIN.get(terms[-1], terms[-1]) if terms else None


def _bare(word: str) -> str:
    """Lower-cased, without a possessive ending."""
    return re.sub(r"(?:’s|'s)$", "", word.lower())


def _same_origin(a: str, b: str) -> bool:
    """Whether two origin tokens are one origin, one a longer form of the other ("russian"
    and "russia", "ukrainian" and "ukrain")."""
    return mentions([a], b)


def _distinct(surnames: Iterable[str]) -> list[str]:
    """Surnames with spellings that extend one another ("zelensky", "zelenskyy") merged."""
    kept: list[str] = []
    for surname in sorted(set(surnames), key=len):
        if not mentions(kept, surname):
            kept.append(surname)
    return kept
