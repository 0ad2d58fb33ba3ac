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
from rag.questions import NOT_NAMES

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
_ROLE = rf"(?i:{_TITLES})"
_OF_ORIGIN = rf"\s+(?:for|of)\s+(?:the\s+)?(?P<of>{_ORIGIN})"
# "Russian President Vladimir Putin", "U.S. Secretary of State, Marko Rubio", "Andriy
# Demchenko, a spokesman for Ukraine’s Border Service", "Peskov, the Kremlin spokesman".
_MENTIONS = (
    re.compile(rf"(?<![\w.])(?P<origin>{_ORIGIN})\s+(?P<role>{_ROLE})\s*,?\s+(?P<name>{_NAME})"),
    re.compile(
        rf"(?<![\w.])(?P<name>{_NAME}),\s+(?:a|an|the)\s+(?:(?P<origin>{_ORIGIN})\s+)?"
        rf"(?P<role>{_ROLE})\b(?:{_OF_ORIGIN})?"
    ),
)
# "the Russian leader", "Ukraine's leader", "America's top diplomat", "the president of
# Ukraine", in any case; singular roles only: "Yuan emperors" describes a class, not a person.
_ASKED_ROLE = rf"(?P<role>{_TITLES}|{'|'.join(_COVERS)})\b(?![’'-])"
_DESCRIPTIONS = (
    re.compile(
        r"(?<![\w.])(?P<origin>[a-z][\w.’'-]*?)(?:’s|'s)?\s+(?:(?:top|chief|senior|current)\s+)?"
        + _ASKED_ROLE,
        re.I,
    ),
    re.compile(
        rf"(?<![\w.]){_ASKED_ROLE}\s+(?:for|of)\s+(?:the\s+)?(?P<origin>[a-z][\w.’'-]*)", re.I
    ),
)
# Words before a role that name no origin: "First Minister", "the new president", and the
# first word of a longer title ("Prime Minister Wilson").
_NOT_ORIGINS = frozenset(
    "the a an first second third deputy vice acting former late then new his her their its "
    "our this that prime foreign general state".split()
)
# "The first president of", "the 5th president of": one of several holders, maybe not the
# one the articles name.
_WHICH_HOLDER = re.compile(
    r"\b(?:first|second|third|last|next|previous|former|late|then|future|\d+(?:st|nd|rd|th))"
    r"\s+$",
    re.I,
)
# Origins named otherwise than by their country's own name: the US is also "America", and
# Russia's government "the Kremlin".
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
    """Every person ``texts`` name with an origin and a role: "Origin Role Name" or "Name,
    the [Origin] Role [of Origin]"."""
    found = set()
    for text in texts:
        for pattern in _MENTIONS:
            for match in pattern.finditer(text):
                name = match["name"]
                key = _origin(match.groupdict().get("of") or match["origin"] or "")
                # "In March, the Russian president..." names no one called March.
                if key and not {_bare(w) for w in name.split()} & (NOT_NAMES | _NOT_ORIGINS):
                    found.add(Titled(key, " ".join(match["role"].lower().split()), name))
    return frozenset(t for t in found if t.surname)


def resolve(question: str, known: Collection[Titled]) -> tuple[Alias, ...]:
    """The descriptions in ``question`` that stand for exactly one person in ``known``, and
    whose name the question does not already use."""
    asked = tokenize(question)
    aliases = []
    for match in (m for pattern in _DESCRIPTIONS for m in pattern.finditer(question)):
        origin, role = _origin(match["origin"]), " ".join(match["role"].lower().split())
        if not origin or _WHICH_HOLDER.search(question[: match.start()]):
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
            terms = tuple(tokenize(match["origin"])) + tuple(tokenize(match["role"]))
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
