#!/usr/bin/env bash
# `make bench-instructions`: instruction counts (valgrind's callgrind) of one decode and one
# encode of each workload, beside the references on the very same bytes, for a machine too noisy
# for timings. Concise is counted inside `BenchOnce.measured` on the operation's second run in
# the process (the result is made and freed in it); the C floor inside its
# `decode_once`/`encode_once`; cbor2 as the difference between runs of two calls and of one (so
# its result's freeing is counted too). The ratio is the reference's count over Concise's: above
# 1, Concise runs fewer instructions.
# Usage: scripts/bench/instructions.sh [WORKLOAD...]   (default: ints doubles records f64_1m)
set -euo pipefail
cd "$(dirname "$0")/../.."
python=${PYTHON:-.venv/bin/python}
workloads=("$@")
[ ${#workloads[@]} -eq 0 ] && workloads=(ints doubles records f64_1m)
command -v valgrind >/dev/null || { echo "valgrind is needed (apt-get install valgrind)" >&2; exit 1; }
folder=$(mktemp -d)
trap 'rm -rf "$folder"' EXIT
swift build -c release --product concise >/dev/null
concise="$(swift build -c release --show-bin-path)/concise"
gcc -O2 -o "$folder/libcbor_bench" Benchmarks/C/libcbor_bench.c $(pkg-config --cflags --libs libcbor)
"$concise" bench --write-inputs "$folder"

collected() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 | awk '/Collected :/ { print $NF }'
}

cbor2_once() {  # workload, operation (decode, encode, canonical): one call's instructions (two calls less one)
    local script='
import sys, cbor2
data = open(sys.argv[1], "rb").read()
value = cbor2.loads(data)
for _ in range(int(sys.argv[3])):
    cbor2.loads(data) if sys.argv[2] == "decode" else cbor2.dumps(value, canonical=sys.argv[2] == "canonical")
'
    local one two
    one=$(PYTHONHASHSEED=0 collected "$python" -c "$script" "$folder/$1.cbor" "$2" 1)
    two=$(PYTHONHASHSEED=0 collected "$python" -c "$script" "$folder/$1.cbor" "$2" 2)
    echo $((two - one))
}

printf '%-9s %-7s %-32s %14s   %-12s %14s %8s\n' workload op path instructions reference "ref instr." ratio
for workload in "${workloads[@]}"; do
    for operation in decode encode; do
        c=$(collected --toggle-collect="${operation}_once" "$folder/libcbor_bench" "$folder" 1 "$workload")
        cbor2=$(cbor2_once "$workload" "$operation")
        paths=(value any)
        # Records whose maps were built one by one, without the decoder's shared key storage,
        # records as Swift dictionaries ([String: Any]), and both models in canonical form.
        [ "$workload" = records ] && [ "$operation" = encode ] && paths+=(any-own-keys any-swift-dictionaries any-canonical value-canonical)
        for path in "${paths[@]}"; do
            for backend in native libcbor; do
                count=$(collected '--toggle-collect=*BenchOnceO8measured*' "$concise" bench --once "$workload,$operation,$path,$backend")
                if [ "$path" = value ]; then reference="libcbor (C)"; theirs=$c; else reference=cbor2; theirs=$cbor2; fi
                if [[ "$path" = *-canonical ]]; then reference="cbor2 canon."; theirs=$(cbor2_once "$workload" canonical); fi
                printf '%-9s %-7s %-32s %14s   %-12s %14s %7.2f×\n' "$workload" "$operation" "$path, $backend" "$count" \
                    "$reference" "$theirs" "$(awk "BEGIN { print $theirs / $count }")"
            done
        done
    done
done
