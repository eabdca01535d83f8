#!/usr/bin/env python3
"""A small Docker registry token issuer (distribution docs: token.md, jwt.md) for the tests.

GET /token?service=S&scope=repository:NAME:pull,push[&account=U] with optional Basic auth.
Users come from the environment (BH_TOKEN_USERS="user:password,..."), never from a file.
Anonymous callers get "pull" on repositories under "public/"; known users get what they ask.
Tokens are JWTs signed RS256 with `openssl dgst` and carry the signing certificate in "x5c", which
the registry checks against its rootcertbundle. Only the standard library and openssl are used.
"""
import base64
import json
import os
import ssl
import subprocess
import threading
import time
import urllib.parse
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class TokenIssuer:
    def __init__(self, key_path, cert_path, issuer, service, users):
        self.key_path = key_path
        self.issuer = issuer
        self.service = service
        self.users = users
        with open(cert_path) as f:
            pem = f.read()
        der = ssl.PEM_cert_to_DER_cert(pem)
        self.x5c = [base64.b64encode(der).decode()]
        self.lifetime = 300
        self.issued = 0
        self.lock = threading.Lock()

    def sign(self, claims):
        header = {"typ": "JWT", "alg": "RS256", "x5c": self.x5c}
        signing_input = b64url(json.dumps(header).encode()) + "." + b64url(json.dumps(claims).encode())
        sig = subprocess.run(["openssl", "dgst", "-sha256", "-sign", self.key_path],
                             input=signing_input.encode(), capture_output=True, check=True).stdout
        return signing_input + "." + b64url(sig)

    def issue(self, user, scopes):
        access = []
        for scope in scopes:
            parts = scope.split(":")
            if len(parts) < 3:
                continue
            kind, name, actions = parts[0], ":".join(parts[1:-1]), parts[-1].split(",")
            if kind == "repository":
                if user is None:
                    actions = [a for a in actions if a == "pull"] if name.startswith("public/") else []
                if actions:
                    access.append({"type": kind, "name": name, "actions": actions})
            elif kind == "registry" and user is not None:
                access.append({"type": kind, "name": name, "actions": actions})
        now = int(time.time())
        claims = {"iss": self.issuer, "sub": user or "", "aud": self.service, "exp": now + self.lifetime,
                  "nbf": now - 5, "iat": now, "jti": uuid.uuid4().hex, "access": access}
        with self.lock:
            self.issued += 1
        return self.sign(claims)


class QuietJsonHandler(BaseHTTPRequestHandler):
    """No request logging (nothing about credentials reaches a log); JSON answers."""

    def log_message(self, *args):
        pass

    def reply(self, status, body, headers=()):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)


def make_handler(issuer: TokenIssuer):
    class Handler(QuietJsonHandler):

        def user(self):
            auth = self.headers.get("Authorization", "")
            if not auth.startswith("Basic "):
                return None, True
            try:
                name, _, password = base64.b64decode(auth[6:]).decode().partition(":")
            except Exception:
                return None, False
            if issuer.users.get(name) == password:
                return name, True
            return None, False

        def do_GET(self):
            url = urllib.parse.urlparse(self.path)
            if url.path == "/stats":
                return self.reply(200, {"issued": issuer.issued})
            if url.path != "/token":
                return self.reply(404, {"error": "not found"})
            query = urllib.parse.parse_qs(url.query)
            if query.get("service", [""])[0] != issuer.service:
                return self.reply(400, {"error": "unknown service"})
            user, ok = self.user()
            if not ok:
                return self.reply(401, {"error": "bad credentials"},
                                  [("WWW-Authenticate", 'Basic realm="token"')])
            token = issuer.issue(user, query.get("scope", []))
            self.reply(200, {"token": token, "access_token": token, "expires_in": issuer.lifetime,
                             "issued_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())})

    return Handler


def serve(port, cert, key, issuer: TokenIssuer):
    server = ThreadingHTTPServer(("127.0.0.1", port), make_handler(issuer))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server
