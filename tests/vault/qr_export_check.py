#!/usr/bin/env python3
"""Google-migration QR export, read back by an independent decoder (OpenCV).

Usage: qr_export_check.py PATH_TO_INKAN
Creates a vault from samples/accounts.txt, exports it with `--format google-qr`, decodes
every PNG with cv2.QRCodeDetector and checks that `inkan parse` of the decoded
otpauth-migration:// URIs yields exactly the accounts (and secrets) Google's format can
carry, in vault order.
"""
import atexit, json, os, shutil, subprocess, sys, tempfile
import cv2

inkan = sys.argv[1]
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
work = tempfile.mkdtemp(prefix="inkan-qr-")
atexit.register(shutil.rmtree, work, True)
env = dict(os.environ, INKAN_INSECURE_TEST_KDF="1", INKAN_KEYSTORE="none", HOME=work)
base = [inkan, "--vault", os.path.join(work, "v.inkan"), "--password-stdin"]


def run(args, stdin=b"pw\n"):
    return subprocess.run(base + args, input=stdin, env=env, check=True, capture_output=True).stdout.decode()


run(["import", os.path.join(root, "samples", "accounts.txt")])
plain = [l for l in run(["export", "--format", "plain", "--yes", "-o", "-"]).splitlines() if not l.startswith("#")]
files = run(["export", "--format", "google-qr", "--yes", "-o", os.path.join(work, "qr")]).split()
def decode(path):
    """OpenCV's detectors occasionally miss a valid code; try both, at two scales."""
    img = cv2.imread(path, cv2.IMREAD_GRAYSCALE)
    for im in (img, cv2.resize(img, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)):
        for det in (cv2.QRCodeDetector(), cv2.QRCodeDetectorAruco()):
            text, _, _ = det.detectAndDecode(im)
            if text:
                return text
    return ""


decoded = []
for f in files:
    text = decode(f)
    assert text.startswith("otpauth-migration://offline?data="), f"{f}: decoded {text[:40]!r}"
    decoded += json.loads(subprocess.run([inkan, "parse", "--json", text], check=True, capture_output=True).stdout)

expected = []
for uri in plain:
    acct = json.loads(subprocess.run([inkan, "parse", "--json", uri], check=True, capture_output=True).stdout)[0]
    # What Google's format cannot carry is skipped by the export (reported on stderr).
    if acct["kind"] == "steam" or acct["digits"] not in (6, 8) or (acct["kind"] == "totp" and acct["period"] != 30):
        continue
    expected.append(acct)
key = lambda a: (a["issuer"], a["account"], a["secret"], a["kind"], a["digits"], a["algorithm"])
assert [key(a) for a in decoded] == [key(a) for a in expected], (decoded, expected)
print(f"google-qr export: {len(files)} PNG(s) decoded by OpenCV, {len(decoded)} accounts match the vault")
