#!/usr/bin/env python3
"""Feed server for the vulnerability-DB update tests: serves files under ROOT on 127.0.0.1 with
ETag / Last-Modified (answering 304 to matching conditional requests) and, selected by a path
prefix, misbehaves the way real servers do:

  /<file>                 normal 200 / 304
  /truncate/<file>        announces the full Content-Length, sends half, closes the connection
  /corrupt/<file>         a complete-looking 200 whose body is the first 60% of the file
  /flaky/<file>           503 on the first request for that path, then normal
  /status/<code>/<file>   answers <code> with a short body
  /slow/<file>            normal, but 16 KiB every 0.2 s (for kill-mid-transfer tests)

Prints the port on the first line of stdout, then serves until killed.
Usage: feedserver.py ROOT
"""
import email.utils
import hashlib
import http.server
import os
import sys
import time

ROOT = os.path.abspath(sys.argv[1])
SEEN = set()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):  # keep test output clean
        pass

    def _file(self, rel):
        path = os.path.abspath(os.path.join(ROOT, rel.lstrip("/")))
        if not path.startswith(ROOT + os.sep) or not os.path.isfile(path):
            return None
        return path

    def _send_error(self, code):
        body = b"error\n"
        self.send_response(code)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        parts = self.path.split("/")
        mode = "normal"
        rel = self.path
        code = 200
        if len(parts) > 2 and parts[1] in ("truncate", "corrupt", "flaky", "slow"):
            mode = parts[1]
            rel = "/" + "/".join(parts[2:])
        elif len(parts) > 3 and parts[1] == "status":
            mode = "status"
            code = int(parts[2])
            rel = "/" + "/".join(parts[3:])
        path = self._file(rel)
        if path is None:
            return self._send_error(404)
        if mode == "status":
            return self._send_error(code)
        if mode == "flaky" and self.path not in SEEN:
            SEEN.add(self.path)
            return self._send_error(503)
        with open(path, "rb") as f:
            data = f.read()
        etag = '"%s"' % hashlib.sha1(data).hexdigest()
        last_modified = email.utils.formatdate(os.path.getmtime(path), usegmt=True)
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        body = data
        if mode == "corrupt":
            body = data[: len(data) * 6 // 10]
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", last_modified)
        self.end_headers()
        if mode == "truncate":
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(2)
            return
        if mode == "slow":
            for i in range(0, len(body), 16384):
                self.wfile.write(body[i : i + 16384])
                self.wfile.flush()
                time.sleep(0.2)
            return
        self.wfile.write(body)


def main():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
