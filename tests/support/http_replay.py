#!/usr/bin/python3
"""http_replay.py - the local HTTP server the HTTP client tests talk to (test-only code).

Usage: tests/support/http_replay.py [--routes FILE.json]...
       (binds 127.0.0.1 on a free port, prints the port)

Prints the port on its first stdout line, then serves until stdin closes (the test process
holds the other end, so the server goes away with the test). HTTP/1.1 with keep-alive, one
thread per connection. Scripted routes (TOKEN makes per-test state independent):
  /ok                  200 text/plain "hello, world\n"
  /gzip                200 gzip-encoded "compressed hello\n" (Content-Encoding: gzip, always)
  /ua                  200, the request's User-Agent as the body
  /missing             404
  /retry429/TOKEN      first request 429 with Retry-After: 1, then 200 "after 429\n"
  /retry500/TOKEN      first request 500, then 200 "after 500\n"
  /always503           503 every time
  /truncated           200, Content-Length: 100, sends 10 bytes and closes
  /stall               sleeps 5 s before answering
  /big                 200 with 1 MiB body and its Content-Length
  /big-nolength        200 with 1 MiB body, no Content-Length, closes to end it
  /connections         200, how many TCP connections the server has accepted so far
  /hits/PATH           200, how many requests PATH has had

Fixture routes (--routes, the connectors' tests): a JSON list of routes, tried in order before
the scripted ones; the first whose "match" (a Python regular expression) matches the whole
percent-decoded request target (path?query) answers. A route is one response or, with
"responses", a list answered in turn (the last one repeats), e.g. a 500 then the data:
  {"match": "/sgs/bcdata\\.sgs\\.432/dados\\?.*", "status": 200,
   "content_type": "application/json", "file": "sgs_432.json"}
A response has: status (default 200), content_type (default application/json), headers
([[name, value]...]), one of body (text) or file (path relative to the routes file; .gz files
are sent gunzipped unless "gzip": true), and an optional fault:
  "truncate"   announce the full length, send half the body and close
  "stall"      sleep "stall_s" seconds (default 5) before answering
"""
import gzip
import http.server
import json
import os
import re
import urllib.parse
import socketserver
import sys
import threading
import time

lock = threading.Lock()
hits = {}
connections = [0]
routes = []  # (compiled regex, [response...], route index)


def load_routes(path):
    base = os.path.dirname(os.path.abspath(path))
    with open(path, encoding="utf-8") as f:
        for r in json.load(f):
            responses = r.get("responses", [r])
            for resp in responses:
                if "file" in resp:
                    with open(os.path.join(base, resp["file"]), "rb") as g:
                        data = g.read()
                    if resp["file"].endswith(".gz") and not resp.get("gzip"):
                        data = gzip.decompress(data)
                    resp["_body"] = data
                else:
                    resp["_body"] = resp.get("body", "").encode("utf-8")
            routes.append((re.compile(r["match"]), responses, len(routes)))


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def setup(self):
        super().setup()
        with lock:
            connections[0] += 1

    def log_message(self, fmt, *args):
        pass

    def send(self, status, body, ctype="text/plain", headers=(), length=None):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def fixture(self, target):
        for rx, responses, idx in routes:
            if rx.fullmatch(target):
                with lock:
                    k = hits.get(("route", idx), 0)
                    hits[("route", idx)] = k + 1
                r = responses[min(k, len(responses) - 1)]
                body = r["_body"]
                headers = [tuple(h) for h in r.get("headers", [])]
                if r.get("gzip"):
                    headers.append(("Content-Encoding", "gzip"))
                fault = r.get("fault")
                if fault == "stall":
                    time.sleep(r.get("stall_s", 5))
                if fault == "truncate":
                    self.send(r.get("status", 200), body[: len(body) // 2],
                              r.get("content_type", "application/json"), headers, len(body))
                    self.close_connection = True
                else:
                    self.send(r.get("status", 200), body,
                              r.get("content_type", "application/json"), headers)
                return True
        return False

    def do_GET(self):
        p = self.path
        with lock:
            n = hits.get(p, 0) + 1
            hits[p] = n
        if routes and self.fixture(urllib.parse.unquote(p)):
            return
        if p == "/ok":
            self.send(200, b"hello, world\n")
        elif p == "/gzip":
            self.send(200, gzip.compress(b"compressed hello\n", mtime=0),
                      headers=[("Content-Encoding", "gzip")])
        elif p == "/ua":
            self.send(200, self.headers.get("User-Agent", "").encode())
        elif p == "/missing":
            self.send(404, b"not here\n")
        elif p.startswith("/retry429/"):
            if n == 1:
                self.send(429, b"slow down\n", headers=[("Retry-After", "1")])
            else:
                self.send(200, b"after 429\n")
        elif p.startswith("/retry500/"):
            if n == 1:
                self.send(500, b"oops\n")
            else:
                self.send(200, b"after 500\n")
        elif p == "/always503":
            self.send(503, b"unavailable\n")
        elif p == "/truncated":
            self.send(200, b"0123456789", length=100)
            self.close_connection = True
        elif p == "/stall":
            time.sleep(5)
            self.send(200, b"late\n")
        elif p == "/big":
            self.send(200, b"x" * (1 << 20))
        elif p == "/big-nolength":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(b"x" * (1 << 20))
            self.close_connection = True
        elif p == "/connections":
            with lock:
                c = connections[0]
            self.send(200, b"%d" % c)
        elif p.startswith("/hits/"):
            with lock:
                c = hits.get(p[len("/hits"):], 0)
            self.send(200, b"%d" % c)
        else:
            self.send(404, b"no route\n")


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # the client hanging up mid-body (the size cap, the timeout) is expected here
        if not isinstance(sys.exc_info()[1], (ConnectionError, BrokenPipeError)):
            super().handle_error(request, client_address)


def main():
    args = sys.argv[1:]
    while args:
        if args[0] == "--routes" and len(args) > 1:
            load_routes(args[1])
            args = args[2:]
        else:
            sys.stderr.write("usage: http_replay.py [--routes FILE.json]...\n")
            return 2
    server = Server(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdout.write("%d\n" % server.server_address[1])
    sys.stdout.flush()
    sys.stdin.read()  # until the test closes its end
    return 0


if __name__ == "__main__":
    sys.exit(main())
