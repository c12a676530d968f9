#!/bin/sh
# Regenerate every test-vector resource into a temporary directory and compare it with the
# committed copy in Tests/ConciseTests/Resources.  Exits non-zero on any drift (or if a
# generator's own cross-checks against cbor2 / cbor-diag fail).  Called by `make test`.
#
#   scripts/vectors/check.sh            (from anywhere; PYTHON overrides the interpreter)
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
PYTHON=${PYTHON:-"$ROOT/.venv/bin/python"}
RES=Tests/ConciseTests/Resources
export PYTHONDONTWRITEBYTECODE=1

if [ ! -x "$PYTHON" ]; then
    echo "check.sh: $PYTHON not found; create the venv: python3 -m venv .venv && .venv/bin/pip install -r scripts/requirements.txt" >&2
    exit 2
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/concise-vectors.XXXXXX")
trap 'rm -rf "$TMP"' EXIT INT TERM

"$PYTHON" scripts/vectors/gen_cbor2_interop.py --out "$TMP"
"$PYTHON" scripts/vectors/gen_appendix_a.py --out "$TMP"
"$PYTHON" scripts/vectors/gen_appendix_f.py --out "$TMP"
"$PYTHON" scripts/vectors/gen_cbor2_semantic.py "$TMP"
"$PYTHON" scripts/vectors/gen_codable.py "$TMP"
"$PYTHON" scripts/vectors/gen_codable_numbers.py "$TMP"
"$PYTHON" scripts/vectors/gen_python_regex.py "$TMP"
"$PYTHON" scripts/vectors/gen_python_json.py "$TMP"
"$PYTHON" scripts/vectors/gen_python_isoformat.py "$TMP"
"$PYTHON" scripts/concrete/gen_goldens.py --output "$TMP/concrete-goldens.json"
"$PYTHON" scripts/concrete/gen_deployment_example.py --output "$TMP/concrete-deployment.json"
"$PYTHON" scripts/conformance/generate.py "$TMP/suite.json"

status=0
for f in cbor2-interop.json appendix-a.json appendix-a-expected.json appendix-f.json cbor2-semantic.json codable-cbor2.json codable-numbers.json python-json.json python-regex.json python-isoformat.json concrete-goldens.json; do
    if [ ! -f "$RES/$f" ]; then
        echo "check.sh: missing $RES/$f" >&2
        status=1
    elif ! cmp -s "$TMP/$f" "$RES/$f"; then
        echo "check.sh: $RES/$f differs from the regenerated copy:" >&2
        diff -u "$RES/$f" "$TMP/$f" | head -n 40 >&2 || true
        status=1
    fi
done
if ! cmp -s "$TMP/concrete-deployment.json" Sources/ConciseCLI/Resources/concrete-deployment.json; then
    echo "check.sh: Sources/ConciseCLI/Resources/concrete-deployment.json differs from the regenerated copy" >&2
    status=1
fi
if ! cmp -s "$TMP/suite.json" Tests/Conformance/suite.json; then
    echo "check.sh: Tests/Conformance/suite.json differs from the regenerated copy" >&2
    status=1
fi
if [ "$status" -eq 0 ]; then
    echo "check.sh: test vectors up to date"
fi
exit "$status"
