#!/usr/bin/env python3
"""Admin/raw helpers for the push interop tests (run with the peer's venv python).

    peer_admin.py cleanup            delete every token of the test user (clean slate)
    peer_admin.py post FILE          POST FILE (a form body) to $PI_URL/ttype/push; print result.value
    peer_admin.py mode code_to_phone|presence
                                     switch the push_auth policy at runtime (admin REST API, no
                                     restart): push_code_to_phone, or number matching as up.sh sets it
"""
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.environ["INKAN_SHARED"], "peers", "privacyidea"))
from _peer import admin_token, load_env, session  # noqa: E402


def main():
    cfg = load_env()
    s = session(cfg)
    if sys.argv[1] == "cleanup":
        s.headers["Authorization"] = admin_token(cfg, s)
        r = s.get(cfg["PI_URL"] + "/token/", params={"user": cfg["PI_USER"], "realm": cfg["PI_REALM"],
                                                     "pagesize": 500}, timeout=30)
        tokens = r.json()["result"]["value"]["tokens"]
        for t in tokens:
            s.delete(cfg["PI_URL"] + "/token/" + t["serial"], timeout=30).raise_for_status()
        print(f"deleted {len(tokens)} token(s)")
    elif sys.argv[1] == "post":
        with open(sys.argv[2], "rb") as f:
            body = f.read()
        r = s.post(cfg["PI_URL"] + "/ttype/push", data=body, timeout=30,
                   headers={"Content-Type": "application/x-www-form-urlencoded"})
        print(json.dumps(r.json().get("result", {}).get("value")))

    elif sys.argv[1] == "mode":
        set_mode(cfg, s, sys.argv[2])


# Keys of the number-matching mode; up.sh's defaults (NUMERIC, 3) when put back.
PRESENCE = {"push_require_presence": True, "push_presence_options": "NUMERIC", "push_presence_num_options": "3"}


def set_mode(cfg, s, mode):
    t0 = time.monotonic()
    s.headers["Authorization"] = admin_token(cfg, s)
    r = s.get(cfg["PI_URL"] + "/policy/push_auth", timeout=30)
    policy = r.json()["result"]["value"][0]
    action = {k: v for k, v in policy["action"].items() if k not in PRESENCE and k != "push_code_to_phone"}
    if mode == "code_to_phone":
        action["push_code_to_phone"] = True
    elif mode == "presence":
        action.update(PRESENCE)
    else:
        sys.exit(f"unknown mode {mode}")
    r = s.post(cfg["PI_URL"] + "/policy/push_auth", timeout=30,
               json={"scope": policy["scope"], "action": action, "active": True})
    r.raise_for_status()
    print(f"push_auth: {mode} ({time.monotonic() - t0:.2f} s)")


if __name__ == "__main__":
    main()
