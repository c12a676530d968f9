#!/usr/bin/env bash
# `make bench`: builds `concise` in release mode, writes every workload's CBOR, measures the
# references on those very bytes (a C program calling libcbor with counting callbacks and
# cbor_encode_* into a preallocated buffer; Python's cbor2), then prints one table of Concise
# beside them, and the peak memory of every decode. Usage: scripts/bench/run.sh [--quick] [--json]
set -euo pipefail
cd "$(dirname "$0")/../.."
python=${PYTHON:-.venv/bin/python}
rounds=10
for argument in "$@"; do [ "$argument" = --quick ] && rounds=3; done
folder=$(mktemp -d)
trap 'rm -rf "$folder"' EXIT
swift build -c release --product concise >/dev/null
bin=$(swift build -c release --show-bin-path)
gcc -O2 -o "$folder/libcbor_bench" Benchmarks/C/libcbor_bench.c $(pkg-config --cflags --libs libcbor)
workloads=(ints doubles records bytes nested f64_1m f64_1m_typed)
# The references run on exactly the bytes Concise measures.
"$bin/concise" bench --write-inputs "$folder"
"$folder/libcbor_bench" "$folder" "$rounds" "${workloads[@]}" > "$folder/references.jsonl"
"$python" scripts/bench/cbor2_bench.py "$folder" "$rounds" "${workloads[@]}" >> "$folder/references.jsonl"
"$bin/concise" bench --references "$folder/references.jsonl" "$@"
# Peak memory while decoding, each workload in a fresh process (the table form only).
if [[ " $* " != *" --json "* ]]; then
    echo
    "$bin/concise" bench --memory
fi
