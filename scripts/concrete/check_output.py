#!/usr/bin/env python3
"""Check JSON written by Concise (Swift) with Concrete ML's real ConcreteDecoder.

Usage: check_output.py GOLDENS OUTPUT

GOLDENS is Tests/ConciseTests/Resources/concrete-goldens.json; OUTPUT is a JSON file
{"<case name>@<version>": "<JSON text Swift wrote>", ...}. For every entry, the text is decoded
with ``json.loads(text, cls=ConcreteDecoder)`` of that Concrete ML version and compared
(numpy-, NaN-, -0.0-, dtype-, shape- and key-order-aware) with:

* the original object of the case (rebuilt deterministically by name), when the golden round-trips
  losslessly (``loads_equal``: true);
* otherwise, with what the decoder makes of the golden's own JSON (documented lossy cases such as
  shape (0, 3) -> (0,) or non-str dict keys); when that raises (uint64 numpy_integer above
  2**63-1), Swift's text must raise the same exception type and have the same plain-JSON structure.

Prints one line per failure and "concrete check: N passed, M failed"; exits 1 on any failure.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.dont_write_bytecode = True  # keep scripts/concrete free of __pycache__
sys.path.insert(0, str(Path(__file__).resolve().parent))
import gen_goldens  # noqa: E402
import stubs  # noqa: E402


def _try_decode(cml, text):
    try:
        return gen_goldens.decode(cml, text), None
    except Exception as exc:  # pylint: disable=broad-except
        return None, exc


def check_entry(key: str, text, index, skipped, cases_by_version) -> str | None:
    """None if the entry is fine, else the failure reason."""
    name, sep, version = key.rpartition("@")
    if not sep:
        return "key must be '<case name>@<version>'"
    if (name, version) in skipped:
        return f"case is not expressible in Concrete ML {version} ({skipped[(name, version)]})"
    golden = index.get((name, version))
    if golden is None:
        return "no such case in the goldens"
    if not isinstance(text, str):
        return f"output must be a JSON string, got {type(text).__name__}"

    cml = stubs.load_concrete_ml(version)
    if version not in cases_by_version:
        cases_by_version[version] = {c.name: c for c in gen_goldens.build_cases(cml)}
    case = cases_by_version[version].get(name)
    if case is None:
        return "case exists in the goldens but not in gen_goldens.build_cases (stale goldens?)"
    if cml.dumps(case.obj) != golden["json"]:
        return "golden JSON differs from a fresh encoding (regenerate the goldens)"

    got, got_exc = _try_decode(cml, text)
    if golden["loads_equal"]:
        if got_exc is not None:
            return f"ConcreteDecoder raised {type(got_exc).__name__}: {got_exc}"
        problem = gen_goldens.diff(case.obj, got)
        return None if problem is None else f"decoded value differs from the original: {problem}"

    ref, ref_exc = _try_decode(cml, golden["json"])
    if ref_exc is not None:
        if got_exc is None or type(got_exc) is not type(ref_exc):
            return (f"golden raises {type(ref_exc).__name__} when loaded, Swift output "
                    f"{'raises ' + type(got_exc).__name__ if got_exc else 'does not'}")  # fmt: skip
        try:
            plain = json.loads(text)
        except ValueError as exc:
            return f"not valid JSON: {exc}"
        problem = gen_goldens.diff(json.loads(golden["json"]), plain)
        return None if problem is None else f"plain JSON structure differs: {problem}"
    if got_exc is not None:
        return f"ConcreteDecoder raised {type(got_exc).__name__}: {got_exc}"
    problem = gen_goldens.diff(ref, got)
    return None if problem is None else f"decoded value differs from the decoded golden: {problem}"


def main(argv) -> int:
    if len(argv) != 3:
        print(__doc__.strip().split("\n\n", 2)[1], file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as fh:
        goldens = json.load(fh)
    with open(argv[2], encoding="utf-8") as fh:
        output = json.load(fh)
    if not isinstance(output, dict):
        print("concrete check: OUTPUT must be a JSON object", file=sys.stderr)
        return 2

    index = {(c["name"], c["version"]): c for c in goldens["cases"]}
    skipped = {(s["name"], s["version"]): s["reason"] for s in goldens.get("skipped", [])}
    cases_by_version: dict = {}
    passed = failed = identical = 0
    for key, text in output.items():
        try:
            problem = check_entry(key, text, index, skipped, cases_by_version)
        except Exception as exc:  # pylint: disable=broad-except
            problem = f"checker error {type(exc).__name__}: {exc}"
        if problem is None:
            passed += 1
            name, _, version = key.rpartition("@")
            identical += text == index[(name, version)]["json"]
        else:
            failed += 1
            print(f"FAIL {key}: {problem}")
    missing = len(index) - sum(1 for k in output if tuple(k.rpartition("@")[::2]) in index)
    print(f"concrete check: {identical} of {passed} passing outputs byte-identical to the golden; "
          f"{missing} golden cases not in OUTPUT")  # fmt: skip
    print(f"concrete check: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
