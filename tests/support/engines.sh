#!/usr/bin/env bash
# Starts / stops a private dockerd and a private Podman API service for the engine tests, each on
# a unix socket under BASE, storing everything under BASE (vfs, no iptables, no bridge; see
# docs/test-components.md section 3). Never touches the system daemons or their sockets.
#   engines.sh start BASE   -> BASE/docker.sock, BASE/podman.sock (a missing tool is noted in
#                              BASE/unavailable-docker.txt / unavailable-podman.txt, not an error)
#   engines.sh stop BASE    -> kills only the PIDs recorded under BASE, unmounts and removes BASE
set -uo pipefail

cmd=${1:-}
base=${2:-}
if [ -z "$cmd" ] || [ -z "$base" ]; then
  echo "usage: $0 start|stop BASE" >&2
  exit 2
fi

wait_socket() {   # SOCKET PID SECONDS
  local i
  for ((i = 0; i < $3 * 10; i++)); do
    if curl -sf --max-time 2 --unix-socket "$1" http://d/_ping >/dev/null 2>&1; then return 0; fi
    kill -0 "$2" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

launch() {   # NAME COMMAND...: runs it in the background, records its PID, waits for BASE/NAME.sock
  local name=$1
  shift
  "$@" >"$base/$name.log" 2>&1 &
  echo $! >"$base/$name.pid"
  if ! wait_socket "$base/$name.sock" "$(cat "$base/$name.pid")" 30; then
    echo "$name did not start; see $base/$name.log:" >&2
    tail -5 "$base/$name.log" >&2
    return 1
  fi
}

stop_pid() {   # PIDFILE
  [ -f "$1" ] || return 0
  local pid i
  pid=$(cat "$1")
  # Only a process of ours: its command line names BASE (a recycled PID never does).
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "$base"; then
    kill -TERM "$pid" 2>/dev/null
    for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null
  fi
  rm -f "$1"
}

case "$cmd" in
start)
  "$0" stop "$base" >/dev/null 2>&1
  mkdir -p "$base"
  base=$(cd "$base" && pwd)
  if [ ${#base} -gt 80 ]; then
    echo "BASE $base is too long for unix socket paths" >&2
    exit 2
  fi
  rc=0
  if command -v dockerd >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    mkdir -p "$base/dockerd"
    cat >"$base/dockerd/daemon.json" <<JSON
{ "hosts": ["unix://$base/docker.sock"], "data-root": "$base/dockerd/root", "exec-root": "$base/dockerd/exec",
  "pidfile": "$base/dockerd/dockerd.pid", "storage-driver": "vfs", "iptables": false, "ip6tables": false,
  "ip-forward": false, "ip-masq": false, "bridge": "none", "userland-proxy": false }
JSON
    launch docker dockerd --config-file "$base/dockerd/daemon.json" || rc=1
  else
    echo "dockerd is not installed or not running as root (installer/install-deps.sh --test)" >"$base/unavailable-docker.txt"
  fi
  if command -v podman >/dev/null 2>&1; then
    mkdir -p "$base/podman/root" "$base/podman/run" "$base/podman/tmp"
    launch podman podman --root "$base/podman/root" --runroot "$base/podman/run" --storage-driver vfs \
      --tmpdir "$base/podman/tmp" system service --time=0 "unix://$base/podman.sock" || rc=1
  else
    echo "podman is not installed (installer/install-deps.sh --test)" >"$base/unavailable-podman.txt"
  fi
  exit $rc
  ;;
stop)
  [ -d "$base" ] || exit 0
  base=$(cd "$base" && pwd)
  for f in "$base"/*.pid; do stop_pid "$f"; done
  # dockerd's own containerd exits with it, unless dockerd was killed hard. Removing the vfs
  # stores (hundreds of MB of small files) is what takes time on a busy disk.
  stop_pid "$base/dockerd/exec/containerd/containerd.pid"
  # dockerd leaves its netns / runtime mounts when killed hard; unmount them before removing.
  grep -o " $base/[^ ]*" /proc/mounts 2>/dev/null | sort -r | while read -r m; do umount -l "$m" 2>/dev/null; done
  rm -rf "$base"
  exit 0
  ;;
*)
  echo "usage: $0 start|stop BASE" >&2
  exit 2
  ;;
esac
