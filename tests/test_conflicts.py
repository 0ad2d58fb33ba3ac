"""Conflict notes: the slot engine on made-up reports from several domains, then on the real
store of the bundled articles."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from rag import conflicts
from rag.annotate import annotate, values_of
from rag.api import Pipeline
from rag.assemble import assemble
from rag.compose import compose
from rag.config import Settings
from rag.embed import Embedder
from rag.questions import analyse
from rag.schema import Answer
from rag.score import NOT_READ, relevance
from rag.slots import Reading
from rag.spans import AnswerSpan, SpanReader
from rag.types import Passage
from rag.values import Value

MakePassages = Callable[..., list[Passage]]
SETTINGS = Settings.from_env({})
SPANS = SpanReader()
EMBEDDER = Embedder()


def ask(question: str, passages: list[Passage]) -> tuple[Answer, list[conflicts.Finding]]:
    """The answer and findings the pipeline would give for these ranked passages."""
    composition = compose(analyse(question), passages, SETTINGS)
    findings = conflicts.detect(composition, SETTINGS, SPANS)
    texts = {p.doc.doc_id: p.sentence.text for p in passages}
    return assemble(composition, findings, texts.__getitem__, SETTINGS), findings


@pytest.mark.parametrize(
    ("question", "sentences", "slot"),
    [
        (
            "When was the maritime museum founded?",
            [
                ("courier", "The maritime museum was founded in 1856 by a group of ship owners."),
                ("gazette", "The maritime museum, founded in 1900, reopens on Friday."),
            ],
            "date",
        ),
        (
            "How many patients took part in the trial?",
            [
                ("wire", "The trial enrolled 1,250 patients across nine countries."),
                ("journal", "A total of 1,520 patients took part in the trial."),
            ],
            "number",
        ),
        (
            "Who scored the winning goal in the final?",
            [
                ("sportsline", "Mateo Ferraz scored the winning goal in the 87th minute."),
                ("courier", "Jonah Ekwueme scored the winning goal with a late header."),
            ],
            "person",
        ),
        (  # an age as news writes it, two ways
            "How old is the man arrested over the warehouse fire?",
            [
                ("courier", "A 45-year-old man was arrested over the warehouse fire."),
                ("gazette", "Police arrested a man, 52, over the warehouse fire on Friday."),
            ],
            "number",
        ),
        (  # a count written right after a weekday
            "How many people died in the floods?",
            [
                ("wire", "By Monday 30 people had died in the floods, officials said."),
                ("daily", "The floods have killed 41 people across the region."),
            ],
            "number",
        ),
        (
            "Did the council approve the budget?",
            [
                ("herald", "The council approved the budget on Tuesday by six votes to three."),
                ("post", "The council rejected the budget on Tuesday, five votes to four."),
            ],
            "stance",
        ),
        (  # an object that is none denies the verb
            "Did police find evidence of a break-in at the Dunmore warehouse?",
            [
                ("herald", "Police found evidence of a break-in at the Dunmore warehouse."),
                ("post", "Police found no evidence of a break-in at the Dunmore warehouse."),
            ],
            "stance",
        ),
        (  # values as news writes them: a temperature, a tally, a share, a delay
            "How hot did it get in Seville on Tuesday?",
            [
                ("times", "Temperatures hit 45C in Seville on Tuesday."),
                ("wire", "The mercury reached 47C in Seville on Tuesday."),
            ],
            "number",
        ),
        (
            "How many seats did Labour win?",
            [
                ("herald", "Labour won 411 seats in the election."),
                ("post", "Labour won 412 seats, the final count showed."),
            ],
            "number",
        ),
        (
            "What share of voters are undecided?",
            [
                ("pollster", "A third of voters remain undecided, the poll found."),
                ("daily", "The poll found 40% of voters were still undecided."),
            ],
            "number",
        ),
        (
            "How long was the flight delayed?",
            [
                ("wire", "The flight was delayed by two and a half hours."),
                ("courier", "The flight was delayed by three hours."),
            ],
            "number",
        ),
    ],
)
def test_sources_stating_different_values_for_the_asked_slot_contradict(
    make_passages: MakePassages, question: str, sentences: list[tuple[str, str]], slot: str
) -> None:
    answer, findings = ask(question, make_passages(sentences))
    assert [(f.slot, f.kind) for f in findings] == [(slot, "contradiction")]
    note = answer.conflicts[0]
    assert {answer.citation(c.citation).source.doc_id for c in note.claims} == {
        doc for doc, _ in sentences
    }
    assert len({c.value for c in note.claims}) == 2
    # Each side is in the answer itself, not only in the note.
    assert {s.text for s in answer.sentences} == {text for _, text in sentences}


@pytest.mark.parametrize(
    ("question", "sentences"),
    [
        (
            "When did the takeover close?",
            [
                ("wire", "The takeover closed in March 2024, the companies said."),
                ("daily", "The takeover closed on 12 March 2024 after regulators approved it."),
            ],
        ),
        (
            "How many people attended the concert?",
            [
                ("herald", "About 1,200 people attended the concert in the park."),
                ("post", "The concert in the park drew 1,180 people, organisers said."),
            ],
        ),
        (  # a figure within a range
            "How many people were injured in the blast?",
            [
                ("herald", "Between 20 and 30 people were injured in the blast."),
                ("post", "The blast injured 25 people, the fire service said."),
            ],
        ),
        (
            "Who chairs the inquiry?",
            [
                ("times", "The inquiry is chaired by Dr. Ana Ruiz, a former judge."),
                ("courier", "Ruiz, who chairs the inquiry, will report in the spring."),
            ],
        ),
        (  # one heat in two scales
            "How hot did it get in Seville on Tuesday?",
            [
                ("times", "Temperatures hit 45C in Seville on Tuesday."),
                ("wire", "The mercury reached 113F in Seville on Tuesday."),
            ],
        ),
        (  # one price, rounded
            "How much did Microsoft pay for Activision?",
            [
                ("wire", "Microsoft completed its $68.7bn purchase of Activision."),
                ("daily", "Microsoft paid $69bn for Activision."),
            ],
        ),
    ],
)
def test_compatible_values_corroborate_and_make_no_note(
    make_passages: MakePassages, question: str, sentences: list[tuple[str, str]]
) -> None:
    answer, findings = ask(question, make_passages(sentences))
    assert findings == [] and answer.conflicts == ()


def test_a_date_counted_from_the_article_contradicts_another_month(
    make_passages: MakePassages,
) -> None:
    # a plant closure (business) reported on 17 July: "last month" is June, not May
    sentences = [
        ("union", "The factory closed last month, the union said."),
        ("council", "The factory closed in May, the council said."),
    ]
    answer, findings = ask("When did the factory close?", make_passages(sentences, "2024-07-17"))
    assert [(f.slot, f.kind) for f in findings] == [("date", "contradiction")]
    assert {c.value for c in answer.conflicts[0].claims} == {"2024-06", "--05"}


def test_a_citation_never_backs_a_sentence_whose_asked_value_it_contradicts(
    make_passages: MakePassages,
) -> None:
    # Nearly the same sentence, another year: similar wording is not agreement.
    passages = make_passages(
        [
            ("parish-a", "The parish church of St. Mary was founded in 1900 by local farmers."),
            ("parish-b", "The parish church of St. Mary was founded in 1856 by local farmers."),
        ]
    )
    answer, _ = ask("When was the parish church founded?", passages)
    for sentence in answer.sentences:
        quotes = {answer.citation(n).quote for n in sentence.citations}
        assert len(quotes) == 1, sentence


def test_a_near_copy_with_one_span_changed_contradicts_without_a_typed_slot(
    make_passages: MakePassages,
) -> None:
    passages = make_passages(
        [
            ("banksia-a", "Banksia lemanniana is commonly known as the yellow lantern banksia."),
            ("banksia-b", "Banksia lemanniana is commonly known as the red lantern banksia."),
        ]
    )
    answer, findings = ask("What is the common name of Banksia lemanniana?", passages)
    assert [f.kind for f in findings] == ["contradiction"]
    assert {c.says for c in answer.conflicts[0].claims} == {"yellow", "red"}


@pytest.mark.parametrize(
    ("question", "one", "other"),
    [
        (  # a vote asked, the sources differ only on the day of the ruling
            "How did the judges vote on the Brenton ride-sharing ban?",
            "The High Court ruled on June 12 that Brenton's ban on ride-sharing is unlawful, "
            "with the judges voting 3-2.",
            "The High Court ruled on June 13 that Brenton's ban on ride-sharing is unlawful, "
            "with the judges voting 3-2.",
        ),
        (  # a yes or no asked, the sources differ only on the year of the plan
            "Will the council close the Eastside library?",
            "The council said it will close the Eastside library under its 2025 plan.",
            "The council said it will close the Eastside library under its 2026 plan.",
        ),
    ],
)
def test_a_near_copy_differing_on_a_date_the_question_does_not_ask_makes_no_note(
    make_passages: MakePassages, question: str, one: str, other: str
) -> None:
    answer, findings = ask(question, make_passages([("one", one), ("other", other)]))
    assert findings == [] and answer.conflicts == ()


def test_different_subjects_sharing_a_name_make_an_ambiguity_note(
    make_passages: MakePassages,
) -> None:
    passages = make_passages(
        [
            ("film-1912", "The Charge of the Light Brigade is a 1912 American film directed by "
             "J. Searle Dawley."),
            ("film-1936", "The Charge of the Light Brigade is a 1936 American film directed by "
             "Michael Curtiz."),
        ]
    )  # fmt: skip
    answer, findings = ask("Who directed The Charge of the Light Brigade?", passages)
    assert [f.kind for f in findings] == ["ambiguity"]
    assert not any(conflicts.is_disagreement(n.kind) for n in answer.conflicts)
    assert "Dawley" in answer.answer and "Curtiz" in answer.answer


# Names of four made-up stories' articles (a chess open, a wildfire, a research grant, a
# ship aground), as Store.names gives them.
_CHESS = {"nico ferrante", "brightwater open", "brightwater chess club", "ada winslow",
          "irakli dorn", "grand circuit", "marta oyelaran"}  # fmt: skip
_FIRE = {"nico ferrante", "corrin ridge fire", "pell hollow", "ridgeline county",
         "marta cole", "state forestry service", "route 9"}  # fmt: skip
_RESEARCH_SHIP = {"greyling", "velmont university", "orrery foundation", "harrowgate",
                  "halina oduya", "brecken liu", "marine science centre"}  # fmt: skip
_BULK_CARRIER = {"greyling", "brannock shipping", "saltmere", "gannet point",
                 "sorrel channel", "saltmere harbour authority", "atlas press"}  # fmt: skip


def test_two_outlets_telling_one_event_at_the_start_are_one_story(
    make_passages: MakePassages,
) -> None:
    """A wire story and a local paper on one fire may quote no one in common; their first
    sentences still tell the same event, so their figures contradict each other."""
    local, wire = make_passages(
        [
            ("local", "The Corrin Ridge fire destroyed 212 homes, the county said."),
            ("wire", "The Corrin Ridge fire destroyed 180 homes, officials said."),
        ]
    )
    leads = (
        "The Corrin Ridge fire destroyed hundreds of homes and forced thousands to evacuate.",
        "A wind-driven fire destroyed homes and forced thousands to evacuate on Sunday.",
    )
    passages = [
        dataclasses.replace(p, story_names=frozenset(names), lead=lead)
        for p, names, lead in zip((local, wire), (_FIRE, _BULK_CARRIER), leads, strict=True)
    ]
    _, findings = ask("How many homes did the Corrin Ridge fire destroy?", passages)
    assert [f.kind for f in findings] == ["contradiction"]


@pytest.mark.parametrize(
    ("question", "stories", "kinds"),
    [
        (  # a chess player and a fire chief of one name, in stories that share no other name
            "How old is Nico Ferrante?",
            [("chess", "Nico Ferrante, 19, won the Brightwater Open on Sunday.", _CHESS),
             ("fire", "Battalion chief Nico Ferrante, 46, said crews held the line.", _FIRE)],
            ["ambiguity"],
        ),
        (  # a research ship and a bulk carrier of one name
            "When was the Greyling built?",
            [("grant", "The research vessel Greyling was built in 1987.", _RESEARCH_SHIP),
             ("grounding", "The Greyling, a bulk carrier, was built in 2009.", _BULK_CARRIER)],
            ["ambiguity"],
        ),
        (  # one story, told by two outlets that share a place: they contradict each other
            "How old is Nico Ferrante?",
            [("chess", "Nico Ferrante, 19, won the Brightwater Open on Sunday.", _CHESS),
             ("wire", "Nico Ferrante, 21, took the title.", _FIRE | {"brightwater open"})],
            ["contradiction"],
        ),
        (  # short snippets naming too few others to tell: taken as one subject
            "When was the Greyling built?",
            [("grant", "The Greyling was built in 1987.", {"greyling", "velmont university"}),
             ("grounding", "The Greyling was built in 2009.", {"greyling", "saltmere"})],
            ["contradiction"],
        ),
    ],
)  # fmt: skip
def test_articles_that_share_no_other_name_tell_of_two_things_of_one_name(
    make_passages: MakePassages,
    question: str,
    stories: list[tuple[str, str, set[str]]],
    kinds: list[str],
) -> None:
    passages = [
        dataclasses.replace(p, story_names=frozenset(names))
        for p, (_, _, names) in zip(
            make_passages([(doc_id, text) for doc_id, text, _ in stories]), stories, strict=True
        )
    ]
    _, findings = ask(question, passages)
    assert [f.kind for f in findings] == kinds


# Whole made-up stories (tests/data/stories/), for their gists: two towns called Bramford (a
# flood, a census), two people called Dana Whitlock (a swimmer, a judge), and one fire told
# by two outlets.
STORIES = Path(__file__).parent / "data" / "stories"


def _body(name: str) -> str:
    """A story's sentences, one a line, without its title, publisher and date."""
    lines = (STORIES / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines[4:] if line)


def _lines(text: str, n: int) -> str:
    return "\n".join(text.splitlines()[:n])


def _story(text: str) -> tuple[np.ndarray, int]:
    """A made-up story's gist, as rag.store.Store.gists makes it, and its sentence count."""
    sentences = text.splitlines()
    mean = EMBEDDER.encode(sentences).mean(axis=0)
    return mean / np.linalg.norm(mean), len(sentences)


@pytest.mark.parametrize(
    ("question", "stories", "kinds"),
    [
        (  # two towns of one name, whose stories each name the county (so no names test)
            "How many people live in Bramford?",
            [("flood", _body("bramford-flood"), 1), ("census", _body("bramford-census"), 1)],
            ["ambiguity"],
        ),
        (  # a swimmer and a judge of one name
            "How old is Dana Whitlock?",
            [("swimming", _body("whitlock-swimmer"), 1), ("court", _body("whitlock-judge"), 1)],
            ["ambiguity"],
        ),
        (  # one fire, told by two outlets in other words: their counts contradict each other
            "How many homes did the Corrin Ridge fire destroy?",
            [("local", _body("corrin-ridge-local"), 0), ("wire", _body("corrin-ridge-wire"), 0)],
            ["contradiction"],
        ),
        (  # the two towns' stories cut to snippets of three sentences: too short to judge
            "How many people live in Bramford?",
            [
                ("flood", _lines(_body("bramford-flood"), 3), 1),
                ("census", _lines(_body("bramford-census"), 3), 1),
            ],
            ["contradiction"],
        ),
    ],
)
def test_stories_whose_gists_are_far_apart_are_about_two_things_of_one_name(
    make_passages: MakePassages,
    question: str,
    stories: list[tuple[str, str, int]],
    kinds: list[str],
) -> None:
    """Articles whose names the names test cannot tell apart (each names the county, or
    too few others) are told apart by what the whole story is about, if long enough."""
    said = make_passages([(doc_id, text.splitlines()[line]) for doc_id, text, line in stories])
    read = {doc_id: _story(text) for doc_id, text, _ in stories}
    passages = [
        dataclasses.replace(
            p,
            story_sentences=read[p.doc.doc_id][1],
            story_names=frozenset({"bramford", "county"}),
        )
        for p in said
    ]
    composition = compose(analyse(question), passages, SETTINGS)

    def gists(doc_ids: Sequence[str]) -> dict[str, np.ndarray]:
        return {d: read[d][0] for d in doc_ids}

    findings = conflicts.detect(composition, SETTINGS, SPANS, gists=gists)
    assert [f.kind for f in findings] == kinds
    # without the gists, only the names tell subjects apart
    assert [f.kind for f in conflicts.detect(composition, SETTINGS, SPANS)] == ["contradiction"]


@pytest.mark.parametrize(
    ("question", "sentences", "kinds"),
    [
        (  # two footballers, each page naming its man in full
            "When was Arteaga born?",
            [
                ("wiki-mario", "Mario Alberto Arteaga Herrera was born on 29 November 1970 in "
                 "Guadalajara."),
                ("wiki-gerardo", "Gerardo Daniel Arteaga Zamora was born on 7 September 1998 in "
                 "Zapopan."),
            ],
            ["ambiguity"],
        ),
        (  # two albums, told apart by the year in brackets, which spelling does not blur
            "When was the album Killswitch Engage released?",
            [
                ("wiki-2000", "Killswitch Engage (2000 album) was released on July 4, 2000."),
                ("wiki-2009", "Killswitch Engage (2009 album) was released on June 30, 2009."),
            ],
            ["ambiguity"],
        ),
        (  # sentences naming the same other years are about one subject
            "When was the Jones House built?",
            [
                ("register", "The house was built in 1912 for the Jones family, who lived there "
                 "until 1959 and 1976."),
                ("copy", "The house was built in 1895 for the Jones family, who lived there "
                 "until 1959 and 1976."),
            ],
            ["contradiction"],
        ),
        (  # a side that only adds a value ("United States") is no side against the first
            "In which state is Van Horn High School located?",
            [
                ("school-site", "Van Horn High School (Missouri) is a high school in "
                 "Independence, Missouri, United States."),
                ("reviews", "Van Horn High School is a school in Missouri."),
                ("texas-site", "Van Horn High School (Texas) is a public high school in Van Horn, "
                 "Texas."),
            ],
            ["ambiguity"],
        ),
        (  # two films called the same, each called another kind of film
            "Who directed The Glass Orchard?",
            [
                ("box-office", "The Glass Orchard, a psychological thriller directed by Marcus "
                 "Dell, opened at the top of the box office."),
                ("festival", "The Glass Orchard, a documentary by director Lena Varga, won the "
                 "top prize on Sunday."),
            ],
            ["ambiguity"],
        ),
        (  # a tower and a ship called the same
            "Who owns the Meridian?",
            [
                ("property", "The Meridian, a 40-storey tower on King Street, is owned by "
                 "Halden Properties."),
                ("shipping", "The Meridian is a cargo ship launched in 2019 and owned by Baltic "
                 "Lines."),
            ],
            ["ambiguity"],
        ),
        (  # both call it a tower: one subject, two owners
            "Who owns the Meridian?",
            [
                ("property", "The Meridian, a 40-storey tower on King Street, is owned by "
                 "Halden Properties."),
                ("business", "The Meridian, an office tower on King Street, is owned by Corvin "
                 "Group."),
            ],
            ["contradiction"],
        ),
        (  # two holders of one title, each named before it
            "When was the Cardinal of Guise born?",
            [
                ("bio-ii", "Louis II, Cardinal of Guise (6 July 1555 – 24 December 1588) was a "
                 "French cardinal."),
                ("bio-i", "Louis I, Cardinal of Guise (21 October 1527 – 29 March 1578) was a "
                 "French cardinal."),
            ],
            ["ambiguity"],
        ),
        (  # the same in a county's news
            "When did the Duke of Westbury die?",
            [
                ("gazette", "Henry Ames, Duke of Westbury, died at his home in 1901."),
                ("courier", "Charles Ames, the Duke of Westbury, died at his home in 1950."),
            ],
            ["ambiguity"],
        ),
        (  # a page copied with its place and the place in its brackets changed: one
            # bridge, edited, not two bridges
            "Where is the Harlow Covered Bridge located?",
            [
                ("wiki", "Harlow Covered Bridge (Dunmore, Vermont) Harlow Covered Bridge is a "
                 "Burr truss wooden bridge located in Dunmore, Vermont near the village of "
                 "Ashby."),
                ("copy", "Harlow Covered Bridge (Keene, New Hampshire) Harlow Covered Bridge is "
                 "a Burr truss wooden bridge located in Keene, New Hampshire near the village "
                 "of Ashby."),
            ],
            ["contradiction"],
        ),
        (  # the same with an album's singer
            'Who is the artist of the album "Night Harbor"?',
            [
                ("wiki", "Night Harbor (Dana Reyes album) Night Harbor is the second album by "
                 "R&B singer Dana Reyes, released on May 4, 2004 through Coastline Records."),
                ("copy", "Night Harbor (Mira Tolan album) Night Harbor is the second album by "
                 "R&B singer Mira Tolan, released on May 4, 2004 through Coastline Records."),
            ],
            ["contradiction"],
        ),
        (  # two singers' albums of one name, told in words of their own
            'Who is the artist of the album "Night Harbor"?',
            [
                ("wiki", "Night Harbor (Dana Reyes album) Night Harbor is the second album by "
                 "R&B singer Dana Reyes, released on May 4, 2004 through Coastline Records."),
                ("wiki-2", "Night Harbor (Mira Tolan album) Night Harbor is a live album by the "
                 "folk singer Mira Tolan, recorded in Galway in 1998."),
            ],
            ["ambiguity"],
        ),
        (  # two people of one company are not two companies
            "When will Tesla begin Cybertruck production?",
            [
                ("wire", "Elon Musk, Tesla's chief executive, said production would begin in "
                 "2021."),
                ("daily", "Zachary Kirkhorn, Tesla's finance chief, said production would begin "
                 "in 2023."),
            ],
            ["contradiction"],
        ),
        (  # a thriller may be a film: one film, two directors
            "Who directed The Glass Orchard?",
            [
                ("box-office", "The Glass Orchard, a psychological thriller directed by Marcus "
                 "Dell, opened at the top of the box office."),
                ("review", "The Glass Orchard, a film directed by Lena Varga, opened on "
                 "Friday."),
            ],
            ["contradiction"],
        ),
        (  # a carmaker and an automaker are one kind of company
            "How many workers did Ford lay off?",
            [
                ("wire", "Ford, the carmaker, laid off 3,000 workers on Monday."),
                ("daily", "Ford, the automaker, laid off 3,800 workers on Monday."),
            ],
            ["contradiction"],
        ),
        (  # one person called a figure here, a supporter there: still one person
            "What political party was William Fields affiliated with?",
            [
                ("history", "William Fields, a prominent figure in early American politics, "
                 "was affiliated with the Whig party."),
                ("blog", "William Fields, a staunch supporter of Jackson, remained aligned "
                 "with the Democratic party."),
            ],
            ["contradiction"],
        ),
        (  # a sport: one man called a chess player here, a linebacker there
            "What sport is Ronald Powell associated with?",
            [
                ("blog", "Ronald Powell, a renowned chess player, has been making waves in "
                 "the world of competitive chess."),
                ("wiki", "Ronald Powell (born 1991) is an American football linebacker for "
                 "the New Orleans Saints."),
            ],
            ["contradiction"],
        ),
        (  # two tournaments of one name, each page saying which
            "What sport is the Hong Kong Open associated with?",
            [
                ("wiki-golf", "Hong Kong Open (golf) The Hong Kong Open is a golf tournament "
                 "co-sanctioned by the Asian Tour."),
                ("wiki-tennis", "Hong Kong Open (tennis) The Hong Kong Open is a WTA tennis "
                 "tournament held in Victoria Park."),
            ],
            ["ambiguity"],
        ),
        (  # a medium: a novel and the film of it, the same title, each page saying which
            'What is the medium of "Monkey Grip"?',
            [
                ("wiki-film", "Monkey Grip (film) Monkey Grip is a 1982 Australian drama film "
                 "directed by Ken Cameron."),
                ("wiki-novel", "Monkey Grip (novel) Monkey Grip is a 1977 novel by Australian "
                 "writer Helen Garner."),
            ],
            ["ambiguity"],
        ),
        (  # a sport another man of the surname plays, in a sentence that does not name him
            "What sport is Wayne Jones associated with?",
            [
                ("wiki", "Wayne Jones (born 1959) is a former Welsh professional snooker "
                 "player."),
                ("club", "After his playing career ended, Jones trained as a coach and worked "
                 "within football for decades."),
            ],
            [],
        ),
        (  # a density is not read as a population
            "What is the population of Manvel?",
            [
                ("census-a", "The population density was 1,485.7 inhabitants per square mile."),
                ("census-b", "The population density was 624.6 inhabitants per square mile."),
            ],
            [],
        ),
    ],
)  # fmt: skip
def test_subjects_and_values_make_the_notes_they_should(
    make_passages: MakePassages,
    question: str,
    sentences: list[tuple[str, str]],
    kinds: list[str],
) -> None:
    _, findings = ask(question, make_passages(sentences))
    assert [f.kind for f in findings] == kinds


def _led(make_passages: MakePassages, stories: list[tuple[str, str, str]]) -> list[Passage]:
    """The second sentence of each ``(source, lead, sentence)``, with the first as its
    article's lead, as retrieval hands them on."""
    built = make_passages([(source, text) for source, *texts in stories for text in texts])
    return [
        dataclasses.replace(said, lead=lead.sentence.text, lead_annotation=lead.annotation)
        for lead, said in zip(built[::2], built[1::2], strict=True)
    ]


@pytest.mark.parametrize(
    ("question", "stories", "kinds"),
    [
        (  # towns: pages written from one template, told apart where each begins
            "What is the population of Wadi?",
            [
                ("karnataka", "Wadi, Karnataka Wadi is a census town in Gulbarga district.",
                 "India census, Wadi had a population of 120,000."),
                ("maharashtra", "Wadi, Maharashtra Wadi is a census town in Nagpur district.",
                 "India census, Wadi had a population of 40,147."),
            ],
            ["ambiguity"],
        ),
        (  # local news: where each story begins names the state
            "How much did the council raise the property tax in Springfield?",
            [
                ("tribune", "Springfield, Illinois, is the state capital.",
                 "The Springfield council raised the property tax by 3 percent."),
                ("herald", "Springfield, Massachusetts, lies on the Connecticut River.",
                 "The Springfield council raised the property tax by 5 percent."),
            ],
            ["ambiguity"],
        ),
        (  # two people of one surname, each named in full where the story begins
            "When did Lopez join the hospital?",
            [
                ("courier", "Maria Lopez, a nurse from Tucson, won the state lottery on Friday.",
                 "Lopez joined the hospital in 1998."),
                ("ledger", "Carlos Lopez was named chief of surgery at St. Mary's on Monday.",
                 "Lopez joined the hospital in 2011."),
            ],
            ["ambiguity"],
        ),
        (  # an edited copy of the same page, its value changed, still contradicts
            "What is the population of Wadi?",
            [
                ("page", "Wadi, Karnataka Wadi is a census town in Gulbarga district.",
                 "India census, Wadi had a population of 120,000."),
                ("copy", "Wadi, Karnataka Wadi is a census town in Gulbarga district.",
                 "India census, Wadi had a population of 95,000."),
            ],
            ["contradiction"],
        ),
        (  # stories that begin alike say nothing apart
            "When did Lopez join the hospital?",
            [
                ("courier", "Maria Lopez, a nurse from Tucson, won the state lottery on Friday.",
                 "Lopez joined the hospital in 1998."),
                ("ledger", "Maria Lopez, a Tucson nurse, has won the state lottery.",
                 "Lopez joined the hospital in 2011."),
            ],
            ["contradiction"],
        ),
    ],
)  # fmt: skip
def test_an_article_s_lead_tells_apart_subjects_its_sentences_name_alike(
    make_passages: MakePassages,
    question: str,
    stories: list[tuple[str, str, str]],
    kinds: list[str],
) -> None:
    _, findings = ask(question, _led(make_passages, stories))
    assert [f.kind for f in findings] == kinds


def test_sides_told_apart_from_the_first_may_contradict_each_other(
    make_passages: MakePassages,
) -> None:
    """Two cricketers called Morea: the one the first side is not about has two debuts."""
    vani, ipi, copy, vani_lead, ipi_lead = make_passages(
        [
            ("vani", "Morea made his debut for Papua New Guinea in 2009, aged 26."),
            ("ipi", "Morea first played for Papua New Guinea in the 1996 ACC Trophy."),
            ("ipi-copy", "Morea first played for Papua New Guinea in the 2000 ACC Trophy."),
            ("vani", "Vani Morea (born 1983) is a former Papua New Guinean cricketer."),
            ("ipi", "Ipi Morea (born 1975) is a Papua New Guinean cricketer."),
        ]
    )
    led = [
        dataclasses.replace(p, lead=lead.sentence.text, lead_annotation=lead.annotation)
        for p, lead in ((vani, vani_lead), (ipi, ipi_lead), (copy, ipi_lead))
    ]
    _, findings = ask("When did Morea first play for Papua New Guinea?", led)
    assert sorted(f.kind for f in findings) == ["ambiguity", "contradiction"]
    (contradiction,) = [f for f in findings if f.kind == "contradiction"]
    assert {p.doc.doc_id for side in contradiction.sides for p in side.passages} == {
        "ipi",
        "ipi-copy",
    }


def test_each_subject_s_sources_may_contradict_each_other(make_passages: MakePassages) -> None:
    """Two towns called Millbrook, and two figures given for each: two contradictions, and
    the towns side by side."""
    passages = _led(
        make_passages,
        [
            ("a", "Millbrook, Ohio, is a village in Lake County.",
             "Millbrook had a population of 2,310 at the 2020 census."),
            ("b", "Millbrook, Ohio, is a village in Lake County.",
             "Millbrook had a population of 2,950 at the 2020 census."),
            ("c", "Millbrook, Alabama, is a city in Elmore County.",
             "Millbrook had a population of 16,564 at the 2020 census."),
            ("d", "Millbrook, Alabama, is a city in Elmore County.",
             "Millbrook had a population of 15,400 at the 2020 census."),
        ],
    )  # fmt: skip
    _, findings = ask("What is the population of Millbrook?", passages)
    assert sorted(f.kind for f in findings) == ["ambiguity", "contradiction", "contradiction"]
    contradicting = [
        {p.doc.doc_id for side in f.sides for p in side.passages}
        for f in findings
        if f.kind == "contradiction"
    ]
    assert sorted(map(sorted, contradicting)) == [["a", "b"], ["c", "d"]]


@pytest.mark.parametrize(
    ("question", "page", "copy"),
    [
        (  # music: the artist changed in the page's title and its text
            'Who is the artist of the album "Harbour Lights"?',
            "Harbour Lights (Dex Carter album) Harbour Lights is the street album by "
            "American rapper Dex Carter, hosted by DJ Marlo.",
            "Harbour Lights (Big Cass album) Harbour Lights is the street album by American "
            "rapper Big Cass, hosted by DJ Marlo.",
        ),
        (  # film: the director changed in both places
            'Who directed the film "Cold Orchard"?',
            "Cold Orchard (Lena Voss film) Cold Orchard is a 2011 drama directed by Lena Voss "
            "and shot in Tbilisi.",
            "Cold Orchard (Mark Odell film) Cold Orchard is a 2011 drama directed by Mark Odell "
            "and shot in Tbilisi.",
        ),
    ],
)
def test_a_copy_edited_wherever_it_says_the_asked_value_contradicts(
    make_passages: MakePassages, question: str, page: str, copy: str
) -> None:
    """An edited copy changes the asked value wherever its page says it, the title's
    qualifier too, though the tagger may miss the name there: one page, not two subjects."""
    _, findings = ask(question, make_passages([("page", page), ("copy", copy)]))
    assert [f.kind for f in findings] == ["contradiction"]


@pytest.mark.parametrize(
    ("first", "second", "kinds"),
    [
        (  # two footballers of one name, who died in other years
            "Tom Ridley (4 March 1891 – 1965) was an English footballer who played for Hull.",
            "Tom Ridley (6 May 1892 – 1980) was an English footballer who played for Leeds.",
            ["ambiguity"],
        ),
        (  # one painter, his birth given differently and his death alike
            "Tom Ridley (4 March 1891 – 2 June 1965) was an English painter of seascapes.",
            "Tom Ridley (6 May 1892 – 2 June 1965) was an English painter known for seascapes.",
            ["contradiction"],
        ),
    ],
)
def test_a_life_span_s_other_end_tells_apart_two_people_of_one_name(
    make_passages: MakePassages, first: str, second: str, kinds: list[str]
) -> None:
    _, findings = ask("When was Tom Ridley born?", make_passages([("a", first), ("b", second)]))
    assert [f.kind for f in findings] == kinds


def test_statements_on_different_days_are_different_occasions(
    make_passages: MakePassages,
) -> None:
    passages = make_passages(
        [
            ("radio", "Mayor Harrow said on Monday that the library would close in June."),
            ("paper", "Mayor Harrow said on Thursday that the library would close in June."),
        ],
        published="2025-05-09",
    )
    _, findings = ask("When did Mayor Harrow say the library would close?", passages)
    assert [(f.slot, f.kind) for f in findings] == [("date", "occasion")]


@pytest.mark.parametrize(
    ("question", "sentences", "sides"),
    [
        (  # a delayed flight
            "At what time did the replacement flight depart for Varesa?",
            [
                ("wire", "The replacement flight departed for Varesa at 21:20."),
                (
                    "daily",
                    "The replacement flight did not depart for Varesa until shortly after 11 p.m.",
                ),
                ("insider", "The replacement flight departed for Varesa at 9:20 p.m. on Friday."),
            ],
            ["21:20", "shortly after 11 p.m."],
        ),
        (  # an earthquake
            "At what time did the earthquake strike Valdoro?",
            [
                ("desk", "The earthquake struck Valdoro at 9:14 p.m. on Sunday."),
                ("star", "The earthquake struck Valdoro at about 10:40 p.m. on Sunday."),
            ],
            ["9:14 p.m.", "about 10:40 p.m."],
        ),
    ],
)
def test_times_of_day_that_cannot_both_hold_contradict(
    make_passages: MakePassages, question: str, sentences: list[tuple[str, str]], sides: list[str]
) -> None:
    _, findings = ask(question, make_passages(sentences, published="2026-07-11"))
    assert [[s.reading.label for s in f.sides] for f in findings] == [sides]


@pytest.mark.parametrize(
    ("question", "sentences"),
    [
        (  # a bank's takeover and the savings it expects
            "What price is Kestridge paying for Pellow Savings?",
            [
                ("wire", "Kestridge is paying $4.2 billion for Pellow Savings."),
                (
                    "times",
                    "Kestridge said the takeover of Pellow will save around $180 million a year.",
                ),
            ],
        ),
        (  # a council's land deal and the rent it will charge
            "How much did the council pay for the riverside land?",
            [
                ("gazette", "The council paid £3 million for the riverside land."),
                (
                    "post",
                    "The council will lease the riverside land to the club for £40,000 a year.",
                ),
            ],
        ),
    ],
)
def test_a_sum_per_period_does_not_contradict_a_price(
    make_passages: MakePassages, question: str, sentences: list[tuple[str, str]]
) -> None:
    _, findings = ask(question, make_passages(sentences))
    assert findings == []


@pytest.mark.parametrize(
    ("question", "sentences", "sides"),
    [
        (  # a mountain rescue
            "Who led the rescue team?",
            [
                (
                    "a",
                    "Two climbers stranded on the ridge are safe after the rescue, "
                    "Varden Mountain Rescue said.",
                ),
                ("b", "Maxim Teodor led the rescue team that reached the climbers."),
                ("a", "The rescue team was led by Signe Halloran."),
            ],
            ["Maxim Teodor", "Signe Halloran"],
        ),
        (  # a leak at a water plant
            "Who found the leak at the plant?",
            [
                ("a", "Emergency crews worked through the night at the plant, Ashdown Water said."),
                ("b", "The leak was found by engineer Priya Nair."),
                ("a", "Technician Owen Hale found the leak during a routine check."),
            ],
            ["Priya Nair", "Technician Owen Hale"],
        ),
    ],
)
def test_a_source_s_side_is_a_reading_the_span_reader_is_sure_of_before_a_likelier_one(
    make_passages: MakePassages, question: str, sentences: list[tuple[str, str]], sides: list[str]
) -> None:
    # the speaker the person reader reads in the more relevant sentence is no answer the span
    # reader is sure of; the source's other sentence answers
    _, findings = ask(question, make_passages(sentences))
    assert [[s.reading.label for s in f.sides] for f in findings] == [sides]


@pytest.mark.parametrize(
    ("question", "sentences"),
    [
        (  # a utility's apology: a statement, then a public meeting
            "In what setting did the water company's chief executive apologise for the outage?",
            [
                (
                    "radio",
                    "The chief executive apologised for the outage in a statement on Wednesday.",
                ),
                (
                    "paper",
                    "The chief executive apologised for the outage at a meeting on Thursday.",
                ),
            ],
        ),
        (  # a school's merger: a letter, then a meeting
            "How did the head teacher tell parents about the merger?",
            [
                (
                    "letter",
                    "The head teacher told parents about the merger in a letter on Thursday.",
                ),
                (
                    "gazette",
                    "The head teacher told parents about the merger at a meeting on Tuesday.",
                ),
            ],
        ),
    ],
)
def test_an_occasion_question_is_read_by_the_days_of_the_occasions(
    make_passages: MakePassages, question: str, sentences: list[tuple[str, str]]
) -> None:
    passages = make_passages(sentences, published="2025-05-09")
    _, findings = ask(question, passages)
    assert [(f.slot, f.kind) for f in findings] == [("date", "occasion")]


@pytest.mark.parametrize(
    ("question", "sentences", "kind"),
    [
        (  # sport: one source gives the day, the other the setting only
            "On what occasion did the race director describe the weather as the best in years?",
            [
                ("herald", "At the finish-line press conference, the race director described "
                 "the weather as the best in years."),
                ("stride", "Speaking to Stride in an interview on Monday, the race director "
                 "described the weather as the best in years."),
            ],
            "occasion",
        ),
        (  # a hospital's opening: a ceremony against a radio interview
            "On what occasion did Dame Hilary say the town had waited twenty years?",
            [
                ("gazette", "Dame Hilary said the town had waited twenty years when she spoke "
                 "at the opening ceremony."),
                ("radio", "Speaking to Radio Kestrel, Dame Hilary said the town had waited "
                 "twenty years."),
            ],
            "occasion",
        ),
        (  # a utility: both outlets report the statement; no note
            "In what setting did the water company's chief executive apologise?",
            [
                ("wire", "The chief executive apologised in a statement on the company's "
                 "website."),
                ("post", "In a written statement, the water company's chief executive "
                 "apologised to customers."),
            ],
            None,
        ),
    ],
)  # fmt: skip
def test_an_occasion_question_is_read_by_the_kinds_of_its_settings(
    make_passages: MakePassages,
    question: str,
    sentences: list[tuple[str, str]],
    kind: str | None,
) -> None:
    _, findings = ask(question, make_passages(sentences))
    assert [(f.slot, f.kind) for f in findings] == ([("setting", kind)] if kind else [])


def test_a_claim_asserted_by_one_source_and_attributed_by_another_is_framing(
    make_passages: MakePassages,
) -> None:
    passages = make_passages(
        [
            ("court", "Pike spent the stolen money on gambling debts, the court heard."),
            ("daily", "Prosecutors alleged that Pike spent the stolen money on gambling debts."),
        ]
    )
    _, findings = ask("Did Pike spend the money on gambling debts?", passages)
    assert ("attribution", "framing") in [(f.slot, f.kind) for f in findings]


def test_a_claim_stated_as_fact_and_left_unconfirmed_is_framing(
    make_passages: MakePassages,
) -> None:
    # worded apart beyond the claim itself: the two sentences' embeddings are about 0.4 alike
    passages = make_passages(
        [
            ("sport", "The 24-year-old passed a medical in Castlebridge on Thursday and put pen "
                      "to paper on a five-year contract on Friday morning, the club said."),
            ("wire", "Reports in several newspapers that Dalgaard had already passed a medical "
                     "could not be independently confirmed."),
        ]
    )  # fmt: skip
    _, findings = ask("Has Emre Dalgaard passed his medical at Castlebridge?", passages)
    assert ("attribution", "framing") in [(f.slot, f.kind) for f in findings]


@pytest.mark.parametrize(
    ("question", "sentences"),
    [
        (  # a chemical spill: the verb asked in a clause that asks whether
            "Did the leak kill fish in the canal?",
            [
                ("ledger", "The weekend spill on the Greyloch Canal killed thousands of fish "
                           "along a four-kilometre stretch of the waterway."),
                ("standard", "The authority's area manager said it was too early to say "
                             "whether the spill had killed the fish."),
            ],
        ),
        (  # a mine collapse: what caused it asked
            "Did a blasting charge cause the collapse at the Keddle Mine?",
            [
                ("echo", "The collapse at the Keddle Mine was caused by a blasting charge set "
                         "too close to a support pillar."),
                ("broadcast", "Inspectors are examining whether blasting played a role in the "
                              "collapse at the Keddle Mine."),
            ],
        ),
        (  # a warehouse fire: its cause not settled
            "Did faulty wiring cause the warehouse fire in Dunmore?",
            [
                ("post", "The warehouse fire in Dunmore was caused by faulty wiring, the owner "
                         "said."),
                ("radio", "The cause of the warehouse fire in Dunmore is still under "
                          "investigation."),
            ],
        ),
    ],
)  # fmt: skip
def test_a_claim_stated_as_fact_and_left_open_is_framing(
    make_passages: MakePassages, question: str, sentences: list[tuple[str, str]]
) -> None:
    _, findings = ask(question, make_passages(sentences))
    assert ("attribution", "framing") in [(f.slot, f.kind) for f in findings]


def with_relevance(passage: Passage, low: float, high: float) -> Passage:
    """The passage with a reader verdict that puts its relevance in [low, high)."""
    lo, hi = -20.0, 20.0
    for _ in range(60):
        mid = (lo + hi) / 2
        read = dataclasses.replace(passage, reader_logit=mid)
        if relevance(read) < low:
            lo = mid
        elif relevance(read) >= high:
            hi = mid
        else:
            return read
    raise AssertionError(f"no reader verdict gives a relevance in [{low}, {high})")


@pytest.mark.parametrize(
    ("question", "sentences"),
    [
        (  # a recount (local politics)
            "Has Priya Tamm conceded the Ward 4 race?",
            [("radio", "Priya Tamm says she will not concede the Ward 4 race."),
             ("daily", "A recount confirmed Oskar Lindgren's victory over Priya Tamm."),
             ("courier", "Tamm conceded on Wednesday morning.")],
        ),
        (  # a takeover (business)
            "Did the Tansy board approve the Brightvale offer?",
            [("wire", "The Tansy board did not approve the Brightvale offer on Monday."),
             ("journal", "Shares in Tansy rose 18% after Brightvale made its offer."),
             ("post", "Tansy's board approved the offer late on Tuesday.")],
        ),
    ],
)  # fmt: skip
def test_whether_it_happened_is_read_from_a_sentence_with_the_asked_verb_however_relevant(
    make_passages: MakePassages, question: str, sentences: list[tuple[str, str]]
) -> None:
    """A short sentence that says it with the question's verb may read as far less relevant
    than one on the events around it; it still says yes against another source's no."""
    said_no, around, said_yes = make_passages(sentences)
    ranked = [
        with_relevance(around, 0.75, 0.8),
        with_relevance(said_no, 0.65, 0.7),
        with_relevance(said_yes, 0.15, 0.2),  # beyond the pool's margin, above its floor
    ]
    _, findings = ask(question, ranked)
    assert [(f.slot, f.kind) for f in findings] == [("stance", "contradiction")]
    # below the floor, it is no side
    ranked[2] = with_relevance(said_yes, 0.05, 0.1)
    assert ask(question, ranked)[1] == []
    # nor is a sentence about another subject, or one its article is not about
    ranked[2] = with_relevance(said_yes, 0.15, 0.2)
    assert ask(question, [*ranked[:2], dataclasses.replace(ranked[2], anchored=False)])[1] == []


def test_whether_another_subject_did_it_is_no_side(make_passages: MakePassages) -> None:
    said_no, around, other = make_passages(
        [
            ("radio", "Priya Tamm says she will not concede the Ward 4 race."),
            ("daily", "A recount confirmed Oskar Lindgren's victory over Priya Tamm."),
            ("courier", "Omar Haddad conceded the Ward 2 race on Wednesday."),
        ]
    )
    ranked = [
        with_relevance(around, 0.75, 0.8),
        with_relevance(said_no, 0.65, 0.7),
        with_relevance(other, 0.15, 0.2),
    ]
    assert ask("Has Priya Tamm conceded the Ward 4 race?", ranked)[1] == []


def test_a_side_may_be_less_relevant_than_an_answer_but_about_what_is_asked(
    make_passages: MakePassages,
) -> None:
    # A source that disagrees may say it less like the question (a march's turnout).
    main, side = make_passages(
        [
            ("post", "About 12,000 people joined the march in Leeds on Saturday."),
            ("wire", "Organisers said 20,000 took part in Leeds."),
        ]
    )
    main = with_relevance(main, 0.4, 0.5)  # within conflict_margin of the side
    side = with_relevance(side, SETTINGS.conflict_floor, SETTINGS.min_answer_score)
    question = "How many people joined the march in Leeds?"
    _, findings = ask(question, [main, side])
    assert [f.slot for f in findings] == ["number"]
    # not a sentence that is about something else the question does not name
    _, findings = ask(question, [main, dataclasses.replace(side, anchored=False)])
    assert findings == []
    # nor one that names nothing the question names, rare or not (another city's march)
    _, findings = ask(question, [main, dataclasses.replace(side, named=False)])
    assert findings == []


_TOWNSHIP = "Sandusky Township is one of the sixteen townships of Crawford County, Ohio."
_FLOODS = "Floods in the Po valley forced thousands from their homes on Sunday."


@pytest.mark.parametrize(
    ("question", "stories", "page_relevance", "kinds"),
    [
        (  # an edited copy of a page
            "What is the population of Sandusky Township?",
            [
                (_TOWNSHIP, "As of the 2010 census the population was 459."),
                (_TOWNSHIP, "As of the 2010 census the population was 1,234."),
            ],
            (0.15, 0.16),
            ["contradiction"],
        ),
        (  # a wire story run twice, its figure changed
            "How many people were evacuated in the Po valley?",
            [
                (_FLOODS, "Officials said 1,200 people had been evacuated by nightfall."),
                (_FLOODS, "Officials said 2,100 people had been evacuated by nightfall."),
            ],
            (0.15, 0.16),
            ["contradiction"],
        ),
        (  # a page of another township, written from the same template
            "What is the population of Sandusky Township?",
            [
                (_TOWNSHIP, "As of the 2010 census the population was 459."),
                (
                    "Sandusky Township is one of the seventeen townships of Richland County, Ohio.",
                    "As of the 2010 census the population was 1,234.",
                ),
            ],
            (0.15, 0.16),
            [],
        ),
        (  # neither sentence near what an answer needs
            "What is the population of Sandusky Township?",
            [
                (_TOWNSHIP, "As of the 2010 census the population was 459."),
                (_TOWNSHIP, "As of the 2010 census the population was 1,234."),
            ],
            (0.05, 0.1),
            [],
        ),
    ],
)
def test_an_edited_copy_contradicts_though_the_reader_did_not_read_it(
    make_passages: MakePassages,
    question: str,
    stories: list[tuple[str, str]],
    page_relevance: tuple[float, float],
    kinds: list[str],
) -> None:
    """A source's figure may be far less relevant than the answer by the reader's verdict
    (a line that does not name what it is about) and an edited copy of it not read at all
    (only the best few are): a copy of the same article with the figure changed still says
    the sources disagree on it."""
    (page_lead, page_says), (copy_lead, copy_says) = stories
    page, copy = _led(
        make_passages, [("page", page_lead, page_says), ("copy", copy_lead, copy_says)]
    )
    (answer,) = make_passages([("page", page_lead)])
    ranked = [
        with_relevance(answer, 0.7, 0.8),
        with_relevance(page, *page_relevance),
        dataclasses.replace(copy, reader_logit=NOT_READ),
    ]
    _, findings = ask(question, ranked)
    assert [f.kind for f in findings] == kinds
    # without the first sentences of their articles, nothing says they are one text
    unled = [dataclasses.replace(p, lead="", lead_annotation={}) for p in ranked]
    assert ask(question, unled)[1] == []


@pytest.mark.parametrize(
    ("question", "sentences", "days", "kind"),
    [
        (  # a disaster's toll, reported as it rose
            "How many people died in the floods?",
            [
                ("wire", "By Monday 30 people had died in the floods, officials said."),
                ("daily", "The floods have killed 41 people across the region."),
            ],
            ("2025-05-12", "2025-05-14"),
            "occasion",
        ),
        (  # arrests after a riot, two days apart
            "How many people have been arrested after the riot in Dunmore?",
            [
                ("post", "Police said 12 people had been arrested after the riot in Dunmore."),
                ("herald", "Police have now arrested 20 people over the riot in Dunmore."),
            ],
            ("2025-06-01", "2025-06-03"),
            "occasion",
        ),
        (  # the same day: one of them is wrong
            "How many people died in the floods?",
            [
                ("wire", "By Monday 30 people had died in the floods, officials said."),
                ("daily", "The floods have killed 41 people across the region."),
            ],
            ("2025-05-12", "2025-05-12"),
            "contradiction",
        ),
        (  # a toll that falls is no update of the one before
            "How many people died in the floods?",
            [
                ("wire", "The floods have killed 41 people across the region."),
                ("daily", "By Monday 30 people had died in the floods, officials said."),
            ],
            ("2025-05-12", "2025-05-14"),
            "contradiction",
        ),
        (  # months apart: another count, not the same one revised
            "How many people died in the floods?",
            [
                ("wire", "By Monday 30 people had died in the floods, officials said."),
                ("daily", "The floods have killed 41 people across the region."),
            ],
            ("2025-05-12", "2025-09-14"),
            "contradiction",
        ),
        (  # a fire's extent, said to have grown: wildfire, then a flood's reach
            "How many acres has the Dunmore Fire burned?",
            [
                ("gazette", "The Dunmore Fire has burned 12,500 acres, officials said."),
                ("daily", "The Dunmore Fire grew to 18,000 acres overnight."),
            ],
            ("2025-08-14", "2025-08-15"),
            "occasion",
        ),
        (
            "How many homes has the flood reached?",
            [
                ("wire", "The flood has reached 300 homes in the valley."),
                ("daily", "The flood has spread to 450 homes in the valley."),
            ],
            ("2025-08-14", "2025-08-16"),
            "occasion",
        ),
        (  # not said to have grown: one of them is wrong
            "How many acres has the Dunmore Fire burned?",
            [
                ("gazette", "The Dunmore Fire has burned 12,500 acres, officials said."),
                ("daily", "The Dunmore Fire has burned 18,000 acres, officials said."),
            ],
            ("2025-08-14", "2025-08-15"),
            "contradiction",
        ),
        (  # a trial's size does not grow with the days
            "How many patients took part in the trial?",
            [
                ("wire", "The trial enrolled 1,250 patients across nine countries."),
                ("journal", "A total of 1,520 patients took part in the trial."),
            ],
            ("2025-03-02", "2025-03-09"),
            "contradiction",
        ),
    ],
)
def test_a_toll_reported_on_different_days_is_an_occasion(
    make_passages: MakePassages,
    question: str,
    sentences: list[tuple[str, str]],
    days: tuple[str, str],
    kind: str,
) -> None:
    passages = [
        dataclasses.replace(p, doc=dataclasses.replace(p.doc, published=day))
        for p, day in zip(make_passages(sentences), days, strict=True)
    ]
    reply, findings = ask(question, passages)
    assert [(f.slot, f.kind) for f in findings] == [("number", kind)]
    if kind == "occasion":  # the note says which source is newest
        assert days[1] in reply.conflicts[0].note


@pytest.mark.parametrize(
    ("question", "sentences", "kind"),
    [
        (  # local government: censuses
            "What is the population of Croydon Park?",
            [
                ("wiki", "As of 2011 Census, Croydon Park had a population of 3,998."),
                ("council", "According to the 2016 census, Croydon Park had 11,012 residents."),
            ],
            "occasion",
        ),
        (  # business: a workforce as of two years
            "How many people does Calder Pharma employ?",
            [
                ("wire", "As of 2020, Calder Pharma employed 4,000 people."),
                ("daily", "Calder Pharma employed 5,500 people as of 2023, the company said."),
            ],
            "occasion",
        ),
        (  # the same census, two figures: one is wrong
            "What is the population of Croydon Park?",
            [
                ("wiki", "As of 2011 Census, Croydon Park had a population of 3,998."),
                ("blog", "At the 2011 census, Croydon Park had a population of 4,500."),
            ],
            "contradiction",
        ),
        (  # a year that dates something else, not the figure (the building)
            "How much did the Harlow bridge cost?",
            [
                ("post", "The Harlow bridge, built in 1998, cost an estimated $12 million."),
                ("daily", "The Harlow bridge cost $15 million, engineers said."),
            ],
            "contradiction",
        ),
    ],
)
def test_figures_as_of_different_years_are_an_occasion(
    make_passages: MakePassages, question: str, sentences: list[tuple[str, str]], kind: str
) -> None:
    reply, findings = ask(question, make_passages(sentences))
    assert [(f.slot, f.kind) for f in findings] == [("number", kind)]
    if kind == "occasion":  # the figures' years say which is latest, not the articles' dates
        assert "as of another year" in reply.conflicts[0].note


@pytest.mark.parametrize(
    ("question", "sentences", "noted"),
    [
        (  # disasters: a past quake's toll, which the sources give beside this one's
            "How many people died in the earthquake?",
            [
                ("wire", "An earthquake in 1987 killed nine people in the province."),
                ("daily", "Three people died when the earthquake struck on Sunday."),
                ("wire", "Sunday's earthquake killed three people, officials said."),
            ],
            False,
        ),
        (  # medicine: the staff who ran a trial, beside its volunteers
            "How many volunteers took part in the vaccine trial?",
            [
                ("journal", "About 610 volunteers took part in the vaccine trial's pilot."),
                ("wire", "The vaccine trial enrolled 14,200 volunteers in nine countries."),
                ("journal", "In all, 14,200 volunteers took part in the vaccine trial."),
            ],
            False,
        ),
        (  # shipping: each source gives one figure for the asked thing: they dispute it
            "How many passengers were on the ferry?",
            [
                ("wire", "The ferry was carrying 312 passengers when it struck the rocks."),
                ("daily", "There were 287 passengers on the ferry, the operator said."),
                ("daily", "The ferry was built in 1998 and can carry 400 passengers."),
            ],
            True,
        ),
    ],
)
def test_a_source_that_gives_both_figures_disputes_neither(
    make_passages: MakePassages, question: str, sentences: list[tuple[str, str]], noted: bool
) -> None:
    _, findings = ask(question, make_passages(sentences))
    assert [(f.slot, f.kind) for f in findings] == ([("number", "contradiction")] if noted else [])


def test_a_figure_is_not_the_year_it_is_given_as_of(make_passages: MakePassages) -> None:
    def year(sentence: str, figure: str) -> str | None:
        (passage,) = make_passages([("wiki", sentence)])
        at = sentence.index(figure)
        read = Reading("number", figure, figure, (Value("number", at, at + len(figure), figure),))
        return conflicts._as_of_year(passage, read)

    # a figure that looks like a year, read as the figure (a town; a price)
    assert year("As of 2011 Census, Westbrook had 1850 residents.", "1850") == "2011"
    assert year("The 1950 census estimate put the price at $1999.", "1999") == "1950"
    assert year("Westbrook had 1850 residents, a census estimate says.", "1850") is None


@pytest.mark.parametrize(
    ("question", "sentences"),
    [
        (
            "What office does Donald Trump hold according to the reports?",
            [
                ("wire", "Since taking office in January, US President Donald Trump has pivoted."),
                ("daily", "Putin said he was ready to meet former U.S. President Donald Trump."),
            ],
        ),
        (
            "What is Helen Okafor's role at Tansy Market?",
            [
                ("courier", "Chief executive Helen Okafor said the stores would stay open."),
                ("gazette", "Shares rose after former chief executive Helen Okafor sold hers."),
            ],
        ),
    ],
)
def test_a_title_is_read_from_any_sentence_naming_the_person(
    make_passages: MakePassages, question: str, sentences: list[tuple[str, str]]
) -> None:
    # The title stands beside the name, so a sentence about something else still says it.
    answer, aside = make_passages(sentences)
    answer = with_relevance(answer, 0.5, 0.6)
    aside = with_relevance(aside, 0.0, SETTINGS.conflict_floor)
    _, findings = ask(question, [answer, aside])
    assert [(f.slot, f.kind) for f in findings] == [("role", "contradiction")]
    # but only from a sentence about what the question names
    _, findings = ask(question, [answer, dataclasses.replace(aside, named=False)])
    assert findings == []


def test_no_note_on_an_asked_value_from_sentences_that_answer_other_questions(
    make_passages: MakePassages,
) -> None:
    # Politics: the answer is a description, and the names of less relevant sentences say
    # where he spoke and to whom; nor does the answer show them.
    question = "Who did the minister say must be involved in any agreement?"
    answer, forum, channel = make_passages(
        [
            ("wire", "The minister said any agreement must involve the Scottish authorities."),
            ("post", "Addressing the Northern Business Forum on Thursday, the minister insisted "
             "any agreement must respect current realities."),
            ("daily", "The minister told CNN that talks with Tomas Brandt could resume."),
        ]
    )  # fmt: skip
    answer = with_relevance(answer, 0.7, 0.8)
    others = [with_relevance(p, 0.3, 0.4) for p in (forum, channel)]
    reply, findings = ask(question, [answer, *others])
    assert [s.text for s in reply.sentences] == [answer.sentence.text]
    assert findings == []
    # Sources that state the asked thing with its own verb disagree all the same.
    first, second = make_passages(
        [
            ("post", "Any agreement must involve Tomas Brandt, the minister said."),
            ("daily", "The minister said any agreement must involve Maria Lopez."),
        ]
    )
    others = [with_relevance(p, 0.3, 0.4) for p in (first, second)]
    _, findings = ask(question, [answer, *others])
    assert [(f.slot, f.kind) for f in findings] == [("person", "contradiction")]


def test_sources_using_the_asked_verb_disagree_on_a_value_the_answer_leaves_out(
    make_passages: MakePassages,
) -> None:
    # Business: the answer says the factory closed, not when; two sources say when.
    answer, march, june = make_passages(
        [
            ("courier", "The factory closed after 80 years, leaving 500 workers without jobs."),
            ("wire", "The factory closed in March 2019, the union said."),
            ("gazette", "The plant closed in June 2018, records show."),
        ]
    )
    ranked = [with_relevance(answer, 0.7, 0.8)]
    ranked += [with_relevance(p, 0.3, 0.4) for p in (march, june)]
    _, findings = ask("When did the factory close?", ranked)
    assert [(f.slot, f.kind) for f in findings] == [("date", "contradiction")]


def test_no_side_comes_from_an_article_that_names_nothing_the_question_names(
    make_passages: MakePassages,
) -> None:
    # Relevant as it may be, a college's "first convocation" is no date of the festival's.
    festival, college = make_passages(
        [
            ("festival", "The Westvale Jazz Festival was first held in 1978 in the corn exchange."),
            ("college", "The first convocation was held on 29 October 2007 at the college."),
        ]
    )
    question = "When was the Westvale Jazz Festival first held?"
    _, findings = ask(question, [festival, college])
    assert [f.slot for f in findings] == ["date"]
    _, findings = ask(question, [festival, dataclasses.replace(college, named=False)])
    assert findings == []


def test_a_source_sides_with_its_figure_of_what_is_counted_before_a_bare_one(
    make_passages: MakePassages,
) -> None:
    # A drug trial: the first source's most relevant sentence has only a bare figure.
    passages = make_passages(
        [
            ("health-desk", "Pain fell from 16 migraine days a month to eight."),
            ("health-desk", "The drug was tested in 1,250 adults."),
            ("science-wire", "The drug was tested in a study of 1,520 people."),
        ]
    )
    _, findings = ask("How many patients took part in the study?", passages)
    assert [sorted(s.reading.label for s in f.sides) for f in findings] == [["1,250", "1,520"]]


@pytest.mark.parametrize(
    ("question", "sentences"),
    [
        (  # diplomacy
            "Which countries did Russia ask to mediate?",
            [
                ("wire", "Russia asked Turkey and China to mediate the talks."),
                ("post", "Russia asked Brazil to mediate, officials said."),
            ],
        ),
        (  # sport
            "Which players did Port Alder sign this summer?",
            [
                ("courier", "Port Alder signed Jonah Ekwueme from Kestrel in June."),
                ("daily", "Port Alder signed Sam Whitcombe on a two-year deal."),
            ],
        ),
    ],
)
def test_sources_naming_different_ones_of_several_asked_for_do_not_contradict(
    make_passages: MakePassages, question: str, sentences: list[tuple[str, str]]
) -> None:
    _, findings = ask(question, make_passages(sentences))
    assert findings == []
    # asked for one, the same sentences disagree
    singular = question.replace("Which countries", "Which country").replace(
        "Which players", "Which player"
    )
    _, findings = ask(singular, make_passages(sentences))
    assert [f.kind for f in findings] == ["contradiction"]


def test_a_disagreement_on_a_detail_not_asked_about_makes_no_note(
    make_passages: MakePassages,
) -> None:
    passages = make_passages(
        [
            ("herald", "The levee broke near the Elm Street bridge on Monday night."),
            ("post", "The levee broke near the Elm Street bridge late on Tuesday."),
        ],
        published="2025-06-12",
    )
    answer, findings = ask("Where did the levee break?", passages)
    assert findings == [] and answer.conflicts == ()


# --- On the bundled articles ----------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "What does the U.S. framework for compromise propose?",
        "How long was Russia’s Easter ceasefire?",
        "Where is the upcoming high-level meeting on the war being held?",
        "Who declared the Easter truce?",
    ],
)
def test_sources_that_agree_in_different_words_are_not_flagged(
    pipeline: Pipeline, question: str
) -> None:
    answer = pipeline.ask(question)
    assert not answer.abstained
    assert answer.conflicts == ()


def test_who_violated_the_truce_notes_the_framing(
    pipeline: Pipeline, article_texts: dict[str, str]
) -> None:
    answer = pipeline.ask("Who violated the Easter ceasefire?")
    note = next(n for n in answer.conflicts if n.kind == "framing")
    cited = [answer.citation(c.citation) for c in note.claims]
    assert {c.source.doc_id for c in cited} == {"000_a8e0354666d9b320", "001_1ebcad579dd464c2"}
    for citation in cited:
        assert article_texts[citation.source.doc_id][citation.start : citation.end] == (
            citation.quote
        )


def test_note_claims_carry_a_machine_readable_value(pipeline: Pipeline) -> None:
    answer: Any = pipeline.ask("Who violated the Easter ceasefire?")
    for note in answer.conflicts:
        assert note.slot and all(c.value for c in note.claims)


@pytest.mark.parametrize(
    ("question", "sentences"),
    [
        (  # a cargo ship: where it ran aground is not who operates it
            "Which company operates the bulk carrier Tern that ran aground off Carrow Bay?",
            [
                (
                    "ledger",
                    "The Halden Marine bulk carrier Tern ran aground on Thursday off Skerry Sands.",
                ),
                (
                    "post",
                    "The Tern, operated by Halden Marine, ran aground at the entrance to the "
                    "Sorrel Channel.",
                ),
            ],
        ),
        (  # a ferry line: nor where a ferry drifted
            "Which company operates the ferry Osprey that broke down off Milford?",
            [
                ("ledger", "The Skelmor Lines ferry Osprey lost power on Sunday off Brack Knoll."),
                (
                    "post",
                    "The Osprey, run by Skelmor Lines, drifted for six hours near the Gullet "
                    "Channel.",
                ),
            ],
        ),
    ],
)
def test_a_value_that_does_not_answer_the_question_is_no_side(
    make_passages: MakePassages, question: str, sentences: list[tuple[str, str]]
) -> None:
    # The readers take the name nearest the question's words (a place the tagger calls a
    # person, with no word of a place's name: "Skerry Sands", "Brack Knoll"); the span
    # reader reads the operator, which both sources name alike.
    passages = make_passages(sentences)
    composition = compose(analyse(question), passages, SETTINGS)
    assert [f.slot for f in conflicts.detect(composition, SETTINGS)] == ["org"]
    assert conflicts.detect(composition, SETTINGS, SPANS) == []


@pytest.mark.parametrize(
    ("question", "sentences", "values"),
    [
        (  # business: the year he joined is not the day he was appointed
            "When was Omar Haddad appointed chief executive of Halvorsen?",
            [
                (
                    "courier",
                    "Omar Haddad, who joined Halvorsen in 2011, was appointed chief executive "
                    "on 3 March.",
                ),
                ("wire", "Omar Haddad was appointed chief executive of Halvorsen on 10 March."),
            ],
            {"3 March", "10 March"},
        ),
        (  # transport: the year it was built is not the day it reopened
            "When did the Harlow Bridge reopen?",
            [
                ("herald", "The Harlow Bridge, which was built in 1932, reopened on 4 May."),
                ("post", "The Harlow Bridge reopened to traffic on 14 May after repairs."),
            ],
            {"4 May", "14 May"},
        ),
    ],
)
@pytest.mark.xfail(
    strict=True,
    reason="known: the span reader reads the year of a clause about something else, which "
    "then agrees with the other source's day, and the note is lost (rag.conflicts._answered)",
)
def test_a_clause_s_year_is_not_a_side_s_answer(
    make_passages: MakePassages, question: str, sentences: list[tuple[str, str]], values: set[str]
) -> None:
    answer, findings = ask(question, make_passages(sentences))
    assert [(f.slot, f.kind) for f in findings] == [("date", "contradiction")]
    assert {c.says for c in answer.conflicts[0].claims} == values


@pytest.mark.parametrize(
    ("question", "sentences", "places"),
    [
        (  # a bridge, its place in the snippet's heading and in its text
            "Where is the Hollis Covered Bridge located?",
            [
                (
                    "a",
                    "Hollis Covered Bridge (Chester Springs, Pennsylvania) Hollis Covered Bridge "
                    "is a Burr truss wooden covered bridge located in Chester Springs, "
                    "Pennsylvania near the village of Eagle.",
                ),
                (
                    "b",
                    "Hollis Covered Bridge (Springfield, Massachusetts) Hollis Covered Bridge is "
                    "a Burr truss wooden covered bridge located in Springfield, Massachusetts "
                    "near the village of Eagle.",
                ),
            ],
            {"Chester Springs", "Springfield"},
        ),
        (  # a school
            "Where is Ashgrove Academy located?",
            [
                (
                    "one",
                    "Ashgrove Academy (Denton, Texas) Ashgrove Academy is a private boarding "
                    "school located in Denton, Texas near the village of Krum.",
                ),
                (
                    "two",
                    "Ashgrove Academy (Salem, Oregon) Ashgrove Academy is a private boarding "
                    "school located in Salem, Oregon near the village of Turner.",
                ),
            ],
            {"Denton", "Salem"},
        ),
    ],
)
def test_a_value_named_twice_is_a_side_s_answer_at_either_mention(
    make_passages: MakePassages, question: str, sentences: list[tuple[str, str]], places: set[str]
) -> None:
    # The span reader reads the heading's mention; the reader reads the one the sentence
    # says the thing is in. Both name the same place.
    answer, findings = ask(question, make_passages(sentences))
    assert [(f.slot, f.kind) for f in findings] == [("place", "contradiction")]
    assert {c.says for c in answer.conflicts[0].claims} == places


def test_the_readers_choice_stands_where_the_span_reader_is_unsure(
    make_passages: MakePassages,
) -> None:
    # A margin no span reaches (Settings.span_margin): the readers' places stay sides, as
    # without the span reader; at the model's own boundary they are no side (above).
    passages = make_passages(
        [
            (
                "ledger",
                "The Halden Marine bulk carrier Tern ran aground on Thursday off Skerry Sands.",
            ),
            (
                "post",
                "The Tern, operated by Halden Marine, ran aground at the entrance to the "
                "Sorrel Channel.",
            ),
        ]
    )
    question = "Which company operates the bulk carrier Tern that ran aground off Carrow Bay?"
    composition = compose(analyse(question), passages, SETTINGS)
    unsure = dataclasses.replace(SETTINGS, span_margin=1e9)
    assert [f.slot for f in conflicts.detect(composition, unsure, SPANS)] == ["org"]


@pytest.mark.parametrize(
    ("question", "sentences", "days"),
    [
        (
            "When did the mayor say the library would close?",
            [
                ("courier", "The mayor said on Monday that the library would close in June."),
                ("gazette", "The mayor said on Tuesday that the library would close in June."),
            ],
            {"Monday", "Tuesday"},
        ),
        (
            "When did the minister say the plant would open?",
            [
                ("courier", "Speaking on 3 May, the minister said the plant would open in 2027."),
                ("gazette", "Speaking on 9 May, the minister said the plant would open in 2027."),
            ],
            {"3 May", "9 May"},
        ),
    ],
)
def test_when_something_was_said_is_read_by_the_readers_not_the_span_reader(
    make_passages: MakePassages, question: str, sentences: list[tuple[str, str]], days: set[str]
) -> None:
    # The span reader reads what was said ("in June" in both), which would merge the sides.
    answer, findings = ask(question, make_passages(sentences))
    assert [(f.slot, f.kind) for f in findings] == [("date", "occasion")]
    assert {c.says for c in answer.conflicts[0].claims} == days


@pytest.mark.parametrize(
    ("question", "sentences", "values"),
    [
        (  # regulation: a sum no slot asks for ("What penalty...?")
            "What penalty did the regulator impose on Harlow Water?",
            [
                (
                    "courier",
                    "The regulator fined Harlow Water £2.4 million on Tuesday over the spills.",
                ),
                (
                    "gazette",
                    "Harlow Water must pay a £3.1 million penalty, the regulator said on Tuesday.",
                ),
            ],
            {"£2.4 million", "£3.1 million"},
        ),
        (  # culture: a span of time ("For how long...?")
            "For how long will the Corran Museum be shut?",
            [
                (
                    "courier",
                    "The Corran Museum will be shut for about three weeks while the roof is "
                    "repaired.",
                ),
                (
                    "gazette",
                    "The Corran Museum is expected to stay closed for roughly five months during "
                    "the roof repairs.",
                ),
            ],
            {"about three weeks", "roughly five months"},
        ),
    ],
)
def test_a_figure_no_slot_asks_for_is_read_by_the_span_reader(
    make_passages: MakePassages, question: str, sentences: list[tuple[str, str]], values: set[str]
) -> None:
    answer, findings = ask(question, make_passages(sentences))
    assert [(f.slot, f.kind) for f in findings] == [("number", "contradiction")]
    assert {c.says for c in answer.conflicts[0].claims} == values


def test_a_figure_the_span_reader_reads_alike_in_two_forms_is_no_note(
    make_passages: MakePassages,
) -> None:
    passages = make_passages(
        [
            (
                "courier",
                "The regulator fined Harlow Water £2.4 million on Tuesday over the spills.",
            ),
            ("gazette", "Harlow Water was fined 2.4 million pounds by the regulator on Tuesday."),
        ]
    )
    _, findings = ask("What penalty did the regulator impose on Harlow Water?", passages)
    assert findings == []


@pytest.mark.parametrize(
    ("question", "sentences", "values"),
    [
        (  # business
            "How much did Larch Bank's profit rise in the first half?",
            [
                ("daily", "Larch Bank's profit rose 14% in the first half of the year."),
                ("wire", "Larch Bank said first-half earnings climbed 9% on higher lending."),
            ],
            {"14%", "9%"},
        ),
        (  # local government
            "How much did the Harwick council budget for road repairs?",
            [
                ("daily", "Harwick council budgeted £4.5 million for road repairs this year."),
                (
                    "wire",
                    "Harwick will spend £3.2 million fixing potholes and resurfacing streets, "
                    "the council said.",
                ),
            ],
            {"£4.5 million", "£3.2 million"},
        ),
        (  # industry: a date
            "When did the Kessel plant stop production?",
            [
                ("daily", "The Kessel plant stopped production on 4 March."),
                (
                    "wire",
                    "Workers said the Kessel plant stopped production on 11 March, once the "
                    "last orders were filled.",
                ),
            ],
            {"4 March", "11 March"},
        ),
    ],
)
def test_a_source_faintly_relevant_is_a_side_where_the_span_reader_is_sure(
    make_passages: MakePassages, question: str, sentences: list[tuple[str, str]], values: set[str]
) -> None:
    # The second source says it in other words: below the conflict floor, above the faint one.
    first, second = make_passages(sentences)
    passages = [with_relevance(first, 0.5, 0.6), with_relevance(second, 0.08, 0.12)]
    composition = compose(analyse(question), passages, SETTINGS)
    findings = conflicts.detect(composition, SETTINGS, SPANS)
    assert [f.kind for f in findings] == ["contradiction"]
    assert {side.reading.label for side in findings[0].sides} == values
    no_faint = dataclasses.replace(SETTINGS, faint_floor=SETTINGS.conflict_floor)
    assert conflicts.detect(composition, no_faint, SPANS) == []


def test_a_faint_source_the_span_reader_is_unsure_of_is_no_side(
    make_passages: MakePassages,
) -> None:
    first, second = make_passages(
        [
            ("daily", "The new Marlow tower is 212 metres tall."),
            ("wire", "At 190 metres, the Marlow building dominates the skyline."),
        ]
    )
    passages = [with_relevance(first, 0.5, 0.6), with_relevance(second, 0.08, 0.12)]
    composition = compose(analyse("How tall is the new Marlow tower?"), passages, SETTINGS)
    # the model's margin for "190 metres" is about 3, short of Settings.span_sure_margin
    assert conflicts.detect(composition, SETTINGS, SPANS) == []
    sure_enough = dataclasses.replace(SETTINGS, span_sure_margin=1.0)
    assert [f.kind for f in conflicts.detect(composition, sure_enough, SPANS)] == ["contradiction"]


@pytest.mark.parametrize(
    ("question", "sentences"),
    [
        (  # transport: staff are no passengers, however sure the span reader
            "How many passengers did Harbour Line carry last year?",
            [
                ("daily", "Harbour Line carried 2.1 million passengers last year."),
                ("wire", "Harbour Line employed 1,700 people last year."),
            ],
        ),
        (  # industry: the answer shows no date, and the faint date is of another event
            "When did the Tarn paper mill close?",
            [
                ("daily", "The Tarn paper mill closed after 80 years."),
                ("post", "The Tarn paper mill closed in March 2019, the union said."),
                (
                    "wire",
                    "Former workers met at the Tarn paper mill on 4 June 2021 to mark its "
                    "centenary.",
                ),
            ],
        ),
    ],
)
def test_a_faint_source_is_held_to_what_the_pool_is_held_to(
    make_passages: MakePassages, question: str, sentences: list[tuple[str, str]]
) -> None:
    *relevant, faint = make_passages(sentences)
    passages = [with_relevance(p, 0.5, 0.6) for p in relevant]
    passages.append(with_relevance(faint, 0.08, 0.12))
    composition = compose(analyse(question), passages, SETTINGS)
    assert conflicts.detect(composition, SETTINGS, SPANS) == []


def test_figures_no_slot_asks_for_are_no_note_for_a_question_that_asks_several(
    make_passages: MakePassages,
) -> None:
    # "What fines...?": each source may give one of several, not the same one otherwise.
    passages = make_passages(
        [
            (
                "courier",
                "The regulator fined Harlow Water £2.4 million on Tuesday over the spills.",
            ),
            (
                "gazette",
                "Harlow Water must pay a £3.1 million penalty, the regulator said on Tuesday.",
            ),
        ]
    )
    _, findings = ask("What fines has Harlow Water paid?", passages)
    assert findings == []


@pytest.mark.parametrize(
    ("question", "sentences"),
    [
        (  # regulation: "pay a £2.4 million fine" says more than the figure
            "What was Harlow Water ordered to do?",
            [
                (
                    "courier",
                    "Harlow Water was ordered to pay a £2.4 million fine and to repair its "
                    "outfalls.",
                ),
                (
                    "gazette",
                    "The regulator ordered Harlow Water to pay a £3.1 million fine and to repair "
                    "its outfalls.",
                ),
            ],
        ),
        (  # local government: one span is the whole grant and what it restores
            "What did the council agree for the Corran Museum?",
            [
                (
                    "courier",
                    "The council agreed a £4 million grant to restore the Corran Museum's roof "
                    "and galleries.",
                ),
                (
                    "gazette",
                    "The council agreed a £6 million grant to restore the Corran Museum's roof "
                    "and galleries.",
                ),
            ],
        ),
    ],
)
def test_a_span_that_says_more_than_a_figure_is_not_read_as_one(
    make_passages: MakePassages, question: str, sentences: list[tuple[str, str]]
) -> None:
    # The question asks for no figure; the sources differ in one, which the near copies
    # show, but no figure is read as the answer (conflicts._SPAN_EXTRA_WORDS).
    _, findings = ask(question, make_passages(sentences))
    assert [(f.slot, f.kind) for f in findings] == [("text", "contradiction")]


@pytest.mark.parametrize(
    "sentence",
    [
        # his deputy's title, and one he held before
        "Tomas Ekberg's deputy, the harbour engineer Lise Moen, said the quay wall had moved "
        "by several centimetres.",
        "Before his promotion, Tomas Ekberg was the port's harbour engineer, and he said the "
        "quay wall had moved by several centimetres.",
    ],
)
def test_a_title_the_sentence_does_not_give_the_person_is_no_side(
    make_passages: MakePassages, sentence: str
) -> None:
    passages = make_passages(
        [
            ("harbour", sentence),
            ("coast", "Tomas Ekberg, the port authority's operations director, said the quay "
                      "wall had moved by several centimetres."),
        ]
    )  # fmt: skip
    _, findings = ask("What post does Tomas Ekberg hold?", passages)
    assert findings == []


@pytest.mark.parametrize(
    ("question", "sentences"),
    [
        (  # a port: a title that ends in no title word, against a director
            "What post does Tomas Ekberg hold?",
            [
                ("harbour", "Tomas Ekberg, the port's chief harbour engineer, said the quay "
                            "wall had moved by several centimetres."),
                ("coast", "Tomas Ekberg, the port authority's operations director, said the "
                          "quay wall had moved by several centimetres."),
            ],
        ),
        (  # a space agency: a title before the name, against another after it
            "What job does Oona Reinholt do at the agency?",
            [
                ("wire", "Mission director Oona Reinholt told reporters the satellite was "
                         "healthy."),
                ("journal", "Oona Reinholt, the agency's director-general, told reporters the "
                            "satellite was healthy."),
            ],
        ),
    ],
)  # fmt: skip
def test_a_title_only_the_span_reader_reads_is_a_side(
    make_passages: MakePassages, question: str, sentences: list[tuple[str, str]]
) -> None:
    _, findings = ask(question, make_passages(sentences))
    assert [(f.slot, f.kind) for f in findings] == [("role", "contradiction")]


def test_an_occasion_the_span_reader_reads_with_a_possessive_is_a_side(
    make_passages: MakePassages,
) -> None:
    # "Tuesday night's council meeting" is the day and two words, as "on Wednesday morning"
    passages = make_passages(
        [
            ("tribune", "Mayor Ana Ruiz said during Tuesday night's council meeting that the "
                        "budget lives within its means."),
            ("radio", "Mayor Ana Ruiz told the station on Wednesday morning that the budget "
                      "lives within its means."),
        ],
        published="2027-03-05",
    )  # fmt: skip
    _, findings = ask(
        "On what occasion did Mayor Ana Ruiz say the budget lives within its means?", passages
    )
    assert [(f.slot, f.kind) for f in findings] == [("date", "occasion")]


@pytest.mark.parametrize(
    ("question", "sentences", "sides"),
    [
        (  # a vaccine trial: how the trial was split is no effect of the vaccine
            "By how much did the KV-9 vaccine reduce illness in the trial?",
            [
                ("desk", "The KV-9 vaccine reduced illness by 71 percent in the trial."),
                ("wire", "The KV-9 vaccine cut the risk of illness by 67 percent in the trial."),
                ("gazette", "Half received a single dose of the KV-9 vaccine, and half received "
                            "a placebo."),
            ],
            {"71 percent", "67 percent"},
        ),
        (  # a retailer: where its shops are is no fall in its sales
            "By how much did Harlan's sales fall last year?",
            [
                ("ledger", "Harlan's sales fell by 12 percent last year."),
                ("journal", "Harlan's sales fell by 9 percent last year, the company said."),
                ("courier", "Half of Harlan's shops are in Scotland, and half are in England."),
            ],
            {"12 percent", "9 percent"},
        ),
    ],
)  # fmt: skip
def test_a_sentence_the_span_reader_is_sure_answers_nothing_is_no_side(
    make_passages: MakePassages,
    question: str,
    sentences: list[tuple[str, str]],
    sides: set[str],
) -> None:
    answer, findings = ask(question, make_passages(sentences))
    assert [(f.slot, f.kind) for f in findings] == [("number", "contradiction")]
    assert {c.says for c in answer.conflicts[0].claims} == sides


@pytest.mark.parametrize(
    ("sentence", "span", "only"),
    [
        # local politics, sport, health: a possessive and the part of the day the tagger
        # reads apart from the day are no words besides the date
        ("The mayor said so during Tuesday night's council meeting.",
         "Tuesday night's council meeting", True),
        ("The coach said so at Friday morning's press briefing.",
         "Friday morning's press briefing", True),
        ("The minister said so in a long Monday evening speech to nurses.",
         "a long Monday evening speech to nurses", False),
    ],
)  # fmt: skip
def test_a_date_span_may_hold_a_possessive_and_the_part_of_the_day(
    sentence: str, span: str, only: bool
) -> None:
    (annotation,) = annotate([sentence], "2027-03-05")
    start = sentence.index(span)
    answer = AnswerSpan(span, start, start + len(span), 5.0, 0.0)
    values = [
        v
        for v in values_of(annotation)
        if v.kind == "date" and v.start < answer.end and answer.start < v.end
    ]
    assert values
    assert conflicts._only_values(sentence, answer, values) is only


def test_the_side_pool_is_the_ranked_passages_nearly_as_relevant_as_the_best(
    pipeline: Pipeline, settings: Settings
) -> None:
    answered = pipeline.trace("What did Putin say about direct talks with Ukraine?").composition
    pool = conflicts.side_pool(answered, settings)
    best = conflicts.log_odds(answered.ranked[0])
    assert pool and pool == [p for p in answered.ranked if p in pool]
    assert all(conflicts.log_odds(p) >= best - settings.conflict_margin for p in pool)
    assert all(relevance(p) >= settings.conflict_floor for p in pool)
    # and every other passage falls short of one of the pool's conditions
    left = [p for p in answered.ranked if p not in pool]
    assert left and all(
        conflicts.log_odds(p) < best - settings.conflict_margin
        or relevance(p) < settings.conflict_floor
        or not p.named
        or not (p.anchored or relevance(p) >= settings.min_answer_score)
        for p in left
    )
    abstained = pipeline.trace("What is the capital of Peru?").composition
    assert abstained.abstention is not None and conflicts.side_pool(abstained, settings) == []
