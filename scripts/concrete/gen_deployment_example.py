#!/usr/bin/env python3
"""Write Sources/ConciseCLI/Resources/concrete-deployment.json.

The file is exactly what Concrete ML 1.9.0 writes (``json.dumps(obj, cls=ConcreteEncoder)``, no
trailing newline) for a realistic deployment-style object: a few UniformQuantizers built with
Concrete ML's own quantizers code, a 64x32 float32 weight matrix, its int64 quantized values,
a float32 bias, ... (see gen_goldens.build_deployment). The result is checked to load back with
Concrete ML's ConcreteDecoder.

Usage: .venv/bin/python scripts/concrete/gen_deployment_example.py [--output PATH]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.dont_write_bytecode = True  # keep scripts/concrete free of __pycache__
sys.path.insert(0, str(Path(__file__).resolve().parent))
import gen_goldens  # noqa: E402
import stubs  # noqa: E402

VERSION = "1.9.0"
DEFAULT_OUTPUT = stubs.REPO_ROOT / "Sources" / "ConciseCLI" / "Resources" / "concrete-deployment.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args()

    cml = stubs.load_concrete_ml(VERSION)
    obj = gen_goldens.build_deployment(cml, large=True)
    text = cml.dumps(obj)
    problem = gen_goldens.diff(obj, gen_goldens.decode(cml, text))
    if problem is not None:
        raise SystemExit(f"deployment example does not round-trip: {problem}")

    args.output.parent.mkdir(parents=True, exist_ok=True)
    with open(args.output, "w", encoding="ascii", newline="\n") as fh:
        fh.write(text)  # no trailing newline: byte-identical to ConcreteEncoder's output
    print(f"wrote {args.output} ({len(text)} bytes)")


if __name__ == "__main__":
    main()
