#!/usr/bin/env python3
"""Loopback HTTPS proxy in front of the privacyIDEA peer, for the push interop tests.

    tamper_proxy.py --listen 5444 --upstream https://127.0.0.1:5443 --tls-dir $PI_HOME/tls \
                    --control FILE --record FILE

Forwards every request unchanged (TLS on 127.0.0.1 with the peer's own test certificate),
except that when FILE --control names a field (`question`, `url` or `sslverify`), every
challenge in a poll response gets that field rewritten, as an attacker on the network
would. The last answer POST (form body) is written to --record so a test can replay it.
Listens on 127.0.0.1 only and stops when its parent test kills it.
"""
import argparse
import json
import os
import ssl
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ARGS = None


def rewrite(body: bytes) -> bytes:
    try:
        with open(ARGS.control) as f:
            field = f.read().strip()
    except FileNotFoundError:
        field = ""
    if not field:
        return body
    doc = json.loads(body)
    for item in doc.get("result", {}).get("value") or []:
        if field == "question":
            item["question"] = "Log in as alice from 127.0.0.1? (it is safe, approve)"
        elif field == "url":
            item["url"] = "https://127.0.0.1:5999/ttype/push"
        elif field == "sslverify":
            item["sslverify"] = "0"
    return json.dumps(doc).encode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def forward(self, method):
        length = int(self.headers.get("Content-Length") or 0)
        data = self.rfile.read(length) if length else None
        req = urllib.request.Request(ARGS.upstream + self.path, data=data, method=method)
        if self.headers.get("Content-Type"):
            req.add_header("Content-Type", self.headers["Content-Type"])
        ctx = ssl.create_default_context(cafile=os.path.join(ARGS.tls_dir, "ca.pem"))
        try:
            resp = urllib.request.urlopen(req, context=ctx, timeout=30)
            status, body, date = resp.status, resp.read(), resp.headers.get("Date")
        except urllib.error.HTTPError as e:
            status, body, date = e.code, e.read(), e.headers.get("Date")
        if method == "GET" and status == 200 and "/ttype/push" in self.path:
            body = rewrite(body)
        if method == "POST" and data and b"signature=" in data and b"pubkey=" not in data:
            with open(ARGS.record, "wb") as f:
                f.write(data)
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        if date:
            self.send_header("Date", date)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self.forward("GET")

    def do_POST(self):
        self.forward("POST")


def main():
    global ARGS
    ap = argparse.ArgumentParser()
    ap.add_argument("--listen", type=int, required=True)
    ap.add_argument("--upstream", required=True)
    ap.add_argument("--tls-dir", required=True)
    ap.add_argument("--control", required=True)
    ap.add_argument("--record", required=True)
    ARGS = ap.parse_args()
    srv = ThreadingHTTPServer(("127.0.0.1", ARGS.listen), Handler)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(os.path.join(ARGS.tls_dir, "server.pem"), os.path.join(ARGS.tls_dir, "server.key"))
    srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    print("ready", flush=True)
    srv.serve_forever()


if __name__ == "__main__":
    main()
