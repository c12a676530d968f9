"""Python's own verdicts on date and date-time text, which cbor2 6.3 hands to
`date.fromisoformat` (tag 1004) and `datetime.fromisoformat` (tag 0; a naive result is an
error there). CPython 3.11's C parser accepts far more than RFC 3339 and has quirks of its own,
so the strings are valid forms of every layout plus seeded mutations of them.

Writes python-isoformat.json: {"python": "3.11", "dates": [[text, "YYYY-MM-DD" or null], ...],
"datetimes": [[text, [y, mo, d, h, mi, s, us, offset_s, offset_us] or null], ...]}, where a
naive date-time has null offsets. Deterministic (fixed seed).

    python scripts/vectors/gen_python_isoformat.py OUT_DIR
"""
import datetime as dt
import json
import random
import sys

DATES = ["2013-03-21", "20130321", "2013-W12", "2013W12", "2013-W12-4", "2013W124", "0001-01-01", "9999-12-31",
         "2020-02-29", "2019-02-29", "2020-W53", "2020-W53-7", "2021-W53-1", "2026-W01-1", "0001-W01-1", "9999-W52-5",
         "0000-01-01", "2013-3-21", "2013-03-2", "20130321xx", "2013-03-21x", "2013-W1", "2013-W12-", "+123-01-01"]
TIMES = ["T20:04:00Z", "T20:04:00+02:00", "T20:04:00.5Z", "T20:04:00,123456789Z", "T20:04:00.Z", "T2004Z", "T20Z",
         "T20:04Z", "T200400.25-0130", "T20:04:00+02", "T20:04:00+02:00:30", "T20:04:00-00:00:00.000001",
         " 20:04:00Z", "x20:04:00Z", "\u00e920:04:00Z", "\u4e2d20:04:00+01:00", "T20:04:00", "T24:00:00Z", "T20:60:00Z",
         "T20:04:60Z", "T20:04:00+24:00", "T20:04:00+23:59:59.999999", "T20:04:00+00:99", "T20:04:00:00Z", "T20:04:00z",
         "T20:04:00Z\u0000x", "T20:04:00ZZ", "T2004:00Z", "T20:04:00.123+02:00", "T", ""]
ALPHABET = list("0123456789-:+.,ZzTtW ") + ["\u00e9", "\u0000", "\u4e2d"]


def date_verdict(text):
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        return None


def datetime_verdict(text):
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    offset = value.utcoffset()
    fields = [value.year, value.month, value.day, value.hour, value.minute, value.second, value.microsecond]
    if offset is None:
        return fields + [None, None]
    return fields + [offset.days * 86400 + offset.seconds, offset.microseconds]


def mutations(rng, seeds, count):
    texts = []
    for _ in range(count):
        text = list(rng.choice(seeds))
        for _ in range(rng.randint(1, 3)):
            kind = rng.randrange(4)
            position = rng.randint(0, len(text))
            if kind == 0 and position < len(text):
                text[position] = rng.choice(ALPHABET)
            elif kind == 1 and position < len(text):
                del text[position]
            elif kind == 2:
                text.insert(position, rng.choice(ALPHABET))
            else:
                text = text[:position]
        texts.append("".join(text))
    return texts


def unique(texts):
    seen = set()
    return [t for t in texts if not (t in seen or seen.add(t))]


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else "Tests/ConciseTests/Resources"
    rng = random.Random(3339)
    dates = unique(DATES + mutations(rng, DATES, 1500))
    datetimes = [d + t for d in DATES[:16] for t in TIMES]
    datetimes = unique(datetimes + mutations(rng, datetimes, 4000))
    data = {"python": "%d.%d" % sys.version_info[:2],
            "dates": [[t, date_verdict(t)] for t in dates],
            "datetimes": [[t, datetime_verdict(t)] for t in datetimes]}
    with open(f"{out_dir}/python-isoformat.json", "w", encoding="ascii") as handle:
        json.dump(data, handle, indent=0, ensure_ascii=True)
        handle.write("\n")
    accepted = sum(v is not None for _, v in data["dates"]), sum(v is not None for _, v in data["datetimes"])
    print(f"wrote {out_dir}/python-isoformat.json ({len(dates)} dates, {accepted[0]} accepted; "
          f"{len(datetimes)} date-times, {accepted[1]} accepted)")


if __name__ == "__main__":
    main()
