#!/usr/bin/env python3
"""Loopback HTTPS server for the system-CA step (tests/ci.d/55-system-ca.sh).

    tls_echo_server.py CERT KEY PORT_FILE LOG_FILE

Listens on 127.0.0.1 (a free port, written to PORT_FILE once listening), serves CERT/KEY,
answers every request with 404 and a short text, and appends "METHOD PATH" for each request
to LOG_FILE: a line there means a client finished the TLS handshake and sent HTTP. Runs until
killed.
"""
import os
import ssl
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CERT, KEY, PORT_FILE, LOG_FILE = sys.argv[1:5]


class Handler(BaseHTTPRequestHandler):
    def answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(min(length, 65536))
        with open(LOG_FILE, "a") as log:
            log.write(f"{self.command} {self.path.split('?')[0]}\n")
        body = b"not a privacyIDEA server\n"
        self.send_response(404)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = answer
    do_POST = answer

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(CERT, KEY)
server.socket = context.wrap_socket(server.socket, server_side=True)
with open(PORT_FILE + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
# Renamed once complete, so the step never reads a half-written port.
os.rename(PORT_FILE + ".tmp", PORT_FILE)
server.serve_forever()
