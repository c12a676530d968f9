"""Runs a conformance testee over Tests/Conformance/suite.json, one process per case, and
compares with the contract's rules (shared/conformance/CONTRACT.md). Prints failures and ends
with "N passed, N failed, N skipped"; documented differences (DifferencesFromCbor2.md) are
listed apart and do not fail the run.
Usage: runner.py TESTEE [--suite NAME] [--timeout 5] [--cases FILE] [--strict-frozen]"""
import argparse
import json
import os
import resource
import signal
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction


def limit_memory():
    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))
    os.setsid()


def run(command, payload, timeout):
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               preexec_fn=limit_memory)
    try:
        out, err = process.communicate(payload, timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        return "hang", b"", b""
    return process.returncode, out, err


def outcome(status, out, err):
    if status == "hang":
        return "hang"
    text = err.decode(errors="replace")
    if status < 0 or any(marker in text for marker in ("Fatal error:", "Stack dump:", "Sanitizer")):
        return "crash"
    if status == 0:
        return "ok"
    if status == 3:
        return "unsupported"
    return "clean_error" if (out or err) else "silent_error"


class Comparison:
    def __init__(self, strict_frozen=False):
        self.ids = {}
        self.strict_frozen = strict_frozen

    def same(self, actual, expected):
        if not isinstance(expected, dict) or not isinstance(actual, dict):
            return actual == expected
        kind, actual_kind = expected.get("t"), actual.get("t")
        if kind in ("int", "uint", "nint"):
            return actual_kind in ("int", "uint", "nint") and int(actual["v"]) == int(expected["v"])
        if kind == "shared":
            return actual_kind == "shared" and self.ids.get(expected["id"]) == actual.get("id")
        if "id" in expected:
            if "id" not in actual or self.ids.setdefault(expected["id"], actual["id"]) != actual["id"]:
                return False
        if self.strict_frozen and kind in ("array", "map", "set") and actual.get("frozen", False) != expected.get("frozen", False):
            return False
        if kind == "float":
            if actual_kind != "float":
                return False
            a, e = int(actual["bits"], 16), int(expected["bits"], 16)
            nan = lambda bits: (bits >> 52) & 0x7ff == 0x7ff and bits & ((1 << 52) - 1)  # noqa: E731
            return a == e or (nan(a) and nan(e))
        if kind == "datetime":
            return actual_kind == "datetime" and actual.get("epoch_us") == expected.get("epoch_us") and actual.get("offset_s") == expected.get("offset_s")
        if kind == "decimal":
            if "special" in expected:
                return actual.get("special") == expected["special"]
            value = Decimal(expected["v"])
            if actual_kind == "bigfloat":
                return Fraction(int(actual["mantissa"])) * Fraction(2) ** int(actual["exp"]) == Fraction(value)
            return actual_kind == "decimal" and Decimal(actual["v"]) == value
        if kind == "fraction":
            return actual_kind == "fraction" and Fraction(int(actual["num"]), int(actual["den"])) == Fraction(int(expected["num"]), int(expected["den"]))
        if kind.startswith("ipv"):
            return actual_kind == kind and all(actual.get(k) == expected.get(k) for k in ("packed_hex", "prefix", "scope"))
        if kind == "uuid":
            return actual_kind == "uuid" and actual["v"].replace("-", "").lower() == expected["v"].replace("-", "").lower()
        if kind == "mime":
            norm = lambda text: "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").split("\n")).strip()  # noqa: E731
            return actual_kind == "mime" and norm(actual["v"]) == norm(expected["v"])
        if kind == "array":
            return actual_kind == "array" and len(actual["v"]) == len(expected["v"]) and all(self.same(a, e) for a, e in zip(actual["v"], expected["v"]))
        if kind == "map":
            if actual_kind != "map" or len(actual["v"]) != len(expected["v"]):
                return False
            if has_ids(expected):
                return all(self.same(a[0], e[0]) and self.same(a[1], e[1]) for a, e in zip(actual["v"], expected["v"]))
            return self.multiset([tuple(p) for p in actual["v"]], [tuple(p) for p in expected["v"]])
        if kind == "set":
            return actual_kind == "set" and len(actual["v"]) == len(expected["v"]) and self.multiset(actual["v"], expected["v"])
        if kind == "tag":
            return actual_kind == "tag" and int(actual["tag"]) == int(expected["tag"]) and self.same(actual["v"], expected["v"])
        if kind == "object":
            return (actual_kind == "object" and actual.get("class") == expected.get("class")
                    and set(actual["fields"]) == set(expected["fields"])
                    and all(self.same(actual["fields"][k], v) for k, v in expected["fields"].items()))
        if kind == "complex":
            return actual_kind == "complex" and self.same(actual["real"], expected["real"]) and self.same(actual["imag"], expected["imag"])
        strip = lambda node: {k: v for k, v in node.items() if k not in ("repr", "frozen")}  # noqa: E731
        return strip(actual) == strip(expected)

    def multiset(self, actual, expected):
        remaining = list(actual)
        for item in expected:
            for index, candidate in enumerate(remaining):
                saved = dict(self.ids)
                if (self.same(candidate[0], item[0]) and self.same(candidate[1], item[1])) if isinstance(item, tuple) else self.same(candidate, item):
                    del remaining[index]
                    break
                self.ids = saved
            else:
                return False
        return True


def has_ids(node):
    if isinstance(node, dict):
        return "id" in node or node.get("t") == "shared" or any(has_ids(v) for v in node.values())
    if isinstance(node, list):
        return any(has_ids(v) for v in node)
    return False


def check(case, testee, timeout, strict_frozen=False):
    """(verdict, detail): verdict is pass, fail or skip."""
    options = json.dumps(case.get("options", {}), separators=(",", ":"))
    if case["op"] == "decode":
        command = [testee, "decode", "--mode", case.get("mode", "semantic"), "--options", options]
        payload = bytes.fromhex(case["input_hex"])
    else:
        command = [testee, "encode", "--options", options]
        payload = json.dumps(case["input"]).encode()
    status, out, err = run(command, payload, timeout)
    result = outcome(status, out, err)
    if result == "unsupported":
        return "skip", err.decode(errors="replace").strip()[:100]
    if result in ("crash", "hang", "silent_error"):
        return "fail", f"{result}: {err.decode(errors='replace').strip()[:200]}"
    if "expect_outcome" in case:
        return ("pass", "") if result == case["expect_outcome"] else ("fail", f"expected {case['expect_outcome']}, got {result}: {err.decode(errors='replace').strip()[:120]}")
    if case.get("expect_error"):
        return ("pass", "") if result == "clean_error" else ("fail", f"expected an error, got {out.decode(errors='replace')[:160]}")
    if result != "ok":
        return "fail", f"expected success, got {result}: {err.decode(errors='replace').strip()[:160]}"
    if case["op"] == "encode":
        actual = "".join(out.decode().split()).lower()
        return ("pass", "") if actual == case["expect_hex"] else ("fail", f"hex {actual[:120]} != {case['expect_hex'][:120]}")
    try:
        actual = json.loads(out)
    except ValueError:
        return "fail", f"output is not JSON: {out[:120]!r}"
    if Comparison(strict_frozen).same(actual, case["expect"]):
        return "pass", ""
    return "fail", f"{json.dumps(actual)[:300]}\n      expected {json.dumps(case['expect'])[:300]}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("testee")
    parser.add_argument("--cases", default="Tests/Conformance/suite.json")
    parser.add_argument("--suite")
    parser.add_argument("--timeout", type=float, default=5)
    parser.add_argument("--strict-frozen", action="store_true", help="tuple/frozendict/frozenset must match too")
    args = parser.parse_args()
    cases = json.load(open(args.cases))["cases"]
    counts = {"pass": 0, "fail": 0, "skip": 0}
    differences = []
    per_suite = {}
    for case in cases:
        if args.suite and case["suite"] != args.suite:
            continue
        verdict, detail = check(case, args.testee, args.timeout, args.strict_frozen)
        if verdict == "fail" and case.get("difference"):
            differences.append((case["id"], case["difference"]))
            verdict = "skip"
        elif verdict == "fail":
            print(f"FAIL [{case['suite']}] {case['id']}: {detail}")
        counts[verdict] += 1
        suite = per_suite.setdefault(case["suite"], {"pass": 0, "fail": 0, "skip": 0})
        suite[verdict] += 1
    for name, suite in sorted(per_suite.items()):
        print(f"suite {name}: {suite['pass']} passed, {suite['fail']} failed, {suite['skip']} skipped")
    for case_id, why in differences:
        print(f"documented difference: {case_id}: {why}")
    print(f"{counts['pass']} passed, {counts['fail']} failed, {counts['skip']} skipped")
    sys.exit(1 if counts["fail"] else 0)


if __name__ == "__main__":
    sys.setrecursionlimit(20000)
    main()
