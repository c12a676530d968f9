"""Generates Tests/ConciseTests/Resources/python-regex.json: seeded random patterns made of
regular-expression pieces, each with Python 3.11's verdict from re.compile: null when it
compiles, else the error's message and position (re.error's msg and pos; a ValueError's text
and a null position). cbor2 compiles tag 35's text with re.compile, so these are its verdicts
too; the Swift tests check PythonRegexSyntax's message and position against each.
Usage: gen_python_regex.py [output-folder]"""
import json
import random
import re
import sys
import warnings

assert sys.version_info[:2] == (3, 11), sys.version

PIECES = ["(", ")", ")", "(?:", "(?P<a>", "(?P<b>", "(?P=a)", "(?(1)", "(?(a)", "|", "*", "+", "?", "*?", "{2}", "{1,3}", "{,2}",
          "{3,1}", "[", "]", "[^", "-", "\\d", "\\w", "\\1", "\\2", "\\b", "\\N{DIGIT ONE}", "\\x4", "\\x41", "\\u00e9",
          "\\U0001F600", "\\0", "\\8", "a", "b", "\u00e9", "1", "0", "^", "$", ".", "(?i)", "(?i:", "(?-i:", "(?a)", "(?u)", "(?L)",
          "(?x)", "(?s", "(?<=", "(?<!", "(?=", "(?!", "(?#c)", "\\", "\\", " ", "\u0661", "\u200c", "_", "{", "}", ",", "\\Z",
          "\\A", "\\z", "(?P", ">", "<", "=", "!", "\\p", "\\q", "#", "\n"]


def verdict(pattern):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            re.compile(pattern)
            return None
        except re.error as error:
            return {"message": error.msg, "position": error.pos}
        except ValueError as error:
            return {"message": str(error), "position": None}


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "Tests/ConciseTests/Resources"
    rng = random.Random(35)
    cases = []
    for _ in range(2000):
        pattern = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 10)))
        cases.append({"pattern": pattern, "error": verdict(pattern)})
    with open(f"{folder}/python-regex.json", "w") as handle:
        json.dump({"generator": "scripts/vectors/gen_python_regex.py", "python": "3.11", "cases": cases}, handle, indent=1)
        handle.write("\n")
    print(f"wrote {folder}/python-regex.json ({len(cases)} cases)")


if __name__ == "__main__":
    main()
