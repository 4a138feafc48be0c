#!/usr/bin/env python3
"""Codes from pyotp for the cross-check test: one JSON object per input line, one code per output line.

Input line: {"secret": BASE32, "kind": "totp"|"hotp"|"steam", "algorithm": "SHA1"|..., "digits": n,
             "period": p|null, "counter": c|null, "at": unix}
pyotp 2.12 refuses secrets under 112 bits and periods over 120 s by policy (NIST guidance, not the
algorithm). Both checks are relaxed here so that pyotp's own HOTP/TOTP computation is compared for
every account inkan accepts: the secret is decoded without the length check, and a TOTP period over
120 s is computed as pyotp's HOTP at step floor(at / period), which is RFC 6238's definition.
"""
import base64
import hashlib
import json
import sys

import pyotp
from pyotp.contrib import Steam

DIGESTS = {"SHA1": hashlib.sha1, "SHA256": hashlib.sha256, "SHA512": hashlib.sha512}


def byte_secret_without_policy(self):
    s = self.secret.upper()
    return base64.b32decode(s + "=" * (-len(s) % 8))


pyotp.OTP.byte_secret = byte_secret_without_policy


def code(item):
    digest = DIGESTS[item["algorithm"]]
    s, at = item["secret"], item["at"]
    if item["kind"] == "steam":
        return Steam(s).at(at)
    if item["kind"] == "hotp":
        return pyotp.HOTP(s, digits=item["digits"], digest=digest).at(item["counter"])
    period = item["period"]
    if period <= 120:
        return pyotp.TOTP(s, digits=item["digits"], digest=digest, interval=period).at(at)
    return pyotp.HOTP(s, digits=item["digits"], digest=digest).at(at // period)


def main():
    out = []
    for line in sys.stdin:
        if line.strip():
            out.append(code(json.loads(line)))
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
