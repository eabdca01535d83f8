#!/usr/bin/env python3
"""Starts the real registries the registry tests run against, on 127.0.0.1, and stops them when
its standard input closes (so a crashed test leaves nothing behind).

  registryenv.py WORKDIR
  environment: BH_REGISTRY_USERS="user:password,..." (the first user is the proxies' own login)

- "basic": Debian's docker-registry (distribution 2.8) with TLS (self-signed, openssl) and
  htpasswd bcrypt auth (apache2-utils), as in docs test-components.md section 4;
- "token": a second registry with `auth: token` and tokenserver.py as the issuer (HTTPS);
- "proxy" / "tokenProxy": registryproxy.py in front of each, for fault injection.
Prints one JSON line with the addresses and file paths, then waits.
"""
import json
import os
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import registryproxy  # noqa: E402
import tokenserver  # noqa: E402


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(*args, **kw):
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kw)


def self_signed(work, name, cn="127.0.0.1"):
    key, crt = os.path.join(work, name + ".key"), os.path.join(work, name + ".crt")
    run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "3650", "-subj", "/CN=" + cn,
        "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", key, "-out", crt)
    return key, crt


def wait_port(port, proc, timeout=20):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError("a registry exited early; see its log in the work directory")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("port %d did not open" % port)


def registry_config(work, name, port, key, crt, auth):
    data = os.path.join(work, name + "-data")
    os.makedirs(data, exist_ok=True)
    path = os.path.join(work, name + ".yml")
    with open(path, "w") as f:
        f.write("version: 0.1\n"
                "log: {level: warn, accesslog: {disabled: true}}\n"
                "storage: {filesystem: {rootdirectory: %s}, delete: {enabled: true}}\n"
                "http: {addr: 127.0.0.1:%d, tls: {certificate: %s, key: %s}}\n"
                "auth: %s\n" % (data, port, crt, key, auth))
    return path


def main():
    work = os.path.abspath(sys.argv[1])
    os.makedirs(work, exist_ok=True)
    users = dict(u.split(":", 1) for u in os.environ["BH_REGISTRY_USERS"].split(",") if ":" in u)
    first_user = os.environ["BH_REGISTRY_USERS"].split(",")[0]

    key, crt = self_signed(work, "registry")
    token_key, token_crt = self_signed(work, "token-signer", cn="bulkhead-test-token-issuer")
    cert_dir = os.path.join(work, "client-certs")
    os.makedirs(cert_dir, exist_ok=True)
    with open(crt) as src, open(os.path.join(cert_dir, "ca.crt"), "w") as dst:
        dst.write(src.read())
    htpasswd = os.path.join(work, "htpasswd")
    open(htpasswd, "w").close()
    for name, password in users.items():
        # -i: the password comes on stdin, not in argv; only the bcrypt hash is written.
        run("htpasswd", "-B", "-i", htpasswd, name, input=password.encode())

    basic_port, token_port, issuer_port = free_port(), free_port(), free_port()
    proxy_port, token_proxy_port = free_port(), free_port()
    service, issuer_name = "bulkhead-test-registry", "bulkhead-test-issuer"
    procs = []
    try:
        basic_cfg = registry_config(work, "basic", basic_port, key, crt,
                                    "{htpasswd: {realm: test-realm, path: %s}}" % htpasswd)
        token_cfg = registry_config(work, "token", token_port, key, crt,
                                    "{token: {realm: 'https://127.0.0.1:%d/token', service: %s, issuer: %s, "
                                    "rootcertbundle: %s}}" % (issuer_port, service, issuer_name, token_crt))
        for name, cfg in (("basic", basic_cfg), ("token", token_cfg)):
            log = open(os.path.join(work, name + ".log"), "w")
            procs.append(subprocess.Popen(["docker-registry", "serve", cfg], stdout=log, stderr=log,
                                          stdin=subprocess.DEVNULL))
        issuer = tokenserver.TokenIssuer(token_key, token_crt, issuer_name, service, users)
        tokenserver.serve(issuer_port, crt, key, issuer)
        registryproxy.serve(proxy_port, crt, key, registryproxy.ProxyState(
            "127.0.0.1", basic_port, crt, first_user, proxy_port))
        registryproxy.serve(token_proxy_port, crt, key, registryproxy.ProxyState(
            "127.0.0.1", token_port, crt, None, token_proxy_port))
        wait_port(basic_port, procs[0])
        wait_port(token_port, procs[1])
        wait_port(issuer_port, None)
        print(json.dumps({
            "basic": "127.0.0.1:%d" % basic_port, "token": "127.0.0.1:%d" % token_port,
            "proxy": "127.0.0.1:%d" % proxy_port, "tokenProxy": "127.0.0.1:%d" % token_proxy_port,
            "issuer": "127.0.0.1:%d" % issuer_port, "ca": crt, "certDir": cert_dir, "work": work,
        }), flush=True)
        sys.stdin.read()   # until the test closes it or dies
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()


if __name__ == "__main__":
    main()
