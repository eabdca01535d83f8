#!/usr/bin/env python3
"""A fault-injecting HTTPS reverse proxy in front of a real registry, for the tests.

Faults are armed with POST /__fault {"kind": K, "match": SUBSTRING, "count": N} and apply to the
next N requests whose path contains SUBSTRING (and, except 429 and 500, that carry credentials):
  429            answer 429 with Retry-After: 1 instead of forwarding
  500            answer 503 instead of forwarding
  wrong-digest   forward, but change one byte of the body
  truncate       forward, announce the full Content-Length, send half the body and close
  expire-token   answer 401 with the upstream's Bearer challenge to a request carrying a token
  redirect       answer 307 to the same path on https://localhost:PORT/__redirected (another
                 origin); that request is served from upstream with the proxy's own credentials
  oci-accept     forward with Accept limited to the OCI manifest type (distribution 2.8 then
                 serves schema 1 for a Docker v2s2 tag)
GET /__log returns [{"method", "path", "auth": bool, "host"}] of forwarded requests;
POST /__reset clears faults and the log. Nothing secret is logged: only whether auth was present.
"""
import base64
import http.client
import json
import ssl
import threading
from http.server import ThreadingHTTPServer

from tokenserver import QuietJsonHandler

HOP_HEADERS = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade",
               "proxy-authorization", "proxy-authenticate", "host"}


class ProxyState:
    def __init__(self, upstream_host, upstream_port, ca_file, basic_auth, port):
        self.upstream = (upstream_host, upstream_port)
        self.context = ssl.create_default_context(cafile=ca_file)
        self.basic_auth = basic_auth   # for /__redirected fetches
        self.port = port
        self.faults = []
        self.log = []
        self.lock = threading.Lock()

    def take_fault(self, path, auth):
        with self.lock:
            for fault in self.faults:
                if fault["count"] > 0 and fault["match"] in path:
                    # Only 429/503 hit the client's first, unauthenticated try; the others are
                    # about the real (authenticated) request.
                    if fault["kind"] == "expire-token" and not auth.startswith("Bearer "):
                        continue
                    if fault["kind"] not in ("429", "500") and not auth:
                        continue
                    fault["count"] -= 1
                    return fault["kind"]
        return None


def make_handler(state: ProxyState):
    class Handler(QuietJsonHandler):
        protocol_version = "HTTP/1.1"

        def upstream(self, method, path, headers):
            conn = http.client.HTTPSConnection(*state.upstream, context=state.context, timeout=60)
            conn.request(method, path, headers=headers)
            return conn, conn.getresponse()

        def handle_control(self):
            if self.path == "/__log":
                with state.lock:
                    return self.reply(200, state.log)
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length) if length else b""
            if self.path == "/__fault":
                fault = json.loads(body)
                fault.setdefault("count", 1)
                with state.lock:
                    state.faults.append(fault)
                return self.reply(200, {"ok": True})
            if self.path == "/__reset":
                with state.lock:
                    state.faults.clear()
                    state.log.clear()
                return self.reply(200, {"ok": True})
            return self.reply(404, {"error": "unknown control"})

        def do_POST(self):
            if self.path.startswith("/__"):
                return self.handle_control()
            return self.reply(405, {"error": "read-only proxy"})

        def do_HEAD(self):
            self.forward("HEAD")

        def do_GET(self):
            if self.path == "/__log":
                return self.handle_control()
            self.forward("GET")

        def forward(self, method):
            path = self.path
            has_auth = "Authorization" in self.headers
            with state.lock:
                state.log.append({"method": method, "path": path, "auth": has_auth,
                                  "host": self.headers.get("Host", "")})
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_HEADERS}
            if path.startswith("/__redirected"):
                path = path[len("/__redirected"):]
                headers.pop("Authorization", None)
                if state.basic_auth:
                    headers["Authorization"] = "Basic " + base64.b64encode(state.basic_auth.encode()).decode()
                fault = None
            else:
                fault = state.take_fault(path, self.headers.get("Authorization", ""))
            if fault == "429":
                return self.reply(429, {"errors": [{"code": "TOOMANYREQUESTS", "message": "slow down"}]},
                                       [("Retry-After", "1")])
            if fault == "500":
                return self.reply(503, {"errors": [{"code": "UNAVAILABLE", "message": "try later"}]})
            if fault == "redirect":
                self.send_response(307)
                self.send_header("Location", "https://localhost:%d/__redirected%s" % (state.port, path))
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if fault == "expire-token":
                conn, probe = self.upstream("GET", "/v2/", {})
                challenge = probe.getheader("WWW-Authenticate", "")
                probe.read()
                conn.close()
                return self.reply(401, {"errors": [{"code": "UNAUTHORIZED", "message": "token expired"}]},
                                       [("WWW-Authenticate", challenge)])
            if fault == "oci-accept":
                headers["Accept"] = "application/vnd.oci.image.manifest.v1+json"
            conn, resp = self.upstream(method, path, headers)
            self.send_response(resp.status)
            length = resp.getheader("Content-Length")
            for k, v in resp.getheaders():
                if k.lower() not in HOP_HEADERS:
                    if k.lower() == "location" and v.startswith("https://%s:%d" % state.upstream):
                        v = "https://127.0.0.1:%d" % state.port + v[len("https://%s:%d" % state.upstream):]
                    self.send_header(k, v)
            self.end_headers()
            if method == "HEAD":
                conn.close()
                return
            total = int(length) if length is not None else None
            sent = 0
            first = True
            while True:
                chunk = resp.read(65536)
                if not chunk:
                    break
                if fault == "wrong-digest" and first:
                    chunk = bytes([chunk[0] ^ 0x01]) + chunk[1:]
                first = False
                if fault == "truncate" and total is not None:
                    room = total // 2 - sent
                    if room <= 0:
                        break
                    chunk = chunk[:room]
                self.wfile.write(chunk)
                sent += len(chunk)
            conn.close()
            if fault == "truncate":
                self.close_connection = True
                self.wfile.flush()
                self.connection.shutdown(2)

    return Handler


def serve(port, cert, key, state: ProxyState):
    server = ThreadingHTTPServer(("127.0.0.1", port), make_handler(state))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
