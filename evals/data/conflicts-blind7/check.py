#!/usr/bin/env python3
"""Check the seventh blind conflict set (evals/data/conflicts-blind7/).

Standard library only. Run from the repository root:
    python3 evals/data/conflicts-blind7/check.py
Prints the counts and any errors; exit status 1 on any error.
"""

import datetime
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"
QA = HERE / "qa.jsonl"

EXPECTED_CATEGORIES = {
    "conflict": 22,
    "agreement": 12,
    "other_detail": 7,
    "ambiguous": 5,
    "single": 4,
}
EXPECTED_KINDS = {"contradiction": 16, "framing": 3, "occasion": 3}
N_STORIES, PUBLISHERS_PER_STORY = 12, 3
MIN_WORDS, MAX_WORDS = 200, 380

# What kind of value each question asks for (not a key of the lines).
SLOTS = {
    "h001": "number",
    "h002": "occasion",
    "h003": "number",
    "h004": "number",
    "h005": "date",
    "h006": "time",
    "h007": "number",
    "h008": "name",
    "h009": "number",
    "h010": "framing",
    "h011": "number",
    "h012": "person",
    "h013": "number",
    "h014": "person",
    "h015": "stance",
    "h016": "date",
    "h017": "number",
    "h018": "framing",
    "h019": "date",
    "h020": "person",
    "h021": "place",
    "h022": "number",
    "h023": "date",
    "h024": "person",
    "h025": "date",
    "h026": "number",
    "h027": "place",
    "h028": "person",
    "h029": "person",
    "h030": "number",
    "h031": "occasion",
    "h032": "role",
    "h033": "number",
    "h034": "name",
    "h035": "date",
    "h036": "stance",
    "h037": "place",
    "h038": "number",
    "h039": "framing",
    "h040": "name",
    "h041": "number",
    "h042": "number",
    "h043": "occasion",
    "h044": "number",
    "h045": "name",
    "h046": "number",
    "h047": "role",
    "h048": "number",
    "h049": "place",
    "h050": "date",
}

BASE_KEYS = ["id", "question", "answers", "sources", "conflict", "answerable", "category"]
TAIL_KEYS = ["claims", "story", "half"]
DATE_RE = re.compile(
    r"^(January|February|March|April|May|June|July|August|September|"
    r"October|November|December) (\d{1,2}), (\d{4})$"
)
STEM_RE = re.compile(r"^([a-z0-9]+(?:-[a-z0-9]+)*)_([a-z0-9]+(?:-[a-z0-9]+)*)$")

errors: list[str] = []


def err(msg):
    errors.append(msg)


def load_articles():
    docs = {}
    for path in sorted(ARTICLES.glob("*.txt")):
        stem = path.stem
        if not STEM_RE.match(stem):
            err(f"{path.name}: file stem is not <story>_<publisher-slug>")
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            err(f"{path.name}: not UTF-8")
            continue
        if "\r" in text:
            err(f"{path.name}: contains carriage returns")
        lines = text.split("\n")
        if len(lines) < 5:
            err(f"{path.name}: too short")
            continue
        headline, pub, date, blank = lines[0], lines[1], lines[2], lines[3]
        if not headline.strip() or headline != headline.strip():
            err(f"{path.name}: line 1 must be a non-empty headline without outer spaces")
        if not re.match(r"^Publisher: \S.*\S$", pub):
            err(f"{path.name}: line 2 must be 'Publisher: <Name>'")
        m = DATE_RE.match(date)
        if not m:
            err(f"{path.name}: line 3 is not a date like 'March 14, 2025': {date!r}")
        else:
            try:
                datetime.datetime.strptime(date, "%B %d, %Y")
            except ValueError:
                err(f"{path.name}: invalid date {date!r}")
        if blank != "":
            err(f"{path.name}: line 4 must be blank")
        body = "\n".join(lines[4:]).strip("\n")
        if not body:
            err(f"{path.name}: empty body")
        if "\n\n\n" in body:
            err(f"{path.name}: more than one blank line between paragraphs")
        for para in body.split("\n\n"):
            if "\n" in para:
                err(
                    f"{path.name}: a paragraph spans several lines "
                    "(paragraphs are separated by blank lines)"
                )
            if para != para.strip():
                err(f"{path.name}: paragraph with leading/trailing spaces")
        n = len(body.split())
        if not MIN_WORDS <= n <= MAX_WORDS:
            err(f"{path.name}: body has {n} words (want {MIN_WORDS}-{MAX_WORDS})")
        docs[stem] = {
            "text": text,
            "body": body,
            "words": n,
            "publisher": pub[len("Publisher: ") :],
            "date": date,
        }
    return docs


def check_stories(docs):
    stories = Counter(stem.split("_", 1)[0] for stem in docs)
    if len(stories) != N_STORIES:
        err(f"{len(stories)} stories, want {N_STORIES}")
    for s, n in stories.items():
        if n != PUBLISHERS_PER_STORY:
            err(f"story {s}: {n} articles, want {PUBLISHERS_PER_STORY}")
    # one publisher name per slug
    by_slug: dict[str, set[str]] = {}
    for stem, d in docs.items():
        slug = stem.split("_", 1)[1]
        by_slug.setdefault(slug, set()).add(d["publisher"])
    for slug, names in by_slug.items():
        if len(names) > 1:
            err(f"publisher slug {slug} used with several names: {sorted(names)}")
    return stories


def check_qa(docs, stories):
    lines = QA.read_text(encoding="utf-8").splitlines()
    items = []
    for i, line in enumerate(lines, 1):
        if not line.strip():
            err(f"qa.jsonl line {i}: blank line")
            continue
        try:
            items.append(json.loads(line))
        except json.JSONDecodeError as e:
            err(f"qa.jsonl line {i}: bad JSON ({e})")
    ids = [q.get("id") for q in items]
    dup = [k for k, v in Counter(ids).items() if v > 1]
    if dup:
        err(f"duplicate ids: {dup}")
    want_ids = [f"h{i:03d}" for i in range(1, len(items) + 1)]
    if ids != want_ids:
        err("ids are not h001.. in order")
    if set(ids) != set(SLOTS):
        err("SLOTS does not cover exactly the ids")

    all_text = {k: d["text"] for k, d in docs.items()}
    for q in items:
        qid = q.get("id", "?")
        cat = q.get("category")
        keys = list(q.keys())
        want = list(BASE_KEYS)
        if q.get("conflict") is True:
            want.append("conflict_kind")
        if cat == "ambiguous":
            want.append("ambiguous")
        want += TAIL_KEYS
        if keys != want:
            err(f"{qid}: keys {keys} != {want}")
        if cat not in EXPECTED_CATEGORIES:
            err(f"{qid}: unknown category {cat!r}")
        if q.get("answerable") is not True:
            err(f"{qid}: answerable must be true")
        if q.get("half") != "report":
            err(f"{qid}: half must be 'report'")
        if (cat == "conflict") != (q.get("conflict") is True) or not isinstance(
            q.get("conflict"), bool
        ):
            err(f"{qid}: conflict flag does not match category")
        if "conflict_kind" in q and q["conflict_kind"] not in EXPECTED_KINDS:
            err(f"{qid}: bad conflict_kind {q['conflict_kind']!r}")
        if "ambiguous" in q and q["ambiguous"] is not True:
            err(f"{qid}: ambiguous must be true when present")
        if not isinstance(q.get("question"), str) or not q["question"].endswith("?"):
            err(f"{qid}: question must be a string ending in '?'")
        if q.get("story") not in stories:
            err(f"{qid}: unknown story {q.get('story')!r}")

        answers = q.get("answers") or []
        sources = q.get("sources") or []
        claims = q.get("claims") or []
        if not answers:
            err(f"{qid}: no answers")
        for a in answers:
            if not isinstance(a, str) or not a.strip():
                err(f"{qid}: empty answer")
            elif not any(a in t for t in all_text.values()):
                err(f"{qid}: answer not verbatim in any article: {a!r}")
        if len(set(sources)) != len(sources):
            err(f"{qid}: duplicate sources")
        for s in sources:
            if s not in docs:
                err(f"{qid}: unknown source {s!r}")
        csrc = []
        for c in claims:
            if list(c.keys()) != ["source", "span", "group"]:
                err(f"{qid}: claim keys {list(c.keys())}")
                continue
            if c["source"] not in docs:
                err(f"{qid}: claim source unknown {c['source']!r}")
                continue
            if c["span"] not in docs[c["source"]]["text"]:
                err(f"{qid}: claim span not in its source {c['source']}: {c['span']!r}")
            elif c["span"] not in docs[c["source"]]["body"]:
                err(f"{qid}: claim span only in the header of {c['source']}: {c['span']!r}")
            if c["span"] not in answers:
                err(f"{qid}: claim span not in answers: {c['span']!r}")
            if not re.fullmatch(r"[A-Z]", c["group"]):
                err(f"{qid}: bad group {c['group']!r}")
            csrc.append(c["source"])
        if len(set(csrc)) != len(csrc):
            err(f"{qid}: more than one claim per source")
        if csrc != sources:
            err(f"{qid}: claim sources {csrc} != sources {sources}")
        groups = {c["group"] for c in claims}
        gsrc: dict[str, set[str]] = {}
        for c in claims:
            gsrc.setdefault(c["group"], set()).add(c["source"])
        if cat in ("conflict", "ambiguous"):
            if len(groups) < 2 or len(set(csrc)) < 2:
                err(f"{qid}: {cat} needs >= 2 groups from >= 2 sources")
        elif cat in ("agreement", "other_detail"):
            if groups != {"A"} or len(set(csrc)) < 2:
                err(f"{qid}: {cat} needs 1 group (A) and >= 2 sources")
        elif cat == "single":
            if len(csrc) != 1 or groups != {"A"}:
                err(f"{qid}: single needs exactly 1 source")
        if cat != "ambiguous":
            # all sources of a non-ambiguous line belong to its story
            for s in csrc:
                if s.split("_", 1)[0] != q.get("story"):
                    err(f"{qid}: source {s} is not from story {q.get('story')}")
        else:
            # each group of an ambiguous line comes from one story, groups from different stories
            gstory = {g: {s.split("_", 1)[0] for s in ss} for g, ss in gsrc.items()}
            if any(len(v) != 1 for v in gstory.values()):
                err(f"{qid}: an ambiguous group mixes stories")
            if len({next(iter(v)) for v in gstory.values()}) != len(gstory):
                err(f"{qid}: ambiguous groups are not about different stories")
            if q.get("story") not in {next(iter(v)) for v in gstory.values()}:
                err(f"{qid}: story is not one of the groups' stories")
    return items


def main():
    docs = load_articles()
    stories = check_stories(docs)
    items = check_qa(docs, stories)

    cats = Counter(q.get("category") for q in items)
    kinds = Counter(q.get("conflict_kind") for q in items if q.get("conflict"))
    for c, n in EXPECTED_CATEGORIES.items():
        if cats.get(c, 0) != n:
            err(f"category {c}: {cats.get(c, 0)} lines, want {n}")
    for k, n in EXPECTED_KINDS.items():
        if kinds.get(k, 0) != n:
            err(f"conflict_kind {k}: {kinds.get(k, 0)}, want {n}")
    for q in items:
        if (
            q.get("conflict_kind") in ("framing", "occasion")
            and SLOTS.get(q["id"]) != q["conflict_kind"]
        ):
            err(f"{q['id']}: slot should be {q['conflict_kind']}")

    words = [d["words"] for d in docs.values()]
    print(f"articles: {len(docs)} in {len(stories)} stories; body words {min(words)}-{max(words)}")
    print(f"questions: {len(items)}")
    print("categories: " + ", ".join(f"{c} {cats.get(c, 0)}" for c in EXPECTED_CATEGORIES))
    print("conflict kinds: " + ", ".join(f"{k} {kinds.get(k, 0)}" for k in EXPECTED_KINDS))
    print(f"ambiguous lines: {sum(1 for q in items if q.get('ambiguous'))}")
    slots = sorted(set(SLOTS.values()))
    cols = list(EXPECTED_CATEGORIES)
    print("slot".ljust(10) + "".join(c[:8].rjust(9) for c in cols) + "total".rjust(7))
    for s in slots:
        row = [
            sum(1 for q in items if SLOTS.get(q.get("id")) == s and q.get("category") == c)
            for c in cols
        ]
        print(s.ljust(10) + "".join(str(n).rjust(9) for n in row) + str(sum(row)).rjust(7))
    print(
        "per story: "
        + ", ".join(f"{s} {n}" for s, n in sorted(Counter(q.get("story") for q in items).items()))
    )
    if errors:
        print(f"\n{len(errors)} error(s):")
        for e in errors:
            print("  - " + e)
        sys.exit(1)
    print("\nOK")


if __name__ == "__main__":
    main()
