"""Check the conflict gold set (articles/*.txt and qa.jsonl) and print a summary.

Run:  python3 evals/data/conflicts/check.py      (exit status 1 if any check fails)

It checks the article format (headline, "Publisher: ...", a date like "March 14, 2025", a blank
line, paragraphs separated by single blank lines, 150-400 words), the question format and key
order, that every answer and claim span occurs verbatim in its listed source, that every source
is an existing article, that claims agree with the category (conflict: >= 2 groups from >= 2
sources; agreement: one group from >= 2 sources; ...), and the minimum counts the set promises.
The slot of each question (which kind of value it asks for) is kept in SLOTS below so that the
question lines keep the project's gold format.
"""

import datetime as dt
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"
QA = HERE / "qa.jsonl"

CATEGORIES = ["conflict", "agreement", "other_detail", "ambiguous", "single"]
KINDS = ["contradiction", "occasion", "framing"]
# What each question asks for. Conflict slots: date, number, person, place, role, stance
# (yes/no), first_time, occasion, framing. Other slots: name (of a thing), fact (other).
SLOTS = {
    "c001": "person",
    "c002": "number",
    "c003": "role",
    "c004": "first_time",
    "c005": "number",
    "c006": "number",
    "c007": "number",
    "c008": "date",
    "c009": "role",
    "c010": "stance",
    "c011": "number",
    "c012": "person",
    "c013": "number",
    "c014": "number",
    "c015": "person",
    "c016": "framing",
    "c017": "fact",
    "c018": "name",
    "c019": "number",
    "c020": "stance",
    "c021": "number",
    "c022": "occasion",
    "c023": "date",
    "c024": "number",
    "c025": "person",
    "c026": "number",
    "c027": "framing",
    "c028": "first_time",
    "c029": "place",
    "c030": "number",
    "c031": "person",
    "c032": "name",
    "c033": "date",
    "c034": "person",
    "c035": "place",
    "c036": "occasion",
    "c037": "name",
    "c038": "number",
    "c039": "number",
    "c040": "number",
    "c041": "person",
    "c042": "fact",
    "c043": "number",
    "c044": "place",
    "c045": "stance",
    "c046": "date",
    "c047": "framing",
    "c048": "number",
    "c049": "number",
    "c050": "date",
    "c051": "stance",
    "c052": "first_time",
    "c053": "number",
    "c054": "place",
    "c055": "number",
    "c056": "place",
    "c057": "number",
    "c058": "person",
    "c059": "stance",
    "c060": "framing",
    "c061": "number",
    "c062": "date",
    "c063": "place",
    "c064": "date",
    "c065": "number",
    "c066": "occasion",
    "c067": "person",
    "c068": "number",
    "c069": "fact",
    "c070": "role",
    "c071": "date",
    "c072": "role",
    "c073": "number",
    "c074": "number",
    "c075": "name",
}
SLOT_ORDER = [
    "date",
    "number",
    "person",
    "place",
    "role",
    "stance",
    "first_time",
    "occasion",
    "framing",
    "name",
    "fact",
]
# Minimum counts promised by the README.
MIN_CATEGORY = {"conflict": 26, "agreement": 8, "other_detail": 6, "ambiguous": 4, "single": 4}
MIN_CONFLICT_SLOT = {
    "date": 3,
    "number": 3,
    "person": 3,
    "stance": 3,
    "place": 1,
    "role": 1,
    "first_time": 1,
    "occasion": 1,
    "framing": 1,
}
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
DATE_RE = re.compile(rf"^({'|'.join(MONTHS)}) (\d{{1,2}}), (\d{{4}})$")
YES_NO = re.compile(r"^(Is|Was|Did|Does|Has|Will|Are)\b")
NAME_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*_[a-z0-9]+(?:-[a-z0-9]+)*$")

errors: list[str] = []
warnings: list[str] = []


def err(msg):
    errors.append(msg)


def check_articles():
    docs, stories, publishers, words = {}, defaultdict(list), {}, {}
    for path in sorted(ARTICLES.glob("*")):
        name = path.name
        if path.suffix != ".txt":
            err(f"{name}: not a .txt file")
            continue
        stem = path.stem
        if not NAME_RE.match(stem):
            err(f"{name}: file name is not <story>_<publisher-slug>.txt")
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            err(f"{name}: not UTF-8 ({e})")
            continue
        if "\r" in text or "\t" in text:
            err(f"{name}: contains CR or tab characters")
        if not text.endswith("\n") or text.endswith("\n\n"):
            err(f"{name}: must end with exactly one newline")
        lines = text.rstrip("\n").split("\n")
        if len(lines) < 5:
            err(f"{name}: too short")
            continue
        if not lines[0].strip() or lines[0] != lines[0].strip():
            err(f"{name}: line 1 must be the headline")
        m = re.match(r"^Publisher: (\S.*\S)$", lines[1])
        if not m:
            err(f"{name}: line 2 must be 'Publisher: <Name>'")
        else:
            publishers[stem] = m.group(1)
        dm = DATE_RE.match(lines[2])
        if not dm:
            err(f"{name}: line 3 must be a date like 'March 14, 2025'")
        else:
            try:
                dt.date(int(dm.group(3)), MONTHS.index(dm.group(1)) + 1, int(dm.group(2)))
            except ValueError:
                err(f"{name}: line 3 is not a real date")
        if lines[3] != "":
            err(f"{name}: line 4 must be blank")
        body = lines[4:]
        for i, line in enumerate(body):
            if line != line.strip():
                err(f"{name}: stray whitespace on body line {i + 5}")
            if line == "" and (i == 0 or body[i - 1] == ""):
                err(f"{name}: paragraphs must be separated by exactly one blank line")
        n = len(" ".join(body).split())
        words[stem] = n
        if not 150 <= n <= 400:
            err(f"{name}: body has {n} words (want 150-400)")
        docs[stem] = text
        stories[stem.split("_")[0]].append(stem)
    for story, stems in stories.items():
        if not 2 <= len(stems) <= 4:
            err(f"story {story}: {len(stems)} articles (want 2-4)")
        pubs = [publishers.get(s) for s in stems]
        if len(set(pubs)) != len(pubs):
            err(f"story {story}: two articles from the same publisher")
    return docs, stories, words


def check_qa(docs):
    key_order = ["id", "question", "answers", "sources", "conflict", "answerable", "category"]
    items, seen = [], set()
    for n, line in enumerate(QA.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            err(f"qa line {n}: blank line")
            continue
        try:
            q = json.loads(line)
        except json.JSONDecodeError as e:
            err(f"qa line {n}: bad JSON ({e})")
            continue
        qid = q.get("id", f"line {n}")
        items.append(q)
        want = list(key_order)
        if q.get("conflict") is True:
            want.append("conflict_kind")
        if q.get("category") == "ambiguous":
            want.append("ambiguous")
        want += ["claims", "story", "half"]
        if list(q) != want:
            err(f"{qid}: keys {list(q)} != {want}")
        if q.get("story") != q["sources"][0].split("_")[0]:
            err(f"{qid}: story {q.get('story')!r} is not its first source's story")
        if q.get("half") not in ("calibration", "report"):
            err(f"{qid}: half must be calibration or report, got {q.get('half')!r}")
        if qid != f"c{n:03d}":
            err(f"{qid}: expected id c{n:03d}")
        if qid in seen:
            err(f"{qid}: duplicate id")
        seen.add(qid)
        if not isinstance(q.get("question"), str) or not q["question"].strip().endswith("?"):
            err(f"{qid}: question must be a string ending in '?'")
        cat = q.get("category")
        if cat not in CATEGORIES:
            err(f"{qid}: bad category {cat!r}")
            continue
        if q.get("answerable") is not True:
            err(f"{qid}: answerable must be true")
        if q.get("conflict") is not (cat == "conflict"):
            err(f"{qid}: conflict must be {cat == 'conflict'} for category {cat}")
        if cat == "conflict" and q.get("conflict_kind") not in KINDS:
            err(f"{qid}: bad conflict_kind {q.get('conflict_kind')!r}")
        if cat == "ambiguous" and q.get("ambiguous") is not True:
            err(f"{qid}: ambiguous must be true")
        answers, sources, claims = q.get("answers"), q.get("sources"), q.get("claims")
        if not (
            isinstance(answers, list)
            and answers
            and all(isinstance(a, str) and a.strip() for a in answers)
        ):
            err(f"{qid}: answers must be a non-empty list of strings")
            continue
        if len(set(answers)) != len(answers):
            err(f"{qid}: duplicate answer spans")
        if not (isinstance(sources, list) and sources and len(set(sources)) == len(sources)):
            err(f"{qid}: sources must be a non-empty list without repeats")
            continue
        for s in sources:
            if s not in docs:
                err(f"{qid}: source {s} is not an article")
        sources = [s for s in sources if s in docs]
        for a in answers:
            if a != a.strip():
                err(f"{qid}: answer {a!r} has outer whitespace")
            if not any(a in docs[s] for s in sources):
                err(f"{qid}: answer {a!r} occurs in none of its sources")
        for s in sources:
            if not any(a in docs[s] for a in answers):
                err(f"{qid}: source {s} contains none of the answers")
        if not isinstance(claims, list) or not claims:
            err(f"{qid}: claims must be a non-empty list")
            continue
        claim_sources = []
        for c in claims:
            if not isinstance(c, dict) or list(c) != ["source", "span", "group"]:
                err(f"{qid}: claim {c} must have keys source, span, group in that order")
                continue
            if not re.fullmatch(r"[A-Z]", str(c["group"])):
                err(f"{qid}: claim group {c['group']!r} must be a capital letter")
            if c["source"] not in docs:
                err(f"{qid}: claim source {c['source']} is not an article")
                continue
            if c["span"] not in docs[c["source"]]:
                err(f"{qid}: claim span {c['span']!r} not in {c['source']}")
            if c["span"] not in answers:
                err(f"{qid}: claim span {c['span']!r} is missing from answers")
            claim_sources.append(c["source"])
        if len(set(claim_sources)) != len(claim_sources):
            err(f"{qid}: more than one claim for the same source")
        if set(claim_sources) != set(q["sources"]):
            claimed, listed = sorted(set(claim_sources)), sorted(q["sources"])
            err(f"{qid}: claim sources {claimed} != sources {listed}")
        groups = defaultdict(set)
        for c in claims:
            groups[c["group"]].add(c["source"])
        if sorted(groups) != [chr(ord("A") + i) for i in range(len(groups))]:
            err(f"{qid}: groups must be A, B, ... in use")
        if cat == "conflict":
            if len(groups) < 2 or len(set(claim_sources)) < 2:
                err(f"{qid}: a conflict needs claims in >= 2 groups from >= 2 sources")
        elif cat == "agreement":
            if len(groups) != 1 or len(set(claim_sources)) < 2:
                err(f"{qid}: an agreement needs claims in one group from >= 2 sources")
        elif cat == "other_detail":
            if len(groups) != 1 or len(set(claim_sources)) < 2:
                err(f"{qid}: other_detail needs claims in one group from >= 2 sources")
        elif cat == "ambiguous":
            if len(groups) < 2 or len(set(claim_sources)) < 2:
                err(f"{qid}: ambiguous needs claims in >= 2 groups (subjects) from >= 2 sources")
        elif cat == "single":
            if len(claim_sources) != 1:
                err(f"{qid}: single needs exactly one source")
        stories = {s.split("_")[0] for s in q["sources"]}
        if cat == "ambiguous":
            if len(stories) < 2:
                warnings.append(f"{qid}: ambiguous subjects come from one story")
        elif len(stories) != 1:
            err(f"{qid}: sources come from several stories {sorted(stories)}")
        # Note (not an error) when one side's span also occurs in a source of another group.
        for c in claims:
            for other in claims:
                if other["group"] != c["group"] and c["span"] in docs.get(other["source"], ""):
                    warnings.append(
                        f"{qid}: group {c['group']} span {c['span']!r} also occurs in "
                        f"{other['source']} (group {other['group']})"
                    )
        if qid not in SLOTS:
            err(f"{qid}: no slot in SLOTS")
    extra = set(SLOTS) - seen
    if extra:
        err(f"SLOTS has ids not in qa.jsonl: {sorted(extra)}")
    for qid, slot in SLOTS.items():
        if slot not in SLOT_ORDER:
            err(f"{qid}: unknown slot {slot}")
    return items


def table(title, rows, cols, cell):
    width = max(len(title), *(len(r) for r in rows)) + 2
    print(f"{title:<{width}}" + "".join(f"{c:>14}" for c in cols))
    for r in rows:
        print(f"{r:<{width}}" + "".join(f"{cell(r, c):>14}" for c in cols))
    print()


def main():
    docs, stories, words = check_articles()
    items = check_qa(docs)
    by_cat = Counter(q.get("category") for q in items)
    by_kind = Counter(q.get("conflict_kind") for q in items if q.get("conflict") is True)
    slot_cat = Counter((SLOTS.get(q.get("id")), q.get("category")) for q in items)
    conflict_slot = Counter(
        SLOTS.get(q.get("id")) for q in items if q.get("category") == "conflict"
    )
    if len(items) < 48:
        err(f"only {len(items)} questions (want >= 48)")
    for cat, m in MIN_CATEGORY.items():
        if by_cat[cat] < m:
            err(f"category {cat}: {by_cat[cat]} questions (want >= {m})")
    for slot, m in MIN_CONFLICT_SLOT.items():
        if conflict_slot[slot] < m:
            err(f"conflict slot {slot}: {conflict_slot[slot]} questions (want >= {m})")
    if len(stories) < 10:
        err(f"only {len(stories)} stories")
    if not 30 <= len(docs) <= 40:
        err(f"{len(docs)} articles (want 30-40)")

    print(
        f"articles: {len(docs)} in {len(stories)} stories; body words "
        f"{min(words.values())}-{max(words.values())} (total {sum(words.values())})"
    )
    yes_no = sum(1 for q in items if YES_NO.match(q.get("question", "")))
    print(f"questions: {len(items)}; yes/no questions: {yes_no}\n")
    table(
        "category",
        CATEGORIES + ["total"],
        ["questions"],
        lambda r, c: len(items) if r == "total" else by_cat[r],
    )
    table("conflict_kind", KINDS, ["questions"], lambda r, c: by_kind[r])
    slots = [s for s in SLOT_ORDER if any(slot_cat[(s, c)] for c in CATEGORIES)]
    table(
        "slot",
        slots + ["total"],
        CATEGORIES + ["total"],
        lambda r, c: (
            (len(items) if c == "total" else by_cat[c])
            if r == "total"
            else (sum(slot_cat[(r, x)] for x in CATEGORIES) if c == "total" else slot_cat[(r, c)])
        ),
    )
    table(
        "story",
        sorted(stories),
        ["articles", "questions", "conflicts"],
        lambda r, c: (
            len(stories[r])
            if c == "articles"
            else sum(
                1
                for q in items
                if r in {s.split("_")[0] for s in q["sources"]}
                and (c == "questions" or q["category"] == "conflict")
            )
        ),
    )
    for w in warnings:
        print("note:", w)
    if errors:
        print(f"\n{len(errors)} error(s):")
        for e in errors:
            print("  ", e)
        sys.exit(1)
    print("\nOK: all checks passed")


if __name__ == "__main__":
    main()
