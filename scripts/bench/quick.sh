#!/usr/bin/env bash
# Quick side-by-side measurement of the value path (release build) and a C program calling
# libcbor directly on the same bytes. Usage: scripts/bench/quick.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-20}
folder=$(mktemp -d)
trap 'rm -rf "$folder"' EXIT
swift build -c release --package-path Benchmarks --product quick-bench >/dev/null
gcc -O2 -o "$folder/libcbor_bench" Benchmarks/C/libcbor_bench.c $(pkg-config --cflags --libs libcbor)
Benchmarks/.build/release/quick-bench "$folder" "$rounds"
"$folder/libcbor_bench" "$folder" "$rounds"
