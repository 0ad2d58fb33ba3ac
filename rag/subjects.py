"""Whether two sentences are about different things that share the question's name.

Pages tell apart things called the same by a qualifier in brackets ("Bright Lights (1928
film)", "(1930 film)") or a place after a comma ("Wadi, Karnataka"), by a fuller name
("Mario Arteaga", "Gerardo Arteaga") or one whose initials spell it, by whose title it is
("Louis II, Cardinal of Guise") or by what they say the name is ("a thriller", "a
documentary"); a sentence that names the subject plainly is read with its article's first
sentence, where a page or a story says which it is about. The conflict stage reads them to
tell an ambiguity from a contradiction; the composer, so that a sentence about one never
backs a sentence about the other.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from rag import language as lang
from rag.annotate import values_of, verb_starts
from rag.lexical import tokenize
from rag.questions import QuestionInfo
from rag.types import Passage
from rag.values import NAME_KINDS, same_name

# What a reader of names takes: the question, a sentence and its annotation.
NameReader = Callable[[QuestionInfo, str, Mapping[str, Any]], set[str]]


def named_apart(question: QuestionInfo, a: Sequence[Passage], b: Sequence[Passage]) -> bool:
    """Whether the sentences of ``a`` and those of ``b`` name the question's subject as
    different things: each group names it by a qualifier, a fuller name, a title's holder or
    an ordinal and no name of one is the other's, or they call it kinds of thing that cannot
    be one."""
    for names in (_qualifiers, _who, _ordinals):
        of_a = {n for p in a for n in _said_or_led(names, question, p)}
        of_b = {n for p in b for n in _said_or_led(names, question, p)}
        if names is _who:
            of_a, of_b = _of_what_is_owned(question, of_a, of_b)
        if of_a and of_b and not any(_same_qualifier(x, y) for x in of_a for y in of_b):
            return True
    kinds_a = {k for p in a for k in _what_it_is(question, p)}
    kinds_b = {k for p in b for k in _what_it_is(question, p)}
    return any(_other_kinds(x, y) for x in kinds_a for y in kinds_b)


def _said_or_led(names: NameReader, question: QuestionInfo, passage: Passage) -> set[str]:
    """What ``names`` reads from a sentence, or when nothing from its article's first
    sentence, or then from its title: "Arteaga began his career with Zulia FC" is about the
    Arteaga its article begins with ("Manuel Arteaga ... is a Venezuelan footballer"), "Wadi
    had a population of 120,000" about the Wadi its page's title names where the text
    begins ("Wadi, Karnataka Wadi is a census town"), and "Marrick was born in Hallowby"
    about the one a page titled "Joel Marrick (footballer, born 1994)" is about. The title
    is read without annotation: for what it says in brackets or an ordinal before the name."""
    return (
        names(question, passage.sentence.text, passage.annotation)
        or names(question, passage.lead, passage.lead_annotation)
        or (names(question, passage.doc.title, {}) if _a_page_title(question, passage) else set())
    )


def _a_page_title(question: QuestionInfo, passage: Passage) -> bool:
    """Whether an article's title is a page's, the name with what tells it apart and no more
    than a word besides ("Joel Marrick (footballer, born 1994)", "MV Skerry Queen (1968)",
    "First Battle of Cancha Rayada"); not a headline that says something of it, whose
    brackets hold asides ("Apple (finally) cuts iPhone prices", "Starmer (pictured) calls
    snap vote")."""
    rest = re.sub(r"\([^()]*\)", " ", passage.doc.title)
    for name in _names_used(question):
        rest = re.sub(rf"\b{re.escape(name)}\b", " ", rest, flags=re.I)
    return len(re.findall(r"[\w’'-]+", rest)) <= 1


def _same_qualifier(a: str, b: str) -> bool:
    """Whether two qualifiers or names can be one: :func:`rag.values.same_name`, or one is
    the other cut short with a stop ("ill." / "illinois", "calif." / "california"; not
    "ind" / "india"). Abbreviations that are no prefix ("mo." / "missouri") are missed."""
    if same_name(a, b):
        return True
    short, full = sorted((a, b), key=lambda name: len(lang.dotless(name)))
    cut = lang.dotless(short)
    return short.endswith(".") and len(cut) >= 3 and lang.dotless(full).startswith(cut)


def _names_used(question: QuestionInfo) -> list[str]:
    """The names a question uses, as a sentence may write them: each normalised name, and
    its capitalised words together; none under three letters, which match too much."""
    return [name for name in (*question.entities, " ".join(question.names)) if len(name) >= 3]


def _qualifiers(question: QuestionInfo, text: str, annotation: Mapping[str, Any]) -> set[str]:
    """What a sentence says in brackets right after a name the question uses, lower case:
    how pages tell apart things that share a name ("Tyler Moore (baseball)"); or the place
    it names after a comma ("Wadi, Karnataka", "Springfield, Ill."), as a dateline or a
    page's title tells apart places that share a name."""
    spans = qualifier_spans(question, text, annotation)
    return {text[start:end].strip().lower() for start, end in spans}


def _ordinals(question: QuestionInfo, text: str, annotation: Mapping[str, Any]) -> set[str]:
    """The ordinal a sentence puts right before a name the question uses, as a word, when it
    numbers the name itself, one of several so called ("the Second Battle of Cancha Rayada",
    "the 2nd Lakeside Marathon was run"): not one the question says too, nor one that
    numbers a noun the name qualifies ("the first Labour majority", "a fifth Premier League
    title") or what someone did ("his third Dutch Grand Prix")."""
    asked = {_ORDINAL_FORMS.get(w, w) for w in re.findall(r"\w+", question.text.lower())}
    verbs = verb_starts(annotation)
    found = set()
    for name in _names_used(question):
        for m in re.finditer(rf"\b({_ORDINAL})\s+{re.escape(name)}\b", text, re.I):
            ordinal = _ORDINAL_FORMS.get(m.group(1).lower(), m.group(1).lower())
            if ordinal in asked or _POSSESSIVE_BEFORE.search(text, 0, m.start()):
                continue
            following = _NEXT_WORD.match(text, m.end())
            if (
                following is not None
                and following.start(1) not in verbs
                and tokenize(following.group(1))
            ):
                continue  # the name qualifies a noun after it, which the ordinal numbers
            found.add(ordinal)
    return found


_POSSESSIVE_BEFORE = re.compile(r"(?:\b(?:his|her|their|its|our|my|your)|['’]s)\s+$", re.I)
_NEXT_WORD = re.compile(r"\s+([a-z][\w’'-]*)")


# Ordinals as words and as figures ("first", "1st"), each written as its word, so that "the
# 2nd Battalion" and "the Second Battalion" are one.
_ORDINAL_FORMS = {
    f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n, 'th') }": word
    for n, word in enumerate(lang.ORDINALS, start=1)
}
_ORDINAL = "|".join([*lang.ORDINALS, *_ORDINAL_FORMS])


def qualifier_spans(
    question: QuestionInfo, text: str, annotation: Mapping[str, Any]
) -> list[tuple[int, int]]:
    """The ``(start, end)`` of what ``text`` says in brackets right after a name the
    question uses, brackets left out (not a lifespan), and of the place it names after a
    comma there."""
    spans = []
    for name in _names_used(question):
        pattern = rf"{re.escape(name)}['’]?\s*\(([^()]{{2,40}})\)"
        spans += [m.span(1) for m in re.finditer(pattern, text, re.I) if not _LIFESPAN.search(m[1])]
    return spans + _place_after(question, text, annotation)


# A bracket that holds a lifespan, years on either side of a dash ("(4 March 1891 – 1965)",
# "(1891–1965)", "(6 July 1555, Dampierre – 24 December 1588, Blois)"): no name of its own,
# which an edited birth date would change; rag.conflicts compares lifespans' dates instead.
_LIFESPAN = re.compile(r"\d{3,4}[^()]{0,30}?(?:[–—]|\s-\s|-(?=\d))[^()]{0,30}?\d{3,4}")


# What follows a name that is an item of a list or owns what comes next, not the region of
# the name before it ("Warsaw, Kyiv and Berlin", "Paris, London, Rome and Madrid",
# "Putin, Russia's president").
_NOT_A_REGION = re.compile(
    # Words apart by spaces, so that a run of capitals ("FOR IMMEDIATE RELEASE") is read in
    # one way, not in every way it could be cut into words.
    r"['’]s\b|\s*(?:,\s*)?(?:and|or|&)\b|\s*,\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*\s*"
    r"(?:,|and\b|or\b)"
)


def _place_after(
    question: QuestionInfo, text: str, annotation: Mapping[str, Any]
) -> list[tuple[int, int]]:
    """The ``(start, end)`` of each place ``text`` names right after a comma that follows a
    name the question uses, unless it is an item of a list. The tagger often reads a page's
    title run into its first sentence as one name ("Wadi, Karnataka Wadi is a town...":
    "Karnataka Wadi"); the place is then that name up to the question's."""
    spans = []
    for name in _names_used(question):
        for m in re.finditer(rf"\b{re.escape(name)},\s*", text, re.I):
            for value in values_of(annotation):
                if value.start != m.end() or value.kind not in NAME_KINDS:
                    continue
                said = text[value.start : value.end]
                region = re.sub(rf"\s*\b{re.escape(name)}$", "", said, flags=re.I)
                end = value.start + len(region)
                if (value.kind == "place" or end < value.end) and not _NOT_A_REGION.match(
                    text, value.end
                ):
                    spans.append((value.start, end))
    return spans


def _who(question: QuestionInfo, text: str, annotation: Mapping[str, Any]) -> set[str]:
    """Whom a sentence says the question's name is: a fuller name or a title's holder."""
    return _fuller_names(question, annotation) | _holders(question, text, annotation)


def _holders(question: QuestionInfo, text: str, annotation: Mapping[str, Any]) -> set[str]:
    """The people a sentence names right before a title the question uses, as its holder
    ("Louis II, Cardinal of Guise", "Henry VIII, King of England"). A title names something
    "of" something; "Elon Musk, Tesla's chief executive" and "Zachary Kirkhorn, Tesla's
    finance chief" are two people of one company, not two Teslas."""
    people = [v for v in values_of(annotation) if v.kind == "person"]
    found = set()
    for name in _names_used(question):
        if " of " not in f" {name.lower()} ":
            continue
        for m in re.finditer(rf"\b{re.escape(name)}\b(?!['’]s)", text, re.I):
            found |= {
                p.norm
                for p in people
                if re.fullmatch(r"\s*,\s*(?:the\s+)?", text[p.end : m.start()])
            }
    return found


def _fuller_names(question: QuestionInfo, annotation: Mapping[str, Any]) -> set[str]:
    """The names in a sentence that extend one the question uses ("mario arteaga" for
    "Arteaga"), or whose initials spell it ("guwahati international film festival" for
    "GIFF"): which of the people or things so called the sentence is about."""
    named = [e for e in question.entities if not _holds_the_title(question.text, e)]
    asked = [set(e.split()) for e in named]
    acronyms = {e for e in named if " " not in e and len(e) >= 3}
    return {
        v.norm
        for v in values_of(annotation)
        if v.kind in NAME_KINDS
        and (any(words < set(v.norm.split()) for words in asked) or _initials(v.norm) & acronyms)
    }


def _of_what_is_owned(
    question: QuestionInfo, of_a: set[str], of_b: set[str]
) -> tuple[set[str], set[str]]:
    """The fuller names of the two sides without those of other things named after an owner
    the question names, where the sentences name the owned thing itself: for "Fellhampton's
    new community hospital", with "Fellhampton Community Hospital" named, "Fellhampton
    Health Board" is a body named after the town, no second Fellhampton (English names end
    in what they name). Where no sentence names the owned thing ("Who is Newcastle's
    manager?": "Newcastle United", "Newcastle Jets"), the names are the owner's own."""
    for entity in question.entities:
        words = set(entity.split())
        owned = _owned_by(question.text, entity)
        extending = [n for n in of_a | of_b if words < set(n.split())]
        if owned and any(n.split()[-1] in owned for n in extending):
            others = {n for n in extending if n.split()[-1] not in {entity.split()[-1], *owned}}
            of_a, of_b = of_a - others, of_b - others
    return of_a, of_b


# The words after an owner's name that may say what it owns: "new community hospital"
# after "Fellhampton's".
_NOUN_PHRASE_WORDS = 4


# Cached: it depends on the question alone, and is asked for every pair of sides.
@functools.lru_cache(maxsize=256)
def _owned_by(text: str, name: str) -> tuple[str, ...]:
    """The few words right after ``name`` written as an owner ("Fellhampton's") in
    ``text``, lower case; none where the name owns nothing."""
    found = re.search(
        rf"\b{re.escape(name)}['’]s?((?:\s+[\w-]+){{1,{_NOUN_PHRASE_WORDS}}})", text, re.I
    )
    return tuple(found.group(1).lower().split()) if found else ()


_OFFICE = "|".join(re.escape(w) for w in sorted(lang.OFFICES))


# Cached: it depends on the question alone, and subjects are told apart for every pair of
# sentences the composer and the conflict stage weigh.
@functools.lru_cache(maxsize=256)
def _holds_the_title(question: str, entity: str) -> bool:
    """Whether the question names ``entity`` only as where a title is held ("Ravensholm's
    mayor", "the chief executive of Tansy Market"): its subject is the holder, so a fuller
    name of the place or body ("Ravensholm City Council") is no other thing of its name."""
    name = re.escape(entity)
    uses = len(re.findall(rf"\b{name}\b", question, re.I))
    as_body = len(
        re.findall(
            rf"\b{name}['’]s\s+(?:[a-z]+\s+)?(?:{_OFFICE})\b(?!['’-])"
            rf"|\b(?:{_OFFICE})\s+of\s+(?:the\s+)?{name}\b",
            question,
            re.I,
        )
    )
    return uses > 0 and as_body == uses


def _initials(name: str) -> set[str]:
    """What a normalised name's initials spell, with and without the words initials often
    leave out (:data:`rag.language.INITIALS_SKIP`); none for a name of one word.

    >>> sorted(_initials("bank of england")), sorted(_initials("ana ruiz"))
    (['be', 'boe'], ['ar'])
    """
    words = name.split()
    if len(words) < 2:
        return set()
    kept = [w for w in words if w not in lang.INITIALS_SKIP]
    return {"".join(w[0] for w in words), "".join(w[0] for w in kept)} - {""}


_IS_A = r"(?:\s*\([^()]{1,40}\))?(?:\s*,\s*|\s+(?:is|was|are|were)\s+)(?:a|an|the)\s+"
_NOUN_PHRASE = re.compile(r"[\w’'-]+(?:\s+[\w’'-]+){0,5}")


def _what_it_is(question: QuestionInfo, passage: Passage) -> set[str]:
    """What a sentence calls a name the question uses, when it is one of the kinds of thing
    :data:`rag.language.KINDS_OF_THING` knows: the last word of the noun phrase after "is a"
    or ", a", before a verb, a stop word or punctuation ("The Glass Orchard, a psychological
    thriller directed by..." -> "thriller"; "Monkey Grip is a 1982 drama film" -> "film")."""
    text = passage.sentence.text
    verbs = verb_starts(passage.annotation)
    found = set()
    for name in _names_used(question):
        for m in re.finditer(rf"\b{re.escape(name)}['’]?{_IS_A}", text, re.I):
            phrase = _NOUN_PHRASE.match(text, m.end())
            if phrase is None:
                continue
            words = []
            for word in re.finditer(r"[\w’'-]+", phrase.group()):
                at = phrase.start() + word.start()
                if at in verbs or not tokenize(word.group()):
                    break
                words.append(word.group())
            if words and words[-1].lower() in _KIND_WORDS:
                found.add(words[-1].lower())
    return found


_KIND_WORDS = frozenset(w for kinds in lang.KINDS_OF_THING.values() for w in kinds)


def _other_kinds(a: str, b: str) -> bool:
    """Whether two kinds of thing cannot be one thing: of different classes on some scale
    (a film and a novel are different media, a thriller and a documentary fiction and not);
    "a thriller" and "a film" may be one."""
    return any(
        a in kinds and b in kinds and kinds[a] != kinds[b] for kinds in lang.KINDS_OF_THING.values()
    )
