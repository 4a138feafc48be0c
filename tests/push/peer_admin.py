#!/usr/bin/env python3
"""Admin/raw helpers for the push interop tests (run with the peer's venv python).

    peer_admin.py cleanup            delete every token of the test user (clean slate)
    peer_admin.py post FILE          POST FILE (a form body) to $PI_URL/ttype/push; print result.value
"""
import json
import os
import sys

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


if __name__ == "__main__":
    main()
