#!/usr/bin/env bash
# Builds every libFuzzer target of FuzzTesting/ with AddressSanitizer and runs each for
# FUZZ_SECONDS (default 30) on a corpus seeded from the test vectors and the fail cases.
# A crash leaves its input in .build/fuzz/NAME/ and fails the run.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${FUZZ_SECONDS:-30}
python=${PYTHON:-.venv/bin/python}
targets=(FuzzDecodeValue FuzzDecodeAny FuzzRoundTrip FuzzDifferential FuzzDiagnostic FuzzCodable FuzzConcreteJSON)
flags=(-c debug --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp)
seed=.build/fuzz/seed
rm -rf "$seed" && mkdir -p "$seed"
"$python" - "$seed" <<'PY'
import json, sys
folder = sys.argv[1]
resources = "Tests/ConciseTests/Resources"
items = [v["hex"] for v in json.load(open(f"{resources}/appendix-a.json"))]
items += [v["hex"] for v in json.load(open(f"{resources}/appendix-f.json"))]
items += [c["hex"] for c in json.load(open(f"{resources}/cbor2-interop.json"))["cases"] if len(c["hex"]) < 4000]
for index, text in enumerate(items):
    open(f"{folder}/{index:04d}", "wb").write(bytes.fromhex(text))
goldens = json.load(open(f"{resources}/concrete-goldens.json"))["cases"]
for index, case in enumerate(c for c in goldens if len(c["json"]) < 8000):
    open(f"{folder}/json-{index:04d}", "w").write(case["json"])
PY
cp FuzzTesting/FailCases/* "$seed"/ 2>/dev/null || true
rm -f "$seed/README.md"
mkdir -p .build/fuzz
# SwiftPM keeps FuzzTesting's build plan when only its path dependency (this package) changed,
# and then misses a source file added there ("cannot find 'BigMagnitude' in scope"). Dropping
# the plan makes it plan again; what was compiled stays.
rm -f FuzzTesting/.build/debug.yaml
for target in "${targets[@]}"; do
    # SwiftPM prints compile errors on stdout: keep it, and show it when the build fails.
    if ! swift build --package-path FuzzTesting "${flags[@]}" --product "$target" > .build/fuzz/build.log 2>&1; then
        echo "fuzz: building $target failed:"
        tail -40 .build/fuzz/build.log
        exit 1
    fi
done
bin=$(swift build --package-path FuzzTesting "${flags[@]}" --show-bin-path)
status=0
passed=0
failed=0
for target in "${targets[@]}"; do
    work=.build/fuzz/$target
    mkdir -p "$work/corpus"
    if ! "$bin/$target" -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=4096 \
        -artifact_prefix="$work/" "$work/corpus" "$seed" > "$work/log" 2>&1; then
        echo "fuzz: $target FAILED, see $work/log and the artifact in $work/"
        tail -30 "$work/log"
        status=1
        failed=$((failed + 1))
    else
        echo "fuzz: $target $(grep -E '^Done' "$work/log")"
        passed=$((passed + 1))
    fi
done
echo "fuzz: $passed passed, $failed failed"
exit $status
