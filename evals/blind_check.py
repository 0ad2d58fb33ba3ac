"""Check a blind conflict set (``evals/data/conflicts-blind*/``): the articles' layout
(headline, ``Publisher:``, a date, a blank line, paragraphs), stories and publishers, and
each qa.jsonl line's keys, category, conflict kind, claims and answers (verbatim in the
articles, in the body for a claim). What a set alone knows is in its ``slots.json``: the
kind of value each question asks for, and its shape where it differs from the usual (12
stories of 3 articles, 50 questions).

Standard library only, so a helper writing a set runs it with any Python, from the
repository root::

    python3 evals/blind_check.py evals/data/conflicts-blind8

It prints the counts and any errors; the exit status is 1 on any error.
"""

from __future__ import annotations

import datetime
import json
import re
import sys
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Shape:
    """How many lines of each category and conflict kind a set has, its stories and the
    length of its articles' bodies in words."""

    expected_categories: Mapping[str, int] = field(
        default_factory=lambda: {
            "conflict": 22,
            "agreement": 12,
            "other_detail": 7,
            "ambiguous": 5,
            "single": 4,
        }
    )
    expected_kinds: Mapping[str, int] = field(
        default_factory=lambda: {"contradiction": 16, "framing": 3, "occasion": 3}
    )
    stories: int = 12
    publishers_per_story: int = 3
    min_words: int = 200
    max_words: int = 380


BASE_KEYS = ["id", "question", "answers", "sources", "conflict", "answerable", "category"]
TAIL_KEYS = ["claims", "story", "half"]
DATE_RE = re.compile(
    r"^(January|February|March|April|May|June|July|August|September|"
    r"October|November|December) (\d{1,2}), (\d{4})$"
)
STEM_RE = re.compile(r"^([a-z0-9]+(?:-[a-z0-9]+)*)_([a-z0-9]+(?:-[a-z0-9]+)*)$")


class _Check:
    """One run of the checks over a set's folder, gathering every error."""

    def __init__(self, folder: Path, slots: Mapping[str, str], shape: Shape) -> None:
        self.folder = folder
        self.slots = slots
        self.shape = shape
        self.prefix = next(iter(slots))[0]  # the ids' letter: "d" of d001
        self.errors: list[str] = []

    def err(self, msg: str) -> None:
        self.errors.append(msg)

    def load_articles(self):
        docs = {}
        for path in sorted((self.folder / "articles").glob("*.txt")):
            stem = path.stem
            if not STEM_RE.match(stem):
                self.err(f"{path.name}: file stem is not <story>_<publisher-slug>")
            raw = path.read_bytes()
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                self.err(f"{path.name}: not UTF-8")
                continue
            if "\r" in text:
                self.err(f"{path.name}: contains carriage returns")
            lines = text.split("\n")
            if len(lines) < 5:
                self.err(f"{path.name}: too short")
                continue
            headline, pub, date, blank = lines[0], lines[1], lines[2], lines[3]
            if not headline.strip() or headline != headline.strip():
                self.err(f"{path.name}: line 1 must be a non-empty headline without outer spaces")
            if not re.match(r"^Publisher: \S.*\S$", pub):
                self.err(f"{path.name}: line 2 must be 'Publisher: <Name>'")
            m = DATE_RE.match(date)
            if not m:
                self.err(f"{path.name}: line 3 is not a date like 'March 14, 2025': {date!r}")
            else:
                try:
                    datetime.datetime.strptime(date, "%B %d, %Y")
                except ValueError:
                    self.err(f"{path.name}: invalid date {date!r}")
            if blank != "":
                self.err(f"{path.name}: line 4 must be blank")
            body = "\n".join(lines[4:]).strip("\n")
            if not body:
                self.err(f"{path.name}: empty body")
            if "\n\n\n" in body:
                self.err(f"{path.name}: more than one blank line between paragraphs")
            for para in body.split("\n\n"):
                if "\n" in para:
                    self.err(
                        f"{path.name}: a paragraph spans several lines "
                        "(paragraphs are separated by blank lines)"
                    )
                if para != para.strip():
                    self.err(f"{path.name}: paragraph with leading/trailing spaces")
            n = len(body.split())
            if not self.shape.min_words <= n <= self.shape.max_words:
                self.err(
                    f"{path.name}: body has {n} words "
                    f"(want {self.shape.min_words}-{self.shape.max_words})"
                )
            docs[stem] = {
                "text": text,
                "body": body,
                "words": n,
                "publisher": pub[len("Publisher: ") :],
                "date": date,
            }
        return docs

    def check_stories(self, docs):
        stories = Counter(stem.split("_", 1)[0] for stem in docs)
        if len(stories) != self.shape.stories:
            self.err(f"{len(stories)} stories, want {self.shape.stories}")
        for s, n in stories.items():
            if n != self.shape.publishers_per_story:
                self.err(f"story {s}: {n} articles, want {self.shape.publishers_per_story}")
        # one publisher name per slug
        by_slug: dict[str, set[str]] = {}
        for stem, d in docs.items():
            slug = stem.split("_", 1)[1]
            by_slug.setdefault(slug, set()).add(d["publisher"])
        for slug, names in by_slug.items():
            if len(names) > 1:
                self.err(f"publisher slug {slug} used with several names: {sorted(names)}")
        return stories

    def check_qa(self, docs, stories):
        lines = (self.folder / "qa.jsonl").read_text(encoding="utf-8").splitlines()
        items = []
        for i, line in enumerate(lines, 1):
            if not line.strip():
                self.err(f"qa.jsonl line {i}: blank line")
                continue
            try:
                items.append(json.loads(line))
            except json.JSONDecodeError as e:
                self.err(f"qa.jsonl line {i}: bad JSON ({e})")
        ids = [q.get("id") for q in items]
        dup = [k for k, v in Counter(ids).items() if v > 1]
        if dup:
            self.err(f"duplicate ids: {dup}")
        want_ids = [f"{self.prefix}{i:03d}" for i in range(1, len(items) + 1)]
        if ids != want_ids:
            self.err(f"ids are not {self.prefix}001.. in order")
        if set(ids) != set(self.slots):
            self.err("slots.json does not cover exactly the ids")

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
                self.err(f"{qid}: keys {keys} != {want}")
            if cat not in self.shape.expected_categories:
                self.err(f"{qid}: unknown category {cat!r}")
            if q.get("answerable") is not True:
                self.err(f"{qid}: answerable must be true")
            if q.get("half") != "report":
                self.err(f"{qid}: half must be 'report'")
            if (cat == "conflict") != (q.get("conflict") is True) or not isinstance(
                q.get("conflict"), bool
            ):
                self.err(f"{qid}: conflict flag does not match category")
            if "conflict_kind" in q and q["conflict_kind"] not in self.shape.expected_kinds:
                self.err(f"{qid}: bad conflict_kind {q['conflict_kind']!r}")
            if "ambiguous" in q and q["ambiguous"] is not True:
                self.err(f"{qid}: ambiguous must be true when present")
            if not isinstance(q.get("question"), str) or not q["question"].endswith("?"):
                self.err(f"{qid}: question must be a string ending in '?'")
            if q.get("story") not in stories:
                self.err(f"{qid}: unknown story {q.get('story')!r}")

            answers = q.get("answers") or []
            sources = q.get("sources") or []
            claims = q.get("claims") or []
            if not answers:
                self.err(f"{qid}: no answers")
            for a in answers:
                if not isinstance(a, str) or not a.strip():
                    self.err(f"{qid}: empty answer")
                elif not any(a in t for t in all_text.values()):
                    self.err(f"{qid}: answer not verbatim in any article: {a!r}")
            if len(set(sources)) != len(sources):
                self.err(f"{qid}: duplicate sources")
            for s in sources:
                if s not in docs:
                    self.err(f"{qid}: unknown source {s!r}")
            csrc = []
            for c in claims:
                if list(c.keys()) != ["source", "span", "group"]:
                    self.err(f"{qid}: claim keys {list(c.keys())}")
                    continue
                if c["source"] not in docs:
                    self.err(f"{qid}: claim source unknown {c['source']!r}")
                    continue
                if c["span"] not in docs[c["source"]]["text"]:
                    self.err(f"{qid}: claim span not in its source {c['source']}: {c['span']!r}")
                elif c["span"] not in docs[c["source"]]["body"]:
                    self.err(
                        f"{qid}: claim span only in the header of {c['source']}: {c['span']!r}"
                    )
                if c["span"] not in answers:
                    self.err(f"{qid}: claim span not in answers: {c['span']!r}")
                if not re.fullmatch(r"[A-Z]", c["group"]):
                    self.err(f"{qid}: bad group {c['group']!r}")
                csrc.append(c["source"])
            if len(set(csrc)) != len(csrc):
                self.err(f"{qid}: more than one claim per source")
            if csrc != sources:
                self.err(f"{qid}: claim sources {csrc} != sources {sources}")
            groups = {c["group"] for c in claims}
            gsrc: dict[str, set[str]] = {}
            for c in claims:
                gsrc.setdefault(c["group"], set()).add(c["source"])
            if cat in ("conflict", "ambiguous"):
                if len(groups) < 2 or len(set(csrc)) < 2:
                    self.err(f"{qid}: {cat} needs >= 2 groups from >= 2 sources")
            elif cat in ("agreement", "other_detail"):
                if groups != {"A"} or len(set(csrc)) < 2:
                    self.err(f"{qid}: {cat} needs 1 group (A) and >= 2 sources")
            elif cat == "single":
                if len(csrc) != 1 or groups != {"A"}:
                    self.err(f"{qid}: single needs exactly 1 source")
            if cat != "ambiguous":
                # all sources of a non-ambiguous line belong to its story
                for s in csrc:
                    if s.split("_", 1)[0] != q.get("story"):
                        self.err(f"{qid}: source {s} is not from story {q.get('story')}")
            else:
                # each group of an ambiguous line comes from one story, groups from other stories
                gstory = {g: {s.split("_", 1)[0] for s in ss} for g, ss in gsrc.items()}
                if any(len(v) != 1 for v in gstory.values()):
                    self.err(f"{qid}: an ambiguous group mixes stories")
                if len({next(iter(v)) for v in gstory.values()}) != len(gstory):
                    self.err(f"{qid}: ambiguous groups are not about different stories")
                if q.get("story") not in {next(iter(v)) for v in gstory.values()}:
                    self.err(f"{qid}: story is not one of the groups' stories")
        return items

    def run(self) -> int:
        docs = self.load_articles()
        stories = self.check_stories(docs)
        items = self.check_qa(docs, stories)

        cats = Counter(q.get("category") for q in items)
        kinds = Counter(q.get("conflict_kind") for q in items if q.get("conflict"))
        for c, n in self.shape.expected_categories.items():
            if cats.get(c, 0) != n:
                self.err(f"category {c}: {cats.get(c, 0)} lines, want {n}")
        for k, n in self.shape.expected_kinds.items():
            if kinds.get(k, 0) != n:
                self.err(f"conflict_kind {k}: {kinds.get(k, 0)}, want {n}")
        for q in items:
            if (
                q.get("conflict_kind") in ("framing", "occasion")
                and self.slots.get(q["id"]) != q["conflict_kind"]
            ):
                self.err(f"{q['id']}: slot should be {q['conflict_kind']}")

        words = [d["words"] for d in docs.values()]
        print(
            f"articles: {len(docs)} in {len(stories)} stories; body words {min(words)}-{max(words)}"
        )
        print(f"questions: {len(items)}")
        print(
            "categories: "
            + ", ".join(f"{c} {cats.get(c, 0)}" for c in self.shape.expected_categories)
        )
        print(
            "conflict kinds: "
            + ", ".join(f"{k} {kinds.get(k, 0)}" for k in self.shape.expected_kinds)
        )
        print(f"ambiguous lines: {sum(1 for q in items if q.get('ambiguous'))}")
        slots = sorted(set(self.slots.values()))
        cols = list(self.shape.expected_categories)
        print("slot".ljust(10) + "".join(c[:8].rjust(9) for c in cols) + "total".rjust(7))
        for s in slots:
            row = [
                sum(1 for q in items if self.slots.get(q.get("id")) == s and q.get("category") == c)
                for c in cols
            ]
            print(s.ljust(10) + "".join(str(n).rjust(9) for n in row) + str(sum(row)).rjust(7))
        print(
            "per story: "
            + ", ".join(
                f"{s} {n}" for s, n in sorted(Counter(q.get("story") for q in items).items())
            )
        )
        if self.errors:
            print(f"\n{len(self.errors)} error(s):")
            for e in self.errors:
                print("  - " + e)
            return 1
        print("\nOK")
        return 0


def check_set(folder: Path, slots: Mapping[str, str], shape: Shape | None = None) -> int:
    """Check the set in ``folder``; print its counts and any errors. The exit status: 1 on
    any error, else 0. ``slots``: what kind of value each question asks for, by id."""
    return _Check(folder, slots, shape or Shape()).run()


def load_own(folder: Path) -> tuple[dict[str, str], Shape]:
    """A set's own part of the checks, from its ``slots.json``."""
    own = json.loads((folder / "slots.json").read_text(encoding="utf-8"))
    return own["slots"], Shape(**own.get("shape", {}))


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python3 evals/blind_check.py evals/data/conflicts-blindN")
        return 2
    folder = Path(argv[0])
    return check_set(folder, *load_own(folder))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
