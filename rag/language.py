"""English language knowledge, kept as data in one place.

Word lists that the text analysis reads (question words, month names, number qualifiers,
negation, antonyms, speech and attribution verbs...) live here and nowhere else, each with a
test on text from at least two domains (``tests/test_language.py``). Code asks named
questions of them (``is_negation(word)``), never compares against word stems inline.

Lists are lower case unless said otherwise; multi-word entries are single-spaced.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

# --- Calendar ----------------------------------------------------------------------------

MONTHS = (
    "January February March April May June July August September October November December"
).split()
MONTH_ABBREVIATIONS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
# The parts of a day the tagger reads apart from the day they follow ("Tuesday" and "night"
# of "Tuesday night's council meeting").
PARTS_OF_DAY = frozenset("morning afternoon evening night overnight midday noon midnight".split())
# "on Monday", "in May": capitalised, but no name of a person, a place or a body.
CALENDAR_WORDS = frozenset(w.lower() for w in (*MONTHS, *WEEKDAYS))
# Parts of a year, as the months they span (northern hemisphere, as English news writes them).
SEASONS = {
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
    "winter": (12, 14),  # December to February of the next year
}
QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "q1": 1, "q2": 2, "q3": 3, "q4": 4}
# "early 2027", "mid-June", "the end of 2025": the part of a period meant, as fractions of it.
PERIOD_PARTS = {
    "early": (0.0, 1 / 3),
    "beginning": (0.0, 1 / 3),
    "start": (0.0, 1 / 3),
    "mid": (1 / 3, 2 / 3),
    "middle": (1 / 3, 2 / 3),
    "late": (2 / 3, 1.0),
    "end": (2 / 3, 1.0),
}

# --- Numbers -----------------------------------------------------------------------------

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12, "half": 0.5, "single": 1,
    "twice": 2, "once": 1, "double": 2,
}  # fmt: skip
# "None of the passengers were hurt": a quantifier that says nobody of the people after it.
NEGATIVE_QUANTIFIERS = ("none", "neither", "not one", "no one", "no-one")
# Number words that count nothing on their own ("once staff arrived", "half the town").
NOT_COUNTS = frozenset("half single twice once double".split())
# A fraction written after a whole figure: "two and a half hours", "2½ years".
FRACTIONS = {"half": 0.5, "quarter": 0.25, "½": 0.5, "¼": 0.25, "¾": 0.75}
# The scales a temperature is written in ("45C", "113°F", "40 degrees Celsius"): each read
# as degrees Celsius, so that a British and an American source compare.
TEMPERATURE_SCALES = {"c": "C", "celsius": "C", "centigrade": "C", "f": "F", "fahrenheit": "F"}
# A share written as a fraction ("a third of voters", "three-quarters", "one in five"): the
# parts a whole is cut into, by the fraction's name.
FRACTION_DENOMINATORS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
    "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "eighth": 8, "eighths": 8,
    "tenth": 10, "tenths": 10,
}  # fmt: skip
# Plural nouns without the "s" a plural is read by: "5.2m people" is millions of them.
PLURALS_WITHOUT_S = frozenset("people children men women police cattle".split())
MAGNITUDES = {
    "hundred": 1e2, "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6,
    "mln": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12,
    # Indian English: a lakh is 100,000, a crore ten million ("Rs 1,250 crore")
    "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7,
}  # fmt: skip
# Currency signs and words, to ISO codes: amounts in different currencies never compare.
CURRENCIES = {
    "$": "USD", "us$": "USD", "dollar": "USD", "dollars": "USD", "usd": "USD",
    "€": "EUR", "euro": "EUR", "euros": "EUR", "eur": "EUR",
    "£": "GBP", "pound": "GBP", "pounds": "GBP", "gbp": "GBP", "sterling": "GBP",
    "¥": "JPY", "yen": "JPY", "₹": "INR", "rupee": "INR", "rupees": "INR",
    "a$": "AUD", "c$": "CAD", "hk$": "HKD", "chf": "CHF", "yuan": "CNY", "rouble": "RUB",
    "roubles": "RUB", "ruble": "RUB", "rubles": "RUB", "hryvnia": "UAH",
    "rs": "INR", "rs.": "INR", "inr": "INR", "nz$": "NZD", "s$": "SGD", "aud": "AUD",
    "cad": "CAD", "nzd": "NZD", "hkd": "HKD", "jpy": "JPY", "cny": "CNY", "rmb": "CNY",
}  # fmt: skip
# A country's word before "dollars": "14.8 billion Australian dollars".
DOLLAR_COUNTRIES = {
    "us": "USD", "american": "USD", "australian": "AUD", "canadian": "CAD",
    "zealand": "NZD", "singapore": "SGD", "kong": "HKD",
}  # fmt: skip
# A currency's hundredth ("185p", "92 pence"): the unit it is a hundredth of.
HUNDREDTHS = {"p": "GBP", "pence": "GBP", "penny": "GBP"}
# What "how much <word>" asks for when it asks for a sum: a figure in a currency answers it.
MONEY_WORDS = frozenset("money cash funding funds sum".split())
# Words that make a figure a bound or an estimate: (low factor, high factor) of the figure.
APPROXIMATE = {
    "about": (0.9, 1.1), "around": (0.9, 1.1), "roughly": (0.9, 1.1), "some": (0.9, 1.1),
    "approximately": (0.9, 1.1), "nearly": (0.85, 1.0), "almost": (0.85, 1.0),
    "close to": (0.85, 1.0), "more than": (1.0, float("inf")), "over": (1.0, float("inf")),
    "at least": (1.0, float("inf")), "upwards of": (1.0, float("inf")),
    "less than": (0.0, 1.0), "under": (0.0, 1.0), "fewer than": (0.0, 1.0),
    "up to": (0.0, 1.0), "at most": (0.0, 1.0), "just over": (1.0, 1.1),
    "just under": (0.9, 1.0), "an estimated": (0.85, 1.15), "estimated": (0.85, 1.15),
}  # fmt: skip
# Words before a time of day that make it a span of minutes around it: (minutes before,
# minutes after) the time written ("shortly after 11 p.m.", "about 9:15 a.m.").
CLOCK_QUALIFIERS = {
    "about": (-15, 15), "around": (-15, 15), "roughly": (-15, 15), "approximately": (-15, 15),
    "some time after": (0, 60), "shortly after": (0, 30), "just after": (0, 15),
    "soon after": (0, 30), "after": (0, 60), "shortly before": (-30, 0),
    "just before": (-15, 0), "before": (-60, 0), "by": (-240, 0),
}  # fmt: skip
# Measures whose unit is a physical dimension: converted with pint, compared in SI units.
# A figure right after one of these is what a count has grown to ("grew to 18,000 acres",
# "the toll rose to 41"): a later figure of something that grows, not another reading of it.
GROWTH_WORDS = frozenset(
    "grew grown rose risen climbed increased swelled jumped reached spread expanded".split()
)
# Anything else after a figure ("patients", "votes") counts things and is kept as a word.
DIMENSIONS = frozenset(
    {
        "[length]",
        "[length] ** 2",
        "[length] ** 3",
        "[mass]",
        "[time]",
        "[temperature]",
        "[length] / [time]",
    }
)
# A figure after one of these is where a change starts or by how much it is: "rose 5% to
# 7%" and "cut by 2,000 to 8,000" are no ranges.
CHANGE_WORDS = frozenset(
    "from by rose rise rises risen rising fell fall falls fallen falling increased increase "
    "increases increasing decreased decrease decreases decreasing grew grow grows grown "
    "growing dropped drop drops dropping climbed climb climbs climbing jumped jump jumps "
    "cut cuts cutting reduced reduce reduces raised raise raises lowered lower lowers "
    "boosted boost surged surge plunged plunge declined decline declines declining slipped "
    "slip soared soar sank sink slumped slump doubled halved slashed trimmed widened "
    "narrowed shrank".split()
)
# A verb of change before one of these verbs of a trading session's end, and where a figure
# ended up after it, tells a movement, not a refusal: "shares declined to close lower", "the
# index declined to end flat", "declined to close at $41", "to close down 2%" (a sum or a
# share after "at", "down" or "up": not "declined to close at 11", an hour, nor "declined
# to step down"). "Settle" takes a level word only: "Boeing declined to settle at $2
# billion" refuses.
CLOSING_VERBS = frozenset("close end finish trade settle".split())
LEVEL_WORDS = frozenset("lower higher flat unchanged steady".split())
LEVEL_BEFORE_FIGURE = frozenset("at down up".split())
SETTLING_VERBS = frozenset({"settle"})
# Unit words pint knows but that are also ordinary words or that it misreads; news counts
# these ("scored 12 points", "the index fell 300 points", "fired 12 shots", "won three cups").
NOT_UNITS = frozenset(
    "a at in of or to pi g h s m t d y min point points league leagues hand hands chain "
    "chains link links shot shots cup cups quarter quarters".split()
)

# --- Negation, stance and attribution ------------------------------------------------------

NEGATIONS = frozenset("not n't never no nor neither without cannot".split())
# What negates the verb after it in a question ("What cell is unable to act...?", "Who has
# not been charged?"); not "no", "nor", "neither" or "without", which negate a noun.
VERB_NEGATIONS = ("not", "never", "cannot", "unable to", "fail to", "fails to", "failed to")
# Words after a negated verb by which it happens after all ("did not open until March",
# "never performed again"), and words before it that narrow the
# negation to a part ("not only paid"); a clause that opens with a concessive denies beside
# what the sentence asserts ("though the quake did not kill anyone in the capital").
NEGATION_LIFTERS = frozenset("until till before again".split())
NEGATION_NARROWERS = frozenset("only just merely simply".split())
CONCESSIVES = frozenset("though although while whereas".split())
# Negations of a noun ("no confidence", "without a vote"): they deny no verb past a
# conjunction or punctuation ("lost a vote of no confidence and resigned"), where "not"
# still does ("did not sign or ratify the treaty").
NOUN_NEGATIONS = frozenset("no neither without".split())
# Words after a verb's "no" with which it denies nothing of the verb: a degree ("won no more
# than five games", "finished no higher than tenth", "no longer", "no matter what"), an
# understatement ("cost no small sum", "no mean feat", "no easy task") and an idiom ("voted
# no confidence in the government").
NO_THAT_ASSERTS = frozenset(
    "more less fewer longer later sooner earlier higher lower better worse bigger greater "
    "smaller further farther closer matter small mean easy little slight ordinary "
    "confidence".split()
)
# Pairs of predicates that deny each other when said of the same thing (lemma forms).
ANTONYMS = (
    ("approve", "reject"),
    ("accept", "reject"),
    ("accept", "refuse"),
    ("support", "oppose"),
    ("agree", "refuse"),
    ("agree", "disagree"),
    ("allow", "ban"),
    ("allow", "forbid"),
    ("allow", "prohibit"),
    ("attend", "skip"),
    ("attend", "boycott"),
    ("confirm", "deny"),
    ("admit", "deny"),
    ("win", "lose"),
    ("increase", "decrease"),
    ("rise", "fall"),
    ("open", "close"),
    ("pass", "fail"),
    ("guilty", "innocent"),
    ("declare", "rule out"),
    ("welcome", "condemn"),
    ("ready", "unwilling"),
    ("willing", "unwilling"),
    ("legal", "illegal"),
    ("include", "exclude"),
    ("expand", "cut"),
    ("suspend", "restore"),
    ("suspend", "resume"),
    ("arrive", "depart"),
    ("hire", "fire"),
    # a change and no change: "tax rates will stay at their current level" says no rise
    *(
        (change, same)
        for change in ("rise", "fall", "increase", "cut")
        for same in ("stay", "unchanged")
    ),
)
# Of those, the pairs whose two acts are one event seen from either party: "Kestrel won the
# final" says Alder lost it, so it answers "Who lost the final?" (rag.slots.opposite_event).
CONVERSES = frozenset({("win", "lose")})
# Predicates that say the same of the same thing (lemma forms): "backed" answers "Did the
# union support the deal?". Their antonyms are each other's (``ANTONYMS``).
SYNONYMS = (
    ("support", "back", "endorse"),
    ("ban", "outlaw"),
    ("win", "clinch"),
    ("close", "shut"),
    # coming into being, of a body or of a building ("form" and "create" are no synonyms:
    # storms form, plants create jobs)
    ("found", "establish"),
    ("build", "construct", "erect"),
    ("rise", "increase"),  # not "grow": farmers grow crops
)
# Who makes a work, by the verbs that say they made it: "Who is the creator of X?" is
# answered where X was "written by" or "directed by" someone. Agent nouns formed from their
# verb ("director", "composer") are read by rule (rag/slots.py); these are not. Not
# "release" for an artist: labels release records.
MAKERS = {
    "creator": "create write develop direct design invent compose draw credit",
    "author": "write credit",
    "artist": "record perform sing paint credit",
    "architect": "design",
    "maker": "make produce manufacture",
}
# What a maker makes: "Who recorded Homogenic?" is answered by "the third studio album by
# Icelandic singer Björk", whose "by" follows the work's noun, not a word of the question.
WORK_NOUNS = frozenset(
    "album albums single song songs track record cd lp ep mixtape soundtrack score symphony "
    "opera concerto novel book memoir biography poem play musical film movie documentary "
    "series sitcom show episode painting portrait mural sculpture statue photograph "
    "building tower bridge house game app software report study".split()
)
# What a maker's name follows when a description comes first: "by the hip hop duo OutKast",
# "by American heavy metal band Sanctuary". The small tagger misses many such names (bands,
# stage names, studios), so a capitalised run right after one of these is read as the name.
MAKER_ROLES = frozenset(
    "band group duo trio quartet singer rapper songwriter musician pianist guitarist "
    "drummer dj producer composer conductor orchestra choir director filmmaker author "
    "novelist writer poet playwright painter artist sculptor photographer architect "
    "designer developer studio engineer".split()
)
# Words and their antonyms made by a negating prefix, from WordNet (``rag/antonyms.json``,
# with its source, licence and the command that builds it): a sentence that uses the antonym
# of a question's word, and not the word, says the opposite of what is asked ("Which drug
# was effective?": "the drug was ineffective"). Antonyms of other forms read far too much in
# news ("near" for the "far" of "How far...?", "young" for "How old...?", "peace" for "war").
NEGATING_PREFIXES = ("un", "in", "im", "il", "ir", "non", "dis")
WORDNET_ANTONYMS: tuple[tuple[str, str], ...] = tuple(
    (a, b)
    for a, b in json.loads(
        (Path(__file__).resolve().parent / "antonyms.json").read_text(encoding="utf-8")
    )["pairs"]
)


def _slash_pairs(text: str) -> tuple[tuple[str, str], ...]:
    """Word pairs written "a/b", separated by spaces."""
    return tuple((a, b) for a, b in (pair.split("/") for pair in text.split()))


# Comparatives that say the opposite of each other: a sentence that scored "12 percent
# lower" does not answer "How much higher did they score?". Not "older" and "younger": a
# census sentence's "65 years of age or older" beside its "under the age of 18" answers "How
# many residents are younger than 18?".
COMPARATIVE_ANTONYMS = _slash_pairs(
    "higher/lower more/less more/fewer larger/smaller bigger/smaller greater/smaller "
    "faster/slower longer/shorter stronger/weaker better/worse "
    "richer/poorer warmer/colder wider/narrower heavier/lighter cheaper/dearer"
)
# Superlatives that say the opposite of each other, as the comparatives above: the rain of
# "the warmest months" is not what "the coldest months" hold. Not "most"/"least" ("at least
# 40"), "earliest"/"latest" ("the latest figures") nor "oldest"/"youngest" (as above).
SUPERLATIVE_ANTONYMS = _slash_pairs(
    "highest/lowest largest/smallest biggest/smallest greatest/smallest "
    "warmest/coldest hottest/coldest longest/shortest fastest/slowest best/worst "
    "strongest/weakest richest/poorest widest/narrowest heaviest/lightest "
    "cheapest/dearest fewest/most"
)
# Nouns that say the opposite of each other: a company that "reported a pre-tax loss" did
# not report the profit asked about. Not "victory"/"defeat" nor "buyer"/"seller": one event
# seen from either party (as ``CONVERSES``).
NOUN_ANTONYMS = _slash_pairs(
    "profit/loss profits/losses gain/loss gains/losses surplus/deficit "
    "surpluses/deficits births/deaths imports/exports import/export "
    "acquittal/conviction"
)
# Words for people of one sex and their counterparts of the other: a campaign aimed "at
# women" is not the one asked about "towards men". Not "husband"/"wife" nor
# "brother"/"sister": each is the other's converse ("X's wife Y" says Y's husband is X).
SEX_COUNTERPARTS = _slash_pairs(
    "men/women man/woman male/female males/females boys/girls boy/girl "
    "father/mother fathers/mothers son/daughter sons/daughters"
)
# Known places, each with where it lies (``rag/places.json``, from GeoNames and the U.S.
# census name lists, with its source, licence and the command that builds it): countries,
# capitals, U.S. states and cities of 100,000 people or more, less one-word names that are
# first names or common surnames ("Jackson", "Victoria"), each with its country (a U.S. city:
# its state). The small tagger calls some of them people ("will visit Kyiv"). Case as
# written ("Kyiv", "Kraków").
PLACES: dict[str, tuple[str, ...]] = {
    place: tuple(lying_in)
    for place, lying_in in json.loads(
        (Path(__file__).resolve().parent / "places.json").read_text(encoding="utf-8")
    )["places"].items()
}
# Events a city hosts, so that a city the tagger calls a body is where they happen ("Oslo
# hosted the ceremony"); not what a company named after one hosts ("Toyota hosted a call",
# "a shareholder meeting").
HOSTED_EVENTS = frozenset(
    "summit summits talks ceremony ceremonies festival festivals games olympics tournament "
    "tournaments final finals championship championships forum negotiations".split()
)
# After one of these a name is where something is: "in Kyiv", "near Kraków"; not "to" or
# "from", whose object may be a person ("a letter to Kobe", "a pass from Kobe").
INSIDE_PREPOSITIONS = frozenset(
    "in into near inside outside across throughout around within".split()
)
# The irregular past forms of common verbs, with their base: a question's "built" asks
# about building as "constructed" answers it, and its "found" is the past of "find", not
# the verb of "founded" (annotations read a sentence's forms with spaCy's own table; a
# question is read without the tagger).
IRREGULAR_PAST = {
    form: group.split()[0]
    for group in (
        "arise arose arisen; bear bore borne born; beat beaten; become became; begin began "
        "begun; bind bound; bite bit bitten; break broke broken; bring brought; build built; "
        "buy bought; catch caught; choose chose chosen; come came; deal dealt; draw drew "
        "drawn; drive drove driven; eat ate eaten; fall fell fallen; feed fed; feel felt; "
        "fight fought; find found; flee fled; fly flew flown; forbid forbade forbidden; "
        "freeze froze frozen; get got gotten; give gave given; go went gone; grow grew grown; "
        "hang hung; hear heard; hide hid hidden; hold held; keep kept; know knew known; lay "
        "laid; lead led; leave left; lend lent; lose lost; make made; mean meant; meet met; "
        "pay paid; ride rode ridden; ring rang rung; rise rose risen; run ran; say said; see "
        "saw seen; seek sought; sell sold; send sent; shake shook shaken; shoot shot; show "
        "shown; sing sang sung; sink sank sunk; sit sat; sleep slept; speak spoke spoken; "
        "spend spent; stand stood; steal stole stolen; stick stuck; strike struck stricken; "
        "swear swore sworn; swim swam swum; take took taken; teach taught; tear tore torn; "
        "tell told; think thought; throw threw thrown; understand understood; uphold upheld; "
        "wake woke woken; wear wore worn; win won; withdraw withdrew withdrawn; write wrote "
        "written"
    ).split("; ")
    for form in group.split()[1:]
}
# Modals that put a verb in the future ("will", "'ll", "shall"; "wo" of "won't"), so that its
# "Thursday" is the next one, not the last.
FUTURE_MODALS = frozenset("will shall 'll ’ll wo".split())
# Verbs that report speech: a "when"/"where" question about them asks for an occasion.
SPEECH_VERBS = frozenset(
    "say tell announce state declare claim remark comment speak talk address insist add "
    "note warn write testify".split()
)
# The forms of the speech verbs a question uses ("When did she say..."), irregular ones too.
SPEECH_FORMS = frozenset(
    {f"{v}{e}" for v in SPEECH_VERBS for e in ("", "s", "ed", "d", "ing")}
    | set("said told spoke spoken wrote written".split())
)
# Speech verbs that with a noun after them are an act done once, not words said on an
# occasion: "declared a state of emergency", "declared war", "claimed victory" ("announced
# the budget" may be said on several occasions).
ACTING_SPEECH_VERBS = frozenset("declare claim".split())
# After "on what", "in which"...: a question that asks the occasion of what it names, whose
# sources' dates are read as for "when" ("On what occasion did the director describe...?",
# "In what setting did the chief executive say...?", "At which event did she announce...?").
OCCASION_NOUNS = frozenset("occasion occasions setting settings forum forums".split())
# These ask an occasion only of what was said ("At which event did she announce...?"); else
# they ask a thing ("At which venue will the final be played?", "In which event did he set
# the record?").
SPEECH_OCCASION_NOUNS = frozenset("event events venue venues".split())
# How something was said, by the kind of its setting: an occasion question's sources that
# name settings of different kinds report different occasions ("told a public meeting in
# the town hall" beside "speaking to Radio Eastvale in an interview"; "said in a statement
# posted on its website" beside "told reporters at the scene"). Phrases as written, matched
# whole, the longest first ("speaking to reporters" is at a public event, "speaking to
# Stride" an interview): kinds, not settings, as one event has many names ("the
# finish-line press conference", "a briefing after the race"). Not words that are as often
# something else: "posted" (a loss), "addressed" (the concerns).
SAYING_SETTINGS: dict[str, str] = {
    **dict.fromkeys(
        [
            "interview",
            "interviews",
            "podcast",
            "phone-in",
            "speaking to",
            "talking to",
            "in comments to",
        ],
        "interview",
    ),
    **dict.fromkeys(
        [
            "statement",
            "letter",
            "press release",
            "news release",
            "blog",
            "op-ed",
            "email",
            "e-mail",
            "social media",
            "tweet",
            "tweeted",
            "website",
            "newsletter",
            "memo",
            "wrote",
            "written",
        ],
        "written",
    ),
    **dict.fromkeys(
        [
            "press conference",
            "news conference",
            "briefing",
            "meeting",
            "ceremony",
            "rally",
            "speech",
            "hearing",
            "debate",
            "summit",
            "conference",
            "vigil",
            "assembly",
            "town hall",
            "told reporters",
            "told journalists",
            "told the crowd",
            "told a crowd",
            "speaking to reporters",
            "speaking to journalists",
            "talking to reporters",
            "at the scene",
            "in parliament",
            "told parliament",
            "told mps",
            "told councillors",
            "told the council",
            "told the committee",
        ],
        "public",
    ),
}

# "How did the head teacher tell families that...?" asks the occasion (a letter, a meeting)
# of telling someone with one of these; "How did she describe...?" asks what was said.
TELLING_VERBS = frozenset(
    "tell tells told inform informs informed notify notifies notified announce announces "
    "announced".split()
)
# A date right after one of these is a web page's citation furniture ("Retrieved 3 January
# 2013", "Archived from the original on..."), not a date the text states.
CITATION_DATE_CUES = ("retrieved", "accessed", "archived", "archived from the original on")
# The words that end a street's name ("1313 Belknap Street", "1600 Pennsylvania Avenue"): the
# figure before such a name is a house number, neither a date nor a count.
STREET_TYPES = (
    "Street St. St Avenue Ave. Ave Road Rd. Rd Boulevard Blvd. Blvd Lane Drive Place "
    "Square Court Terrace Parkway Highway Way Row Crescent Close".split()
)
# A date a few words after one of these is a birth or a death ("born in Leeds in 1950",
# "was killed on Monday"). A birth answers only a question about a birth ("When did he
# become the Baronet?" is not answered by "born in 1810"); a death is often the event asked
# about ("Three people died when the bridge fell on Tuesday"), so only a question about a
# death is held to one.
LIFE_EVENTS = {
    "birth": ("born",),
    "death": ("died", "killed", "assassinated", "passed away", "death"),
}
# A question asks about a birth or a death when it uses one of these in lower case ("the
# Black Death" and "Die Hard" are names), but not of a death toll or a birth rate.
LIFE_QUESTIONS = {
    "birth": ("born", "birth", "birthday"),
    "death": ("die", "died", "dies", "death"),
}
NOT_LIFE_AFTER = ("toll", "tolls", "penalty", "rate", "rates", "row", "certificate", "squad")
# What a sentence may call a thing ("X is a novel", "X, a documentary by..."), by scale:
# two things called the same are different things when one sentence calls it one class and
# another sentence another class on the same scale (a film and a novel; a thriller and a
# documentary). A word on no scale ("a thriller" for the medium) tells nothing apart there.
# Kinds of person are on none: one person is "a prominent figure" and "a staunch supporter".
KINDS_OF_THING: dict[str, dict[str, str]] = {
    "medium": {
        **dict.fromkeys("film films movie movies documentary".split(), "screen"),
        **dict.fromkeys("series sitcom miniseries".split(), "television"),
        **dict.fromkeys("novel novels novella book memoir biography".split(), "book"),
        **dict.fromkeys("album albums ep single song".split(), "music"),
        **dict.fromkeys("opera musical play ballet".split(), "stage"),
        **dict.fromkeys("painting sculpture".split(), "artwork"),
        **dict.fromkeys("ship vessel ferry tanker submarine yacht".split(), "ship"),
        **dict.fromkeys("tower building skyscraper hotel bridge stadium".split(), "building"),
        **dict.fromkeys("company firm carmaker automaker airline bank".split(), "company"),
        **dict.fromkeys("town city village river mountain lake island".split(), "place"),
        **dict.fromkeys("horse dog".split(), "animal"),
    },
    "fiction": {
        **dict.fromkeys("thriller comedy drama horror western romance novel".split(), "fiction"),
        **dict.fromkeys("documentary memoir biography".split(), "nonfiction"),
    },
}
# Sports, each word with the sport it names ("footballer": football); soccer is football,
# as much of the world calls it, so that "football" and "soccer" never disagree.
SPORTS: dict[str, str] = {
    word: group.split()[0]
    for group in (
        "football footballer footballers soccer; basketball; baseball; tennis; golf golfer "
        "golfers; cricket cricketer cricketers; hockey; rugby; snooker; darts; chess; "
        "cycling cyclist cyclists; boxing boxer boxers; athletics sprinter sprinters; "
        "swimming swimmer swimmers; volleyball; handball; wrestling wrestler wrestlers; "
        "skiing skier skiers; rowing rower rowers; badminton; lacrosse; softball; netball"
    ).split("; ")
    for word in group.split()
}
# The words with which a question asks for a kind of thing on a scale ("What sport is Wayne
# Jones associated with?", "What is the medium of 'Monkey Grip'?"), with the scale.
KIND_QUESTIONS = {"sport": "sport", "sports": "sport", "medium": "medium", "genre": "fiction"}
# A question about one of these asks how many people live somewhere: "6,669 people" answers
# it, "2,298 households" and "1,730 families" do not.
POPULATION_WORDS = frozenset("population populace inhabitants".split())
# Verbs by which a question asks how many live somewhere: "How many people live in Pucón?".
DWELLING_VERBS = frozenset("live lives lived living reside resides resided inhabit".split())
# What a figure of people counts when it says how many live somewhere: "12,400 residents"
# (a census, a town profile), "8,000 inhabitants" (an encyclopedia).
DWELLER_WORDS = frozenset("residents inhabitants population".split())
# The words before a figure that make it a place's size: "home to 800 people" (a village
# profile, a city's page).
HOME_TO = ("home to",)
# A question with one of these asks for a part of a whole, not its size: "What percentage of
# the population is Hispanic?".
SHARE_WORDS = frozenset("percentage percent proportion share fraction".split())
# A question asking for a relative by one of these words, in lower case ("Who was Mahmud
# I's father?"; not "Mother Jones"), is answered by a name the sentence gives that relation:
# the nearest kinship word to the name is one of these ("his mother, Julia Stanley" names
# no father; "the older brother of Osman III" none), in lower case ("Father Ignatius" is a
# priest) and not an in-law.
KINSHIP = {
    "father": ("father",),
    "mother": ("mother",),
    "parent": ("parent", "parents", "father", "mother"),
    "son": ("son", "sons"),
    "daughter": ("daughter", "daughters"),
    "child": ("child", "children", "son", "sons", "daughter", "daughters"),
    "brother": ("brother", "brothers"),
    "sister": ("sister", "sisters"),
    "wife": ("wife", "wives", "widow"),
    "husband": ("husband", "husbands", "widower"),
    "spouse": ("spouse", "wife", "wives", "husband", "widow", "widower"),
}
# A question's plural asks for the same relation: "Who are the children of...?".
KINSHIP_PLURALS = {"children": "child", "wives": "wife", "parents": "parent"}
# Said right before a name, these give it the relation from the other side: "Chilperic, son
# of Clotaire I" names Chilperic's parent; "married to John Smith" a spouse.
KINSHIP_BEFORE = {
    "father": ("son of", "daughter of", "child of"),
    "mother": ("son of", "daughter of", "child of"),
    "parent": ("son of", "daughter of", "child of"),
    "wife": ("married to", "married", "wed"),
    "husband": ("married to", "married", "wed"),
    "spouse": ("married to", "married", "wed"),
}
# Words by which a question asks for a rate ("population density", "speed", "per day"); a
# question without one asks for a total, never for "inhabitants per square mile".
RATE_WORDS = frozenset(
    "per density rate speed velocity pace frequency wage wages salary salaries earn earns "
    "earning".split()
)
# A sum of money with one of these after it is a rate, as with "per": "will save around $180
# million a year", "$2,000 each month", "£40m annually" (it compares with a rate, not with a
# price); the word is what it is per.
MONEY_PERIODS = {"annually": "year", "yearly": "year", "monthly": "month", "weekly": "week",
                 "daily": "day", "hourly": "hour"}  # fmt: skip
PERIOD_WORDS = frozenset("hour day week month year".split())
# After "a year", "a month"...: a time before or after, not what a sum is per ("$4.2 billion a
# year earlier", "a year ago").
NOT_PER_PERIOD = frozenset("earlier ago before after later since prior previously".split())
# Articles and possessives: what opens a noun phrase ("the", "a", "its"); not "that", which
# opens clauses too ("in that order").
DETERMINERS = frozenset("the a an its his her their our".split())
# A speech form right after one of these is a noun, not a verb: "In which state is...",
# "the address", "a claim".
NOUN_MARKERS = DETERMINERS | frozenset("which what whose this that".split())
# Verbs that attribute a claim to someone instead of asserting it: framing. Only those that
# keep a distance from the claim; "say" or "insist" merely report speech.
ATTRIBUTION_VERBS = frozenset("allege accuse claim blame purport".split())
# Verbs that, negated, leave a claim unconfirmed: "reports that he had passed a medical could
# not be confirmed", "police have not verified claims that the fire was started
# deliberately", "declined to confirm that". Not "deny": a denial is one party's word against
# another's, which a reader weighs as a contradiction, not as distance from the claim.
VERIFYING_VERBS = frozenset("confirm verify corroborate substantiate prove".split())
# Adverbs that keep a distance from the verb they stand before: "the striker reportedly
# passed a medical", "the fire was allegedly started".
DISTANCING_ADVERBS = frozenset("allegedly reportedly purportedly supposedly".split())
# Adjectives that leave a report unconfirmed, and the reports they qualify: "unconfirmed
# reports that the minister had resigned".
UNVERIFIED = frozenset("unconfirmed unverified unsubstantiated".split())
CLAIM_NOUNS = frozenset(
    "report reports claim claims allegation allegations rumour rumours rumor rumors".split()
)
# Words that govern an infinitive without saying it happens. What one asks, urges or wants
# another to do ("pressed Kyiv to accept", "calls for the board to resign", "was urged to
# step down"); "call" only with someone asked ("called to congratulate" is a phone call).
DIRECTIVES = frozenset(
    "urge press pressure push ask call appeal demand request encourage want expect invite "
    "tell order instruct advise lobby implore beg plead require warn".split()
)
DIRECTIVES_OF_SOMEONE = frozenset({"call"})
# What may stand between a directive and the one it asks: "called on the minister to",
# "calls for the manager to be sacked".
DIRECTIVE_PREPOSITIONS = frozenset("on upon for".split())
# A verb after these governs no infinitive: "rose more than expected to hit 5%".
NOT_GOVERNING_AFTER = frozenset("than as".split())
# Forms of "have" before a participle make it a verb of its own clause: "having occupied
# villages", "Could the storm have caused the outage?"; not a participle describing a noun.
PARTICIPLE_AUXILIARIES = frozenset("have has had having".split())
# And what one means, offers or is set to do ("promised to cut taxes", "plans to cut 500
# jobs", "agreed to join", "a bid to sign the striker", "is ready to talk").
INTENTIONS = frozenset(
    "promise threaten plan seek try attempt hope aim intend vow pledge offer agree set due "
    "poised likely eager reluctant ready willing prepared deal bid effort proposal".split()
)
# What one weighs without doing it yet: an "-ing" verb right after these is left open ("is
# considering selling the unit", "discussed cutting 500 jobs", "proposed raising rates").
DELIBERATIONS = frozenset(
    "consider weigh mull contemplate discuss debate study explore propose suggest recommend".split()
)
# Words that open a question inside a sentence: an infinitive right after one is left open
# ("is weighing whether to approve the plan", "asked how to reduce the backlog").
OPEN_QUESTION_WORDS = frozenset("whether how when where what which who".split())
# Words that open a clause that asks, after a cue (UNSETTLED_CUES, INQUIRY_CUES): "unclear
# whether", "not known what", "unclear who"; not "how" or "why", which take what the clause
# says as given ("It is unclear why the minister resigned" says she did).
ASKING_MARKS = frozenset("whether what who".split())
# Pronouns that may stand for what a question names, right after the verb of such a clause:
# "whether the spill had killed them" (not "her", which may own another: "sack her deputy").
OBJECT_PRONOUNS = frozenset("it them him".split())
# What asks a question rather than answering it, right before "whether", "what" or "who"
# opening a clause ("too early to say whether the spill had killed the fish", "It is unclear
# what caused the outage", "will decide whether to approve"), or before a noun of cause
# ("have yet to determine the cause of the blast"): a knowledge not yet had (UNSETTLED_CUES).
# Not "asked whether", whose answer often follows ("Asked whether the club had sacked Reyes,
# a spokesman confirmed it had"), nor "know" ("Engineers know what caused the outage").
UNSETTLED_CUES = (
    "unclear", "not clear", "not immediately clear", "not yet clear", "not known",
    "not yet known", "not immediately known", "unknown", "nobody knows", "no one knows",
    "too early to say", "too early to tell", "too soon to say", "too soon to tell",
    "declined to say", "refused to say", "would not say", "did not say", "could not say",
    "would not confirm", "could not confirm", "did not confirm", "remains to be seen",
    "yet to determine", "yet to establish", "have not determined", "has not determined",
    "have not established", "has not established",
)  # fmt: skip
# And an inquiry under way, right before "whether", "what" or "who" only ("are examining
# whether blasting played a role", "will decide whether"): before a noun it may go on to the
# answer ("Police, who are investigating the cause of the crash, said the driver had fallen
# asleep"), and a past one may have ended ("were investigating whether the drug killed the
# patients until tests ruled it out").
INQUIRY_CUES = (
    "is investigating", "are investigating", "still investigating", "been investigating",
    "is examining", "are examining", "still examining", "is probing", "are probing",
    "is looking into", "are looking into", "trying to determine", "trying to establish",
    "will decide", "will determine", "will examine", "will investigate",
)  # fmt: skip
# After what was not known, words that say it is known now: "The cause was not known at
# first, but tests found...", "unknown until 1990".
SETTLED_SINCE = frozenset("until initially first later eventually but since".split())
# Nouns for why something happened, and the phrases after one that say it is not settled
# ("The cause of the fire is under investigation", "The motive for the attack is not yet
# known"): read for a question that asks for a cause (CAUSE_CUES).
CAUSE_NOUNS = frozenset("cause causes reason reasons motive motives".split())
UNSETTLED = (
    "not been determined", "not yet been determined", "yet to be determined", "undetermined",
    "not been established", "yet to be established", "not been identified",
    "yet to be identified", "not been confirmed", "not yet confirmed", "not known",
    "not yet known", "not immediately known", "not clear", "not immediately clear",
    "not yet clear", "unclear", "unknown", "under investigation", "being investigated",
    "remains a mystery", "not been made public",
)  # fmt: skip
# What says a clause asks for a cause ("whether blasting played a role", "who was behind
# the attack"), and a question asks about causing ("Was faulty wiring to blame for the
# fire?"; not "Why did the minister resign?", whose answer a source that says she resigned
# does not give).
CAUSING_PHRASES = (
    "cause", "caused", "causing", "responsible", "to blame", "blamed", "triggered", "sparked",
    "played a role", "play a role", "played any role", "contributed to", "was behind",
    "were behind", "is behind",
)  # fmt: skip
# Words that open a clause whose verb states nothing: "too early to say whether the spill
# had killed the fish", "if the board approves the bid", "asked if the mine would reopen".
# Not "when" or "how", which take what the clause says as given ("asked when the plant
# closed").
OPEN_CLAUSE_MARKS = frozenset("whether if".split())
# After "if", words that make it no clause's mark: "few if any survivors were found".
AFTER_IF_NO_CLAUSE = frozenset({"any", "ever", "not", "so", "only"})
# Words that open a relative clause, whose verb an open clause's mark does not reach.
RELATIVE_PRONOUNS = frozenset("that which who whom whose".split())
# Verbs and adjectives that state nothing of their own as a sentence's predicate: forms of
# "be", "do", "have", "become" and "seem", modals and the contracted forms the tagger may
# call verbs ("they’ve"), "used" of "used to", and the quantifiers and ordinals it may call
# adjectives. Not spaCy's stop words, which hold verbs that do state something ("give",
# "make", "take", "show", "name", "keep", "call") and adjectives ("full", "empty").
STATE_NOTHING = frozenset(
    "be am is are was were been being 's ’s 're ’re 'm ’m become becomes became becoming "
    "seem seems seemed seeming do does did doing done have has had having 've ’ve 'd ’d "
    "can could may might must shall should will would ca wo sha 'll ’ll used "
    "first second third fourth fifth last next former latter own same several various "
    "other others more most less least few many much enough due such".split()
)
# Words that deny the infinitive they govern ("refused to accept", "failed to reduce",
# "were unable to confirm"; negated, they assert it: "did not hesitate to award"), those
# that assert it and deny it when negated ("managed to win", "was not able to confirm",
# "is not going to raise rates"), and those that assert it but say nothing when negated
# ("was persuaded to testify", "forced the minister to resign"; "was not forced to").
NEGATIVE_IMPLICATIVES = frozenset(
    "refuse refusal decline fail failure neglect forget unable inability impossible "
    "hesitate".split()
)
# Of those, the ones that leave the infinitive open when negated: "it was not impossible
# to reach the summit" says it could be reached, not that it was.
OPEN_WHEN_NEGATED = frozenset({"impossible"})
# And the ones that deny nothing unless negated: "hesitated to sign" leaves the signing
# open; only "did not hesitate to sign" says something (that it was signed).
SAY_NOTHING_UNLESS_NEGATED = frozenset({"hesitate"})
# A negation this many words before a verb or adjective denies it ("did not approve",
# "was not significantly troubled").
NEGATION_REACH = 3
POSITIVE_IMPLICATIVES = frozenset("manage remember bother able go".split())
FORCING = frozenset("persuade force compel".split())
# Words that deny the "-ing" verb after "from" ("blocked the company from selling",
# "stopped Meta from launching", "refrained from commenting") or right after them ("avoided
# paying taxes").
PREVENTIVES = frozenset("prevent stop block bar ban refrain deter prohibit".split())
AVOIDING = frozenset({"avoid"})
# "Position on X" questions and the cues that take a side on X within a few words.
POSITION_NOUNS = ("position", "stance", "attitude", "view", "views", "opinion", "line")
POSITIVE_CUES = (
    "ready", "willing", "willingness", "prepared", "positive attitude", "open to",
    "openness to", "welcome", "welcomed", "welcomes", "agreed to", "agrees to", "accept",
    "accepted", "accepts", "support", "supported", "supports", "favour", "favor", "backed",
    "backs", "endorsed",
)  # fmt: skip
NEGATIVE_CUES = (
    "dismiss", "dismissed", "dismisses", "reject", "rejected", "rejects", "refused",
    "refuses", "ruled out", "oppose", "opposed", "opposes", "against", "condemned",
    "unwilling",
)  # fmt: skip
# Phrases that present something as the first of its kind.
FIRST_TIME = (
    "first time",
    "for the first time",
    "first such",
    "first ever",
    "never before",
    "unprecedented",
    "first-ever",
)
# A sentence that reports an earlier occurrence ("was last evacuated in 2015"), or calls
# something the first only since a date ("the first since 1998"; rag.slots reads "since"
# only before a date: not "has spent heavily since qualifying"), does not call it the
# first ever.
EARLIER_CUES = (
    "since then",
    "was last",
    "were last",
    "previous",
    "previously",
    "earlier",
    "already",
    "again",
    "last time",
    "second time",
    "once before",
)
# A question asking whether something was the first of its kind.
FIRST_QUESTION_CUES = (
    "first",
    "ever",
    "previously",
    "before",
    "unprecedented",
    "again",
    "earlier",
)
# A question about a cause or about blame: its answer may be asserted or attributed.
CAUSE_CUES = (
    "cause",
    "caused",
    "causes",
    "blame",
    "blamed",
    "to blame",
    "responsible",
    "responsibility",
    "why",
    "reason",
    "behind",
    "fault",
)
# Words of titles written before a name in lower case ("assistant coach Ruth Delaney",
# "chief executive Amara Okafor"); capitalised words before a name count as title words too.
# Title words that name an office by themselves ("Ravensholm's mayor"), and the others, which
# also qualify a noun that is none ("head office", "general hospital", "senior staff").
OFFICES = frozenset(
    "president minister secretary chancellor king queen executive officer director manager "
    "coach chairman chairwoman chair spokesman spokeswoman spokesperson captain governor "
    "mayor senator ambassador envoy commissioner superintendent judge justice attorney "
    "editor founder owner leader lieutenant colonel commander sergeant professor co-founder "
    "ceo cfo coo".split()
)
TITLE_WORDS = OFFICES | frozenset(
    "prime chief head assistant deputy vice senior junior general principal dr interim "
    "acting incoming outgoing".split()
)
# Lower-case words that make a title more precise before its title word, but are none by
# themselves: "chief financial officer", "chief operating officer", "fire chief", "police
# chief", "medical director", "sporting director".
TITLE_MODIFIERS = frozenset(
    "financial operating technology information marketing commercial medical legal "
    "technical creative sporting fire police safety".split()
)
# Titles as news abbreviates them before a name ("Sen. Warren", "Gen. Milley", "Supt. Hale").
TITLE_ABBREVIATIONS = frozenset(
    "sen rep gov lt gen col maj capt cmdr adm sgt cpl supt insp det atty pres amb".split()
)
# Words that mark a title as no longer held.
FORMER = frozenset("former ex- ex onetime erstwhile outgoing retired late".split())
# Words that make a title another, lower post: a deputy minister is not the minister.
DEPUTIES = frozenset("vice deputy assistant".split())
# Words that make a title one held for now ("acting director Lena Voss"): rag.aliases does
# not take its holder for the director a question describes.
STANDING_IN = frozenset("acting interim".split())

# --- Questions ---------------------------------------------------------------------------

# Prepositions of place: "taken to a regional hospital", "at a fuel depot", "among the
# plankton" answer "where" with no name in them.
LOCATIVE_PREPOSITIONS = frozenset(
    "in at on to into onto near inside outside under beneath below above behind beside "
    "between among across along around within throughout".split()
)
# Where a name stands in its sentence says whether it says where (rag.annotate.locates).
# Prepositions of a route or between sides, whose object says where only after a verb
# ("moved from Paris", "flew via Doha", "fighting raged between Kyiv and Kharkiv"), a place
# or a route ("the border between Poland and Belarus"), or, for "from", a person ("a farmer
# from Bavaria"): after another noun it is who acts or takes part ("pressure from
# Washington", "talks between Russia and Ukraine", "policy toward China").
ROUTE_PREPOSITIONS = frozenset("from via through toward towards between among".split())
ROUTE_NOUNS = frozenset(
    "border borders frontier road roads route routes flight flights line corridor bridge "
    "railway highway crossing".split()
)
# Prepositions whose object says where something is, happens, comes from or goes: "met in
# Helsinki", "capsized off Sicily", "moved from Paris to Berlin". Not "with" or "against",
# nor "behind" a name, which ranks ("finished behind China").
PLACING_PREPOSITIONS = (LOCATIVE_PREPOSITIONS - {"behind"}) | ROUTE_PREPOSITIONS | {"off"}
# Words after which a preposition's object is who receives, wins or supplies, or what is
# targeted, not a place: "lost to Tottenham", "ambassador to France", "speaking to
# Reuters", "according to the Pentagon"; "sanctions on Russia", "a stake in OpenAI", "an
# inquiry into Binance", "lashed out at China"; "bought gas from Russia". By preposition:
# "lost ... in Bilbao", "sanctions agreed in Brussels" still say where.
NOT_PLACING_AFTER = {
    "to": frozenset(
        "accord speak talk say tell write reply respond apologise apologize sell lose owe "
        "belong compare listen appeal submit report complain explain defeat loss "
        "ambassador envoy letter message answer threat".split()
    ),
    "from": frozenset("receive buy import obtain hear purchase borrow".split()),
    "on": frozenset(
        "sanction tariff duty levy ban embargo restriction curb pressure impose lash swipe "
        "attack".split()
    ),
    "in": frozenset("stake invest investment interest enlist".split()),
    "into": frozenset("probe investigation inquiry invest".split()),
    "at": frozenset("aim lash swipe".split()),
}
# Points of the compass, whose "of" is a place wherever they stand: "a levee south of the
# Route 9 overpass", "crashed just west of Denver".
COMPASS_POINTS = frozenset("north south east west northeast northwest southeast southwest".split())
# Parts of a place whose "of" names the place: "the outskirts of Dhaka", "off the coast of
# Somalia", "in the north of England".
PLACE_PARTS = COMPASS_POINTS | frozenset(
    "coast coasts outskirts heart edge suburbs suburb shore shores bank banks part parts "
    "streets".split()
)
# Kinds of place a text may call a place by, with the orders of place each may be: "Which
# city...?" is not answered by "the province of Sumy", nor "Which state...?" by "Franklin
# County"; a "state" may be a country's part or a country ("the State of Israel"), a
# "region" a province or a district.
_PLACE_ORDERS = {
    "settlement": "city cities town towns village villages capital capitals municipality",
    "country": "country countries nation nations state states",
    "province": "state states province provinces region regions oblast oblasts prefecture "
    "prefectures territory territories",
    "district": "county counties district districts region regions municipality",
    "continent": "continent continents",
}
PLACE_KINDS: dict[str, frozenset[str]] = {
    word: frozenset(order for order, words in _PLACE_ORDERS.items() if word in words.split())
    for word in " ".join(_PLACE_ORDERS.values()).split()
}
# Before "of", the kinds that name the place after it ("the province of Sumy", "the city of
# Lyon"); a capital is another place ("the capital of France"), plurals are places in it.
PLACE_KINDS_BEFORE_OF = tuple(w for w in PLACE_KINDS if not w.endswith("s") and w != "capital")
# Words before a kind of place that make it one of several in the place after "of" (see ranks).
RANKING_WORDS = frozenset(
    "first second third fourth fifth most main only principal chief capital".split()
)
# Ordinals in order, "first" to "tenth".
ORDINALS = tuple("first second third fourth fifth sixth seventh eighth ninth tenth".split())
# Ordinals after the first: "the second female mayor" reports an earlier one.
LATER_ORDINALS = frozenset(ORDINALS[1:])
# Words that call a thing the first without the ordinal ("their debut album").
FIRST_WORDS = frozenset("first debut inaugural initial maiden earliest".split())


def ranks(word: str) -> bool:
    """Whether a word before a kind of place ranks it among others ("the largest city of",
    "the most populous city of", "the capital city of"): a superlative, an ordinal or
    "capital", not a point of the compass."""
    word = word.lower()
    return (word.endswith("est") and word not in COMPASS_POINTS) or word in RANKING_WORDS


# A hatnote: what a page says before its text about other pages of a similar name; no
# article's first sentence about its own subject. It begins with one of these ("Not to be
# confused with...", "For other uses, see...", "This article is about the 1936 film"), as
# a snippet may cut its first words ("be confused with The Charge of the Light Brigade"),
# or sends the reader on ("For the 1936 film, see ...", "For other people named Ana Varela,
# see ..."), or says within its first words that a name "redirects here". Not "For other
# people, the crisis meant skipping meals", nor "This article is about to change".
HATNOTE_OPENINGS = (
    "not to be confused with",
    "be confused with",
    "for other uses",
    "this article is about the ",
    "this article is about a ",
    "this article is about an ",
    "main article:",
)
HATNOTE_SEND_ON = ", see "  # after "For ..." within the reach: "For the album, see ..."
HATNOTE_REDIRECT = "redirects here"
HATNOTE_REACH = 60  # characters from the start of the sentence
# Words a name's initials leave out: "ICC" is the International Cricket Council, "GIFF" the
# Guwahati International Film Festival, "BoE" the Bank of England (with them or without).
INITIALS_SKIP = frozenset("of the and for de del la le du des in on at to".split())
# Words after a name and a hyphen that place what they describe: "a Paris-based firm", "the
# London-born actor".
PLACED_BY = frozenset("based born headquartered raised bred".split())
# Verbs whose object is where the subject goes or is, be it a place or a body: "visited
# Beijing", "addressing the St. Petersburg International Economic Forum".
VISITING_VERBS = frozenset("visit attend address tour".split())
# Verbs whose object is where the subject goes or leaves only if it is a place: "left
# Kabul", "fled Gaza"; not "left Labour".
MOVING_VERBS = frozenset("enter leave reach flee evacuate".split())
# Verbs whose subject, if a place, is where something happens: "Helsinki hosted the summit".
HOSTING_VERBS = frozenset("host stage".split())
# Verbs whose object, if a place, is where a thing (not a named actor) struck: "An
# earthquake struck Taiwan", "Floods hit northern Pakistan"; not "The EU hit Russia with
# sanctions".
STRIKING_VERBS = frozenset("strike hit rock batter lash ravage devastate flood pound".split())
# Natural hazards whose names start with the kind and still are things, not actors:
# "Hurricane Ian hit Florida", "Typhoon Haiyan struck the Philippines", "Storm Ciaran
# lashed Brittany". Not a kind at the end ("the Dixie Fire", but "the Chicago Fire", a club).
NAMED_HAZARDS = frozenset("hurricane typhoon cyclone storm tropical".split())
# Events whose strength is a figure (a magnitude, a category, a wind speed, a yield): "How
# strong was the earthquake?" asks for one, "How strong is the rule of law?" does not (two
# of SQuAD v1.1 train's "How strong...?" questions ask one of these, both answered by a
# magnitude; the others ask of laws and unions, answered in words).
MEASURED_HAZARDS = frozenset(
    "earthquake earthquakes quake quakes tremor tremors aftershock aftershocks storm storms "
    "hurricane hurricanes typhoon typhoons cyclone cyclones tornado tornadoes wind winds gust "
    "gusts blast explosion eruption".split()
)
# Nouns besides people's whose "from" is where they come from: "a 34-year-old from Leeds".
ORIGIN_NOUNS = frozenset("old native natives".split())
# Nouns after a preposition that are no place: "on the other hand", "at the time", "in the
# end", "within the hour", "in a way", "to a family of teachers".
NOT_PLACES = frozenset(
    "other same time times end beginning start middle meantime past future moment hour day "
    "week month year way case order course event family rest first last face light".split()
)
# Words that open a time given by an event: "after the night shift ended", "until the
# inspection is complete", "during the war" (not "since" or "once": also "because", "formerly").
TEMPORAL_CONNECTIVES = frozenset("after before until till during following".split())
# "When can residents return?" may be answered by a condition: "once the water recedes",
# "if the differences are significant".
CONDITIONAL_CONNECTIVES = frozenset("when whenever if once unless".split())
# After these, "if" asks whether and sets no condition: "It is unclear if the bridge is safe".
IF_IS_WHETHER = frozenset(
    "unclear clear whether ask asked know knew see wonder sure certain".split()
)
# A three-digit figure after a preposition is no year when one of these follows: "around 100
# people", "by 500 million", "from 120 to 150".
NOT_AFTER_YEAR = frozenset(
    "of per percent people million billion thousand hundred to and or times".split()
)
# After "when", these make a question ask for the circumstances, not only for a time.
CONDITION_MODALS = frozenset("can could may might must should".split())
# Passive auxiliaries: "residents were told" names no speaker.
PASSIVE_AUXILIARIES = frozenset("is are was were be been being get got".split())
# Auxiliaries and modals: one ends a noun phrase, after "how many <noun phrase>" in a question
# and after a figure in a sentence ("the two chains have stores" counts chains).
AUXILIARIES = frozenset(
    "is are was were be been do does did can could will would should shall has have had may "
    "might must".split()
)
QUESTION_OPENERS = frozenset(
    "what which who whom whose when where why how is are was were do does did can could "
    "will would should has have had may might name".split()
)
# Head nouns of "which X" / "what X" questions, by the kind of answer they ask for.
PERSON_NOUNS = frozenset(
    "person people official officials politician politicians leader leaders minister "
    "ministers spokesman spokeswoman spokesperson figure figures president secretary "
    "diplomat diplomats negotiator negotiators analyst analysts expert experts player "
    "players coach manager director actor actress actors singer artist artists author "
    "writer scientist researcher researchers judge athlete founder ceo chairman player "
    "striker goalkeeper candidate mayor governor senator member members".split()
)
# People a report describes rather than names ("the train driver", "four workers"): they
# may answer "who" and be counted as people, but do not make "what X" ask for a person
# ("What drove residents to...?" asks for a cause). Not "figures" or "members", which count
# statistics and states as often as people.
DESCRIBED_PEOPLE = (PERSON_NOUNS - {"figure", "figures", "member", "members"}) | frozenset(
    "politicians scientists authors writers coaches managers judges candidates directors "
    "players athletes mayors governors senators journalist journalists lawyer lawyers "
    "customer customers shareholder shareholders pupil pupils police wife husband mother "
    "father parent parents relative relatives son daughter neighbour neighbours neighbor "
    "neighbors "
    "driver drivers worker workers passenger passengers resident residents victim victims "
    "officer officers man men woman women child children boy boys girl girls teenager "
    "teenagers student students teacher teachers patient patients doctor doctors nurse "
    "nurses firefighter firefighters soldier soldiers pilot pilots crew farmer farmers "
    "suspect suspects witness witnesses employee employees staff fan fans voter voters "
    "owner owners tourist tourists pedestrian pedestrians adult adults participant "
    "participants volunteer volunteers inhabitant inhabitants citizen citizens civilian "
    "civilians refugee refugees migrant migrants protester protesters spectator spectators "
    "guest guests".split()
)
# Nouns that count people of any description: "80 people" answers "How many passengers were
# on board?" and "1,250 adults" answers "How many patients took part?", while a count of
# others described otherwise does not ("12 civilians" for "How many soldiers were killed?").
ANY_PEOPLE = frozenset("people persons individuals adults".split())
# The last word of a flattened table's label that counts a place's people: "Population:
# 2,764", "Residents : 8,400", "Pop. : 8,400", "All persons : 2,764"; not "Housing units :
# 603", "Population density : 76.3", "Adults : 2,100".
POPULATION_LABELS = POPULATION_WORDS | frozenset("residents persons pop".split())
# Labels that say only which of a heading's figures follows, not what it counts: "Population
# (2020) • Total : 2,764", "Census : 2,764", "Urban : 2,100".
TABLE_SUBLABELS = frozenset("total estimate est census urban metro rural city".split())
# Nouns that end in "s" in the singular: "Which news agency...?" asks for one.
SINGULAR_IN_S = frozenset(
    "news series species means physics politics economics mathematics athletics gas lens "
    "bias canvas atlas chaos".split()
)
# "How many new jobs", "How many major rites": the counted noun is after a modifier like
# these.
COUNT_MODIFIERS = frozenset(
    "new more other total additional different separate extra major minor main unique "
    "distinct individual".split()
)
# "How long/far/tall..." asks for a measure in these base units (pint's: seconds, metres,
# kilograms); a count or a share beside it is no answer.
MEASURE_UNITS = {
    "long": ("s", "m"), "far": ("m",), "tall": ("m",), "high": ("m",), "wide": ("m",),
    "deep": ("m",), "heavy": ("kg",), "hot": ("°C",), "cold": ("°C",),
    "fast": ("m / s",),
}  # fmt: skip
# Words after "m" set apart from its figure that make it metres, not millions: "some 400 m
# underground", "a wall 3 m high", "20 m offshore" (not "2.1 m in March", "8 m in damages").
AFTER_A_LENGTH = frozenset(
    "long high deep tall wide thick underground below above offshore inland away across".split()
)
# Of those, the questions a sum or a share never answers: "How high is the debt?" may be
# answered in euros and "How far did shares fall?" in percent, "How long is the contract?"
# only in time ("five years", not "€72m").
ONLY_MEASURES = frozenset({"long", "tall"})
# Questions that ask an age: "How old is the suspect?", "At what age did she retire?".
AGE_QUESTIONS = ("how old", "what age", "what ages", "which age", "which ages")
# A question with one of these asks for a tally: "What was the vote?", "the final score".
TALLY_WORDS = frozenset("vote votes voted score scores scoreline tally margin".split())
# Before "five to four", one of these makes it a tally, not a range ("rose from 10 to 15").
TALLY_LEADS = frozenset({"voted", "vote of", "votes of"})
# A figure pair after one of these, or before one of those, is a range, not a tally: "aged
# 18-24", "children of 5 to 11"; "2-3 weeks", "15-20 percent".
BEFORE_RANGE = frozenset("aged age ages between from of children pages chapters".split())
RANGE_UNITS = frozenset(
    "% percent per cent seconds minutes hours days weeks months years decades km miles "
    "metres meters feet kg pounds dollars euros times".split()
)
# The last word of a name that makes it a place, whatever the tagger calls it: the small
# English model calls many an unfamiliar place a person ("aground off Gannet Point", "on
# Quarry Road", "Fenwick Falls", "Bass Strait", "Sepulveda Boulevard"). Read from the people
# it named in our conflict sets, SQuAD v1.1 and RAMDocs; words that are also surnames are
# the next list's.
PLACE_NAME_HEADS = frozenset(
    "Point Straits Peninsula Island Islands Isle River Creek Mountain Mountains Valley Canyon "
    "Gulf Reef Glacier Cove Estuary Lagoon Fjord Sound Falls Dam Reservoir Heights Avenue "
    "Road Boulevard Parkway Square Roundabout Tunnel Viaduct Airport Stadium Wharf Quay Pier "
    "Terrace Crescent Junction".split()
)
# Last words of places that are also surnames ("Damon Hill", "Ricki Lake", "Wayne Bridge",
# "David Harbour", "George Strait", "Carla Hills") or names of bodies ("The Weather
# Channel"): a place only after "the" or a preposition of place,
# and not as a possessive or before the noun it modifies ("the Brightwater Convention Hall
# drew", "off Gannet Head"; not "in Michael Bay's film", "the Stuart Hall case").
PLACE_NAME_HEADS_IF_PLACED = frozenset(
    "Hall Hill Hills Lane Field Green Bay Head Street Way Beach Woods Wood Rock Gate Common "
    "Park Lake Forest Bridge Tower Harbour Harbor Plaza Strait Arena Station Drive "
    "Channel".split()
)
# The prepositions that place those: "off Gannet Head", "in Mill Lane"; not "to", "with",
# "on", "at" or "beside", which take people as often ("went to Stuart Hall", "rested on
# Fiona Hill", "looked at Damon Hill", "lined up beside Tiger Woods"), and "in" not after a
# noun ("confidence in Bruce Arena").
PLACE_NAME_PREPOSITIONS = frozenset(
    "in off near along across below above beneath inside outside".split()
)
# Nouns right after a name that make it the name of a place: "diverted to Castellan
# airport", "the Holmport harbour", "the Kanlaon volcano".
PLACE_NOUNS_AFTER_A_NAME = frozenset(
    "airport airfield harbour harbor port station river bridge reservoir dam quarry "
    "stadium island peninsula volcano glacier crater".split()
)
# First words that make a name a place: "Mount Carrow", "Mt. Hood", "Loch Carron".
PLACE_NAME_OPENERS = frozenset({"Mount", "Mt.", "Mt", "Loch", "Lough", "Cape"})
PLACE_NOUNS = frozenset(
    "city cities country countries town towns region regions province place places state "
    "states county village capital continent island islands venue location river "
    "district neighbourhood neighborhood street area site "
    # facilities news places things in: "at which data centre", "to which hospital"
    "centre centres center centers facility facilities factory factories airport airports "
    "harbour harbor hospital hospitals stadium stadiums prison prisons headquarters "
    "campus".split()
)
# A name before one of these only says which place or event it is ("the Eastside branch
# library", "a European Council meeting", "the Northgate training ground"), unlike a name
# before what it owns or does ("the Cavaliers squad", "a Gates Foundation grant").
SETTING_NOUNS = PLACE_NOUNS | frozenset(
    "library libraries ground grounds building buildings office offices plant plants site "
    "meeting meetings summit summits conference conferences session sessions hearing "
    "hearings talks ceremony ceremonies rally rallies forum".split()
)
# Time zones as times are given in them ("shortly before 9 a.m. UTC"), which the tagger
# calls organisations; never the answer to "Which airline...?".
TIME_ZONES = frozenset(
    "UTC GMT BST CET CEST EET EEST WET EST EDT CST CDT MST MDT PST PDT AKST HST IST JST KST "
    "AEST AEDT AWST NZST NZDT".split()
)
# Units of time of a year or longer, as counted back ("3,000 years ago"), in years.
YEARS_IN_UNIT = {
    "years": 1,
    "year": 1,
    "decades": 10,
    "decade": 10,
    "centuries": 100,
    "century": 100,
    "millennia": 1000,
    "millennium": 1000,
}
# The eras before the common one, as a year is written in them ("1100 BC", "300 BCE"): no
# date this project compares (its days count from the year 1), and no organisation.
ERAS_BEFORE_COMMON = frozenset({"bc", "bce", "b.c.", "b.c.e."})
ORGANISATION_NOUNS = frozenset(
    "company companies team teams club clubs organisation organization party parties "
    "group agency firm bank university school newspaper network band label studio "
    "union ministry department court council foundation trust charity institute airline "
    "carrier publisher broadcaster manufacturer regulator insurer retailer "
    # bodies news names by what they run or do: "Which museum acquired the painting?",
    # "Which authority issued the warning?", "Which operator runs the ferry?"
    "museum museums gallery galleries authority authorities commission board operator "
    "contractor supplier developer association federation".split()
)
# The families of political parties, by the words their names and members go by: "a
# Republican senator", "the GOP", "Democrats", "the Labour Party", "Tory MPs". A party is
# compared by its families ("the Liberal Democrats": liberal and democratic).
PARTY_FAMILIES = {
    word: family
    for family, words in {
        "republican": "republican republicans gop",
        "democratic": "democrat democrats democratic",
        "labour": "labour labor",
        "conservative": "conservative conservatives tory tories",
        "liberal": "liberal liberals",
        "green": "green greens",
        "socialist": "socialist socialists",
        "communist": "communist communists",
        "libertarian": "libertarian libertarians",
        "whig": "whig whigs",
        "federalist": "federalist federalists",
    }.items()
    for word in words.split()
}
# Words that make "Which party...?" a political one: "What political party...?", "Which party
# won the election?", "Which party is the senator a member of?"; not "Which party filed the
# appeal?" (a side in a lawsuit) nor "What party did she throw?".
POLITICAL_WORDS = frozenset(
    "political politics politician politicians belong belongs belonged member members "
    "membership affiliated affiliation election elections elected vote votes voted voter "
    "voters represent represents represented join joined joins govern governs governed "
    "governing ruling coalition parliament congress senate senator senators mp mps "
    "congressman congresswoman lawmaker lawmakers candidate candidates nominee president "
    "prime minister governor mayor leader seats majority".split()
)
TIME_NOUNS = frozenset("year years date dates day days month months time decade century".split())
NUMBER_NOUNS = frozenset(
    "number percentage proportion share amount size population price cost total figure "
    "rate score sum length height width depth distance weight elevation altitude "
    "profit revenue sales earnings income loss budget salary wage fee toll turnout "
    "attendance debt deficit valuation capacity temperature speed magnitude".split()
)
# Of those, the ones that ask for a figure right after "what" ("What altitude did they
# reach?"); not "weight", "loss" or "total", which a question so asks of other things
# ("What weight did the court give to the testimony?").
MEASURE_NOUNS = frozenset(
    "altitude elevation height depth length width distance speed temperature magnitude "
    "price cost fee salary wage budget population turnout attendance capacity valuation "
    "percentage share rate toll".split()
)
# Nouns a figure after which numbers one of a series, as a name does ("year 13", "day 3 of
# the trial", "Route 66", "article 5", "terminal 2"): no figure of what a question asks.
LABEL_NOUNS = frozenset(
    "year grade day week round stage phase game match episode season chapter article "
    "section clause page room gate terminal platform route highway flight line level "
    "number no".split()
)
# What a count grows by as an event unfolds, so that articles of different days may each
# have been right: "30 people had died" on Monday, "41" on Wednesday.
DEVELOPING_TOLLS = frozenset(
    "died dead death deaths killed injured injuries wounded missing evacuated displaced "
    "arrested detained rescued infected casualties victims homeless".split()
)
# A question with one of these asks a toll of some kind, so a toll may answer it ("How many
# casualties...?", "What was the death toll?", "How many were affected?").
TOLL_QUESTION_WORDS = DEVELOPING_TOLLS | frozenset("toll tolls affected".split())
# The tolls of one event that count different people: those who died are not those who were
# evacuated ("How many workers were evacuated?" is not answered by "seven workers died").
# Words of one class count the same people ("killed", "died", "death toll").
TOLL_CLASSES: dict[str, frozenset[str]] = {
    "dead": frozenset("die dies died dying dead death deaths kill kills killed fatalities".split()),
    "injured": frozenset("injure injured injuries injuring wounded hurt".split()),
    "missing": frozenset("missing".split()),
    "evacuated": frozenset("evacuate evacuated evacuating evacuation evacuees".split()),
    "displaced": frozenset("displaced homeless".split()),
    "arrested": frozenset("arrest arrested arrests detained detention".split()),
    "rescued": frozenset("rescue rescued rescuing".split()),
    "infected": frozenset("infect infected infections cases".split()),
}
# Words that give a figure as of a year, before it ("As of 2011", "census of 1901") or after
# it ("the 2016 census", "a 2024 estimate"): figures as of different years may all be right.
AS_OF_BEFORE = ("as of", "as at", "census of")
AS_OF_AFTER = ("census", "estimate", "estimates", "survey")
ROLE_NOUNS = frozenset("role title position job post office rank".split())
# Words between a question's "what" or "'s" and the title it asks for ("Okafor's current
# role", "what official title"), beside lang.FORMER.
ROLE_QUALIFIERS = frozenset("current present new official exact".split())
# Words that may follow the title a question asks for after "'s" ("Okafor's role at
# Tansy"): not a noun it qualifies ("office staff"), a verb or "on" ("position on").
ROLE_FOLLOWERS = frozenset("at in of with for before after during when now then".split())
# Verbs by which a question asks what title someone holds ("What office does Trump hold?",
# "What role did Okafor play?"), not what they won, finished in or visited. ("What job does
# Reinholt do?" is read apart: "do" is also the auxiliary of "What jobs do the stores
# offer?".)
HOLDING_VERBS = frozenset(
    "hold holds held holding serve serves served serving take takes took taken taking "
    "assume assumes assumed fill fills filled occupy occupies occupied play plays played "
    "have has had become becomes became appointed named elected given".split()
)

# --- Discourse ---------------------------------------------------------------------------

# A sentence whose subject is one of these, and its first word after it a verb, says nothing
# without the sentence before: "This added momentum to the reform.", "These include two
# vaccines.", "It was the first such vote." (the answer shows that sentence too).
POINTING_SUBJECTS = frozenset("this that these those it such".split())
# A sentence that opens with one of these speaks of something named before it, not after:
# "It cost about 95 million dollars." is not about the film the next sentence names.
BACK_REFERRING_OPENERS = POINTING_SUBJECTS | frozenset("he she they his her its their".split())
# Auxiliaries that follow such a subject ("This is their red line."); the tagger's verbs
# cover the rest ("This added...").
POINTING_AUXILIARIES = frozenset(
    "is was are were has had have will would can could may might must should".split()
)

# --- Names -------------------------------------------------------------------------------

# Capitalised at the start of a sentence or in a title, but not names.
NOT_NAMES = frozenset(
    "the a an he she it they we i this that these those there however meanwhile but and yet "
    "so in on at for as if while when after before since despite although overall previously "
    "earlier later speaking according some many most its his her their our latest no not "
    "of to by with from into what which who whom whose why how is are was were do does did "
    "can could will would should has have had may might nobody everyone everybody someone "
    "somebody anyone anybody none no-one noone nothing neither".split()
)
# "Ukrainian", "European", "Japanese": adjectives of origin, not names of an answer.
DEMONYM_ENDINGS = ("ian", "ean", "ese", "ish")
# Honorifics and titles that are not part of the name they precede.
HONORIFICS = frozenset("mr mrs ms miss dr prof sir dame lord lady rev st mx".split())
# Every word that may stand before a name as its title, written out or not.
TITLES = TITLE_WORDS | TITLE_ABBREVIATIONS | HONORIFICS
# The same country or body under other names (lower case, without dots).
NAME_ALIASES = (
    frozenset({"united states", "us", "usa", "america", "united states of america"}),
    frozenset({"united kingdom", "uk", "britain", "great britain"}),
    frozenset({"european union", "eu"}),
    frozenset({"united nations", "un"}),
    frozenset({"russia", "russian federation"}),
)


def both_ways(pairs: Iterable[tuple[str, str]]) -> dict[str, frozenset[str]]:
    """Each word of ``pairs`` with the words it is paired with, either way round."""
    found: dict[str, set[str]] = {}
    for a, b in pairs:
        found.setdefault(a, set()).add(b)
        found.setdefault(b, set()).add(a)
    return {k: frozenset(v) for k, v in found.items()}


def is_title(word: str) -> bool:
    """Whether a word is a title or an honorific before a name ("Judge", "Sen.", "Dr"),
    written with or without its dot, in any case."""
    return word.lower().rstrip(".") in TITLES


def is_negation(word: str) -> bool:
    """Whether a token negates its clause ("not", "n't", "never", "no"...), a contracted
    word written whole too ("wasn't", as a word pattern reads it; spaCy splits it)."""
    word = word.lower().replace("’", "'")
    return word in NEGATIONS or word.endswith("n't")


def between_negation_and_verb(word: str) -> bool:
    """Whether a word may stand between a negation and the verb or adjective it denies: an
    auxiliary, "to" or an "-ly" adverb ("has not been charged", "decided not to sign", "was
    not significantly troubled")."""
    lowered = word.lower()
    return lowered in AUXILIARIES or lowered == "to" or lowered.endswith("ly")


def alias_group(name: str) -> frozenset[str] | None:
    """The set of names ``name`` belongs to ("U.S." -> the United States' names), if any;
    its members are lower case without dots."""
    key = dotless(name)
    return next((group for group in NAME_ALIASES if key in group), None)


def dotless(name: str) -> str:
    """``name`` lower case, without dots, single-spaced: "U.S." -> "us"."""
    return " ".join(name.lower().replace(".", "").split())


def phrases_in(text: str, phrases: Iterable[str]) -> list[str]:
    """The ``phrases`` that occur in ``text`` as whole words (case-insensitive)."""
    padded = f" {' '.join(_NON_WORD.sub(' ', text.lower()).split())} "
    return [p for p in phrases if f" {' '.join(_NON_WORD.sub(' ', p).split())} " in padded]


_NON_WORD = re.compile(r"[^\w'’]+")
