"""Who the articles name by role, so a question may say the role instead of the name.

"What gift did the Russian leader hand the American president?" names nobody, but the
articles do: "Russian leader Vladimir Putin", "US President Donald Trump". A description in
a question (an origin and a role: "the Russian leader", "Ukraine's leader", "America's top
diplomat", "the president of Ukraine") stands for a name when the articles give that origin
and a role it covers to exactly one person. A "leader" may be a president, a prime minister
or a king, a "diplomat" a secretary of state or a foreign minister; "American" is the US's
and "Kremlin" Russia's. When in doubt it stands for no one: a description two people fit,
"the first president of", "the former US president", and a description the question asks
to identify ("Who is the president of Ukraine?").

Pure functions over text: the store reads its sentences once with :func:`people_by_role`,
and each question is matched against them with :func:`resolve`.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from rag import language as lang
from rag.lexical import bare, mentions, tokenize

# Ministries and departments: part of the role ("Defense Minister"), not its origin.
_PORTFOLIOS = (
    "defense defence foreign interior finance economy health justice culture education "
    "energy trade agriculture environment transport home".split()
)
# Roles as the articles write them before a name, longest first ("Prime Minister" before
# "Minister"). Every one holds one of _ROLE_WORDS.
_ROLE_WORDS = (
    "president chancellor king queen emperor leader minister secretary spokesman spokeswoman "
    "spokesperson ambassador envoy mayor governor chairman chairwoman ceo".split()
)
_TITLES = (
    rf"prime minister|secretary of state|(?:{'|'.join(_PORTFOLIOS)}) (?:minister|secretary)|"
    + "|".join(w for w in _ROLE_WORDS if w != "secretary")
).replace(" ", r"\s+")
# The roles a question's word covers.
_HEADS = frozenset("president chancellor king queen emperor leader".split()) | {"prime minister"}
_COVERS = {
    "leader": _HEADS,
    "head": _HEADS,
    "diplomat": frozenset({"secretary of state", "foreign minister", "ambassador", "envoy"}),
    "spokesperson": frozenset({"spokesman", "spokeswoman", "spokesperson"}),
}
_ORIGIN = r"(?:United\s+States|(?:North|South|East|West)\s+[A-Z][\w.’'-]*|[A-Z][\w.’'-]*)"
_NAME = r"(?:(?:[A-Z][\w’'-]+|[A-Z]\.)\s+){0,3}[A-Z][\w-]+"
# Not after a letter, a dot or a hyphen: "pro-Russian Prime Minister" is not Russia's.
_START = r"(?<![\w.’'-])"
_MENTIONS = (
    # "Russian President Vladimir Putin", "U.S. Secretary of State, Marko Rubio".
    re.compile(
        rf"{_START}(?P<origin>{_ORIGIN})\s+(?P<role>(?i:{_TITLES}))\s*,?\s+(?P<name>{_NAME})"
    ),
    # "Andriy Demchenko, a spokesman for Ukraine’s Border Service.", "Dmitry Peskov, the
    # Kremlin spokesman, said": the apposition closes, or it is no apposition ("According to
    # Reuters, the Russian president said").
    re.compile(
        rf"{_START}(?P<name>{_NAME}),\s+(?:a|an|the)\s+(?:(?P<origin>{_ORIGIN})\s+)?"
        rf"(?P<role>(?i:{_TITLES}))\b"
        rf"(?:\s+(?:for|of)\s+(?:the\s+)?(?P<of>{_ORIGIN}(?:\s+[A-Z][\w-]*){{0,3}}))?"
        r"(?=\s*[.;)]|\s*,(?!\s*[A-Z])|\s*$)"
    ),
)
# "the Russian leader", "Ukraine's leader", "America's top diplomat", "the president of
# Ukraine", "the spokesman for Ukraine's border service", in any case; singular roles only:
# "Yuan emperors" describes a class, not a person.
_ASKED_ORIGIN = r"(?:united\s+states|(?:north|south|east|west)\s+[a-z][\w.-]*|[a-z][\w.-]*)"
_ASKED_ROLE = rf"(?P<role>{_TITLES}|{'|'.join(_COVERS)})\b(?![’'-])"
_DESCRIPTIONS = (
    re.compile(
        rf"{_START}(?P<origin>{_ASKED_ORIGIN})(?:’s|'s)?\s+"
        rf"(?:(?:top|chief|senior|current)\s+)?{_ASKED_ROLE}",
        re.I,
    ),
    re.compile(
        rf"{_START}{_ASKED_ROLE}\s+(?:for|of)\s+(?:the\s+)?"
        rf"(?P<origin>{_ASKED_ORIGIN}(?:(?:’s|'s)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?)?)",
        re.I,
    ),
)
# Words before a role that name no origin: "First Minister", "the new president", "Defense
# Minister Katz", and the first word of a longer title ("Prime Minister Wilson").
_NOT_ORIGINS = frozenset(
    "the a an first second third deputy vice acting former late then new his her their its "
    "our this that prime general state".split()
) | frozenset(_PORTFOLIOS)
# "The first president of", "the former US president": one of several holders, maybe not
# the one the articles name.
_WHICH_HOLDER = re.compile(
    r"\b(?:first|second|third|last|next|previous|former|late|then|future|\d+(?:st|nd|rd|th))"
    r"\s+(?:[\w.’'-]+\s+)?$",
    re.I,
)
# The description is what the question asks for ("Who is the president of Ukraine?", "Which
# Mongol leader...?"): the articles may name another holder than the one they title.
_ASKED_FOR = re.compile(
    r"^\s*(?i:who|whom|which|what)(?:\s+(?i:is|was|are|were))?(?:\s+(?i:the|a|an))?"
    r"(?:\s+(?i:name\s+of\s+the))?(?:\s+[A-Z][\w.’'-]*)*\s*$"
)
# Origins named otherwise than by their country's own name, as tokenized: the US is also
# "America" or "the United States", Russia's government "the Kremlin".
_SAME_ORIGIN = {
    "america": "us",
    "american": "us",
    "usa": "us",
    "unit state": "us",
    "kremlin": "russia",
    "britain": "uk",
    "british": "uk",
    "chines": "china",
    "french": "franc",
}
# Words that follow a name in a title-case headline or a dateline, not part of it.
_NOT_IN_NAMES = lang.NOT_NAMES | _NOT_ORIGINS | lang.CALENDAR_WORDS | {"said", "says"}
# A title after one of these is not the role itself: "Vice President Kamala Harris".
_DEPUTY = lang.DEPUTIES | lang.STANDING_IN | {"former", "ex"}
# Shorter surnames ("Un" of Kim Jong Un) are also common words ("UN").
_MIN_SURNAME = 3


@dataclass(frozen=True)
class Titled:
    """A person the articles name with an origin and a role: "Russian President Vladimir
    Putin" is ``Titled("russian", "president", "Vladimir Putin", "putin")``."""

    origin: str  # the origin, tokenized: "russian", "us", "ukrain border servic"
    role: str  # lower-cased: "president", "secretary of state", "defense minister"
    name: str  # as written: "Vladimir Putin"
    surname: str  # the name's last token, by which later mentions name the person


@dataclass(frozen=True)
class Alias:
    """A description in a question and the one name the articles give it."""

    terms: tuple[str, ...]  # the question's tokens for the description: ("russian", "leader")
    name: str  # "Vladimir Putin"
    surname: str  # "putin": a sentence naming the person covers the description
    span: tuple[int, int]  # where the question says it, with its "the": "the Russian leader"


def people_by_role(texts: Iterable[str]) -> frozenset[Titled]:
    """Every person ``texts`` name with an origin and a role: "Origin Role Name" or "Name,
    the [Origin] Role [of Origin]", unless a former or first holder ("former U.S. President
    Barack Obama")."""
    found = set()
    # A plain substring test first: the patterns are slow, and few sentences hold a role.
    for text in (t for t in texts if any(w in t.lower() for w in _ROLE_WORDS)):
        for match in (m for pattern in _MENTIONS for m in pattern.finditer(text)):
            origin = _origin(match.groupdict().get("of") or match["origin"] or "")
            name = _name(match["name"])
            if origin and name and not _WHICH_HOLDER.search(_before(text, match)):
                surname = tokenize(name.split()[-1])
                if surname and len(surname[-1]) >= _MIN_SURNAME:
                    found.add(Titled(origin, _role(match["role"]), name, surname[-1]))
    return frozenset(found)


def resolve(question: str, known: Collection[Titled]) -> tuple[Alias, ...]:
    """The descriptions in ``question`` that stand for exactly one person in ``known``, and
    whose name the question does not already use."""
    asked = tokenize(question)
    aliases = []
    for match in (m for pattern in _DESCRIPTIONS for m in pattern.finditer(question)):
        origin = _origin(match["origin"])
        if (
            origin is None
            or _WHICH_HOLDER.search(_before(question, match))
            or _ASKED_FOR.match(question[: match.start()])
        ):
            continue
        person = _one_person(origin, _role(match["role"]), known)
        if person and not mentions(asked, person.surname):
            terms = tuple(tokenize(match["origin"])) + tuple(tokenize(match["role"]))
            the = _THE_BEFORE.search(question, 0, match.start())
            span = (the.start() if the else match.start(), match.end())
            aliases.append(Alias(terms, person.name, person.surname, span))
    return tuple(aliases)


_THE_BEFORE = re.compile(r"\bthe\s+$", re.I)


def named_in_place(question: str, aliases: Sequence[Alias]) -> str:
    """The question with each description in it replaced by the name the articles give it
    ("What gift did the Russian leader hand the American president?" -> "What gift did
    Vladimir Putin hand Donald Trump?"): what the reader reads, as it cannot know who the
    description stands for and scores a sentence that names the person low."""
    replaced_from = len(question)
    for alias in sorted(aliases, key=lambda a: -a.span[0]):
        start, end = alias.span
        if end <= replaced_from:  # two patterns may read one description
            question = question[:start] + alias.name.split()[-1] + question[end:]
            replaced_from = start
    return question


def asked_holder(question: str) -> tuple[str, str] | None:
    """The origin and role a question asks to identify ("Who is the president of Ukraine?"
    -> ``("ukrain", "president")``), or None."""
    for match in (m for pattern in _DESCRIPTIONS for m in pattern.finditer(question)):
        origin = _origin(match["origin"])
        if origin is not None and _ASKED_FOR.match(question[: match.start()]):
            return origin, _role(match["role"])
    return None


def holds_elsewhere(asked: tuple[str, str], person: Titled, question: str) -> bool:
    """Whether ``person`` holds the asked role for another country: "Russian President
    Vladimir Putin" is no answer to "Who is the president of Ukraine?". An origin the
    question uses anywhere is no other ("World Bank President David Malpass" is read with
    the origin "bank")."""
    origin, role = asked
    return (
        person.role in _COVERS.get(role, {role})
        and not _same_origin(origin, person.origin)
        and not all(mentions(tokenize(question), word) for word in person.origin.split())
    )


def gives_role(asked: tuple[str, str], text: str) -> bool:
    """Whether ``text`` uses the asked role's word at all (then it says who holds it)."""
    return re.search(rf"\b(?:{_role_pattern(asked)})\b", text, re.I) is not None


def titled_as(asked: tuple[str, str], text: str, start: int, end: int) -> bool:
    """Whether the name at ``text[start:end]`` is given the asked role there: before it
    ("President Zelensky", "Ukrainian President Zelenskyy", "The president of Ukraine,
    Volodymyr Zelensky"), in an apposition after it ("Denise Harrow, the town's mayor") or
    by a verb ("Denise Harrow was elected mayor"). Not a deputy's or a former holder's title
    ("Vice President Kamala Harris"), nor a title the name only relates to ("Tom Abernathy,
    the mayor's chief of staff", "Tom Abernathy, who defeated the mayor")."""
    roles = _role_pattern(asked)
    before = re.search(
        rf"(?<![\w-])(?P<lead>[\w-]+\s+)?(?:{roles})"
        rf"(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){{0,3}})?\s*,?\s*$",
        text[max(0, start - 60) : start],
        re.I,
    )
    if before is not None and bare(before["lead"] or "x").strip() not in _DEPUTY:
        return True
    filler = r"(?:(?:the|a|an|its|their|[A-Z][\w.’'-]*|[\w’'-]+['’]s)\s+){0,3}"
    after = re.match(
        rf"(?:,\s+|\s+(?:is|was|became|has\s+been|had\s+been|remains|remained)\s+"
        rf"(?:(?:elected|named|appointed)\s+(?:as\s+)?)?){filler}(?i:{roles})\b(?!['’]s)",
        text[end:],
    )
    return after is not None


def _role_pattern(asked: tuple[str, str]) -> str:
    roles = _COVERS.get(asked[1], {asked[1]})
    return "|".join(re.escape(r).replace(r"\ ", r"\s+") for r in sorted(roles))


def covered_terms(text_terms: Collection[str], aliases: Iterable[Alias]) -> set[str]:
    """The question's description terms a text covers by naming the person they describe."""
    return {t for a in aliases if mentions(text_terms, a.surname) for t in a.terms}


def _one_person(origin: str, role: str, known: Collection[Titled]) -> Titled | None:
    """The one person ``known`` names with ``origin`` and a role ``role`` covers, with the
    fullest name given; None if nobody or several people fit."""
    roles = _COVERS.get(role, {role})
    people = [t for t in known if t.role in roles and _same_origin(origin, t.origin)]
    surnames = _distinct(t.surname for t in people)
    if len(surnames) != 1:
        return None
    return min(
        (t for t in people if mentions([t.surname], surnames[0])),
        key=lambda t: (-len(t.name), t.name),
    )


def _origin(words: str) -> str | None:
    """An origin, tokenized ("Russian" -> "russian", "U.S." -> "us", "Ukraine’s Border
    Service" -> "ukrain border servic"), or None for words that name no origin ("First")."""
    if not words or bare(words.split()[0]) in _NOT_ORIGINS:
        return None
    key = " ".join(tokenize(words))
    return _SAME_ORIGIN.get(key, key) or None


def _name(words: str) -> str | None:
    """The name at the start of ``words``, up to a word no name has: "Trump" of "Trump To
    Meet Putin", "Volodymyr Zelensky" of "Volodymyr Zelensky Monday"."""
    name = []
    for word in words.split():
        if bare(word) in _NOT_IN_NAMES or not (tokenize(word) or re.fullmatch(r"[A-Z]\.", word)):
            break
        name.append(word)
    return " ".join(name) or None


def _role(words: str) -> str:
    return " ".join(words.lower().split())


def _before(text: str, match: re.Match[str]) -> str:
    """A few words before ``match``: enough to see "the first" or "former"."""
    return text[max(0, match.start() - 40) : match.start()]


def _same_origin(a: str, b: str) -> bool:
    """Whether two origins are one: the same, or single words one a longer form of the other
    ("russian" and "russia", "ukrainian" and "ukrain"); "ukrain border servic" is only
    itself."""
    if " " in a or " " in b:
        return a == b
    return mentions([a], b)


def _distinct(surnames: Iterable[str]) -> list[str]:
    """Surnames with spellings that extend one another ("zelensky", "zelenskyy") merged."""
    kept: list[str] = []
    for surname in sorted(set(surnames), key=len):
        if not mentions(kept, surname):
            kept.append(surname)
    return kept
