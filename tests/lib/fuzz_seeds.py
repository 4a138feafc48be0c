#!/usr/bin/env python3
"""Writes fuzz seed inputs from the shared URI vectors: seeds/<target>/<id> (one URI per file).

usage: fuzz_seeds.py SHARED_VECTORS_DIR OUT_DIR
"""
import json
import os
import sys

vectors, out = sys.argv[1], sys.argv[2]
targets = {"otpauth-dev.json": "uri", "rfc4226.json": "uri", "rfc6238.json": "uri",
           "migration-dev.json": "migration"}
for name, target in targets.items():
    path = os.path.join(vectors, name)
    if not os.path.exists(path):
        continue
    os.makedirs(os.path.join(out, target), exist_ok=True)
    for case in json.load(open(path, encoding="utf-8"))["cases"]:
        if case.get("repeat"):
            continue  # the 64 KiB cases only slow the fuzzer down
        with open(os.path.join(out, target, case["id"]), "w", encoding="utf-8") as f:
            f.write(case["uri"])
