#!/usr/bin/env python3
"""Writes the vault/Aegis test fixtures in this folder, independently of the Rust code.

Run from anywhere: python3 core/tests/data/vault/make_fixtures.py  (needs `cryptography` >= 44)
Salts, keys and nonces are fixed so the output is reproducible byte for byte.

- aegis_plain.json      Aegis vault, unencrypted (docs/vault.md of beemdevelopment/Aegis)
- aegis_encrypted.json  same entries, password "test", scrypt N=2^15 r=8 p=1, AES-256-GCM
- inkan_v1.inkan        an inkan vault written from docs/vault-format.md alone,
                        password "fixture-password", Argon2id m=19456 KiB t=2 p=1 (the minimum)
- inkan_test_kdf.inkan  the same with the test-only parameters m=8 KiB t=1: debug builds
                        (tests) open it, release builds refuse it as too weak
- inkan_v1_recovery.inkan  the same vault plus a sealed recovery slot (kind 4, X25519),
                        recovery code "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567"
"""
import base64, json, os, struct
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

HERE = os.path.dirname(os.path.abspath(__file__))

ENTRIES = [
    {"type": "totp", "uuid": "3ae6f1ad-2e65-4ed2-a953-1ec0dff2386d", "name": "alice@example.com",
     "issuer": "ACME", "note": "work laptop", "favorite": False, "icon": None,
     "info": {"secret": "JBSWY3DPEHPK3PXP", "algo": "SHA1", "digits": 6, "period": 30}},
    {"type": "hotp", "uuid": "9c1a3a39-3c5c-4a0e-8bd7-0f5d8b1f2c11", "name": "bob", "issuer": "Bank",
     "note": "", "favorite": False, "icon": None,
     "info": {"secret": "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "algo": "SHA256", "digits": 8, "counter": 3}},
    {"type": "steam", "uuid": "5b0a0f69-8f0e-4a53-9d0b-7a0b1c2d3e4f", "name": "carol", "issuer": "Steam",
     "note": "", "favorite": False, "icon": None,
     "info": {"secret": "KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TFOQ", "algo": "SHA1", "digits": 5, "period": 30}},
    {"type": "yandex", "uuid": "0e3b8f6a-3c2d-4b1a-9f8e-7d6c5b4a3921", "name": "dave", "issuer": "Yandex",
     "note": "", "favorite": False, "icon": None,
     "info": {"secret": "JBSWY3DPEHPK3PXP", "algo": "SHA256", "digits": 8, "period": 30, "pin": "1234"}},
    {"type": "totp", "uuid": "7f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2910", "name": "erin", "issuer": "Broken",
     "note": "", "favorite": False, "icon": None,
     "info": {"secret": "not base32!", "algo": "SHA1", "digits": 6, "period": 30}},
]
DB = {"version": 3, "entries": ENTRIES, "groups": []}


def aegis_plain():
    return {"version": 1, "header": {"slots": None, "params": None}, "db": DB}


def aegis_encrypted(password=b"test"):
    master = bytes(range(32))
    salt = bytes(range(100, 132))
    kek = Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(password)
    slot_nonce = bytes(range(12))
    wrapped = AESGCM(kek).encrypt(slot_nonce, master, None)
    db_nonce = bytes(range(12, 24))
    sealed = AESGCM(master).encrypt(db_nonce, json.dumps(DB).encode(), None)
    slots = [
        # A biometric slot (type 2) the importer must skip over.
        {"type": 2, "uuid": "11111111-2222-4333-8444-555555555555", "key": "00" * 32,
         "key_params": {"nonce": "00" * 12, "tag": "00" * 16}},
        {"type": 1, "uuid": "a8325752-c1be-458a-9b3e-5e0a8154d9ec", "key": wrapped[:-16].hex(),
         "key_params": {"nonce": slot_nonce.hex(), "tag": wrapped[-16:].hex()},
         "n": 2**15, "r": 8, "p": 1, "salt": salt.hex(), "repaired": True, "is_backup": False},
    ]
    return {"version": 1,
            "header": {"slots": slots, "params": {"nonce": db_nonce.hex(), "tag": sealed[-16:].hex()}},
            "db": base64.b64encode(sealed[:-16]).decode()}


# --- inkan vault format v1 (docs/vault-format.md) ---
MAGIC = b"INKANVLT"


def blob(b):
    return struct.pack(">H", len(b)) + b


def opt(s):
    return b"\x00" if s is None else b"\x01" + blob(s.encode())


def sealed_recovery_slot(code, key, m, t, p=1):
    """Kind 4: the data key sealed to the X25519 public key of Argon2id(code)."""
    salt = bytes(range(16, 32))
    seed = Argon2id(salt=salt, length=32, iterations=t, lanes=p, memory_cost=m).derive(code)
    recipient = X25519PrivateKey.from_private_bytes(seed).public_key().public_bytes_raw()
    eph = X25519PrivateKey.from_private_bytes(bytes(range(100, 132)))
    eph_pub = eph.public_key().public_bytes_raw()
    shared = eph.exchange(X25519PublicKey.from_public_bytes(recipient))
    kek = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"inkan sealed key v1",
               info=eph_pub + recipient).derive(shared)
    nonce = bytes(range(80, 92))
    aad = MAGIC + struct.pack(">HB", 1, 4) + struct.pack(">III", m, t, p) + salt + recipient
    wrapped = AESGCM(kek).encrypt(nonce, key, aad)
    payload = struct.pack(">III", m, t, p) + salt + recipient + eph_pub + nonce + wrapped
    return b"\x04" + blob(payload)


def inkan_vault(m, t, password=b"fixture-password", recovery_code=None):
    key = bytes(range(200, 232))
    p = 1
    salt = bytes(range(16))
    slot_nonce = bytes(range(40, 52))
    kek = Argon2id(salt=salt, length=32, iterations=t, lanes=p, memory_cost=m).derive(password)
    slot_aad = MAGIC + struct.pack(">HB", 1, 1) + struct.pack(">III", m, t, p) + salt
    wrapped = AESGCM(kek).encrypt(slot_nonce, key, slot_aad)
    payload = struct.pack(">III", m, t, p) + salt + slot_nonce + wrapped
    body_nonce = bytes(range(60, 72))
    slots = b"\x01" + blob(payload)
    if recovery_code is not None:
        slots += sealed_recovery_slot(recovery_code, key, m, t)
    count = 1 if recovery_code is None else 2
    header = MAGIC + struct.pack(">HH", 1, count) + slots + body_nonce
    entries = [
        # id, kind, algorithm, digits, issuer, name, secret, icon, note, created, last_used
        (bytes.fromhex("0123456789abcdef"), b"\x01" + struct.pack(">I", 30), 1, 6, "ACME", "alice@example.com",
         base64.b32decode("JBSWY3DPEHPK3PXP"), "acme.example", "made by make_fixtures.py", 1700000000, None),
        (bytes.fromhex("fedcba9876543210"), b"\x02" + struct.pack(">Q", 7), 2, 8, None, "bob",
         b"12345678901234567890", None, "", 1700000100, 1700000200),
    ]
    body = struct.pack(">BI", 1, len(entries))
    for (eid, kind, alg, digits, issuer, name, secret, icon, note, created, used) in entries:
        body += eid + kind + bytes([alg, digits]) + opt(issuer) + blob(name.encode()) + blob(secret)
        body += opt(icon) + blob(note.encode()) + struct.pack(">q", created)
        body += b"\x00" if used is None else b"\x01" + struct.pack(">q", used)
    return header + AESGCM(key).encrypt(body_nonce, body, header)


def main():
    with open(os.path.join(HERE, "aegis_plain.json"), "w") as f:
        json.dump(aegis_plain(), f, indent=2)
    with open(os.path.join(HERE, "aegis_encrypted.json"), "w") as f:
        json.dump(aegis_encrypted(), f, indent=2)
    with open(os.path.join(HERE, "inkan_v1.inkan"), "wb") as f:
        f.write(inkan_vault(19456, 2))
    with open(os.path.join(HERE, "inkan_test_kdf.inkan"), "wb") as f:
        f.write(inkan_vault(8, 1))
    with open(os.path.join(HERE, "inkan_v1_recovery.inkan"), "wb") as f:
        # The code in canonical form (docs/vault-format.md): base32 characters, no dashes.
        f.write(inkan_vault(19456, 2, recovery_code=b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"))
    print("fixtures written to", HERE)


if __name__ == "__main__":
    main()
