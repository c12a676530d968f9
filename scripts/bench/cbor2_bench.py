"""The cbor2 reference for `make bench`: Python's cbor2 (from PyPI, the C extension) decoding
and encoding the very bytes `concise bench --write-inputs` wrote, in thread-CPU time, best of
ROUNDS. Prints one JSON line per workload, and one more for the records' encode with
`canonical=True`.

    python scripts/bench/cbor2_bench.py FOLDER ROUNDS NAME...
"""
import json
import sys
import time

import cbor2


def best(rounds, repeats, body):
    result = float("inf")
    for _ in range(rounds):
        start = time.thread_time()
        for _ in range(repeats):
            body()
        result = min(result, time.thread_time() - start)
    return max(result, 1e-9)


def main():
    folder, rounds, names = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    for name in names:
        data = open(f"{folder}/{name}.cbor", "rb").read()
        repeats = 1000 if len(data) < 65536 else 1
        try:
            value = cbor2.loads(data)
        except cbor2.CBORDecodeError as error:  # nested: cbor2 stops at depth 400
            print(f"cbor2_bench: {name}: {error}", file=sys.stderr)
            continue
        if cbor2.dumps(value) != data:
            print(f"cbor2_bench: {name}: cbor2 re-encoding differs", file=sys.stderr)
        megabytes = len(data) * repeats / 1e6
        decode = best(rounds, repeats, lambda: cbor2.loads(data))
        encode = best(rounds, repeats, lambda: cbor2.dumps(value))
        print(json.dumps({"source": "cbor2", "workload": name, "bytes": len(data),
                          "decode": round(megabytes / decode, 1), "encode": round(megabytes / encode, 1)}))
        if name == "records":  # keys sorted, floats shortest: the records' canonical bytes
            canonical = best(rounds, repeats, lambda: cbor2.dumps(value, canonical=True))
            size = len(cbor2.dumps(value, canonical=True)) * repeats / 1e6
            print(json.dumps({"source": "cbor2 canonical", "workload": name, "bytes": len(data),
                              "encode": round(size / canonical, 1)}))


if __name__ == "__main__":
    sys.setrecursionlimit(10000)
    main()
