#!/usr/bin/env bash
# Makes sure a Docker engine is reachable, for the image build and the container tests.
#   scripts/docker-engine.sh start   install (Debian packages) and start dockerd if none answers
#   scripts/docker-engine.sh stop    stop the dockerd this script started (if any)
# The engine's log is in target/dockerd.log; its pid in target/dockerd.pid.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target
# Outside target/, so that `mvn clean` cannot orphan the engine.
PID_FILE=${XDG_RUNTIME_DIR:-/tmp}/atlas-operator-dockerd.pid
LOG_FILE=target/dockerd.log

reachable() { docker info >/dev/null 2>&1; }

start() {
  if reachable; then
    echo "docker: an engine is reachable ($(docker version --format '{{.Server.Version}}' 2>/dev/null))"
    return
  fi
  if [ "$(id -u)" != 0 ]; then
    echo "docker: no engine reachable and not root: start Docker (or run as root), then run again" >&2
    exit 1
  fi
  # Only what is missing: an installed Docker (e.g. Docker CE's containerd.io) is left alone.
  missing=()
  command -v dockerd >/dev/null 2>&1 || missing+=(docker.io containerd runc)
  command -v mmdebstrap >/dev/null 2>&1 || missing+=(mmdebstrap)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "docker: installing ${missing[*]} (Debian packages)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  echo "docker: starting dockerd (log: $LOG_FILE)"
  # No iptables or forwarding here: containers use the host network or the default bridge
  # without NAT, which is all the tests need.
  nohup dockerd --storage-driver=overlay2 --iptables=false --ip6tables=false --ip-forward=false \
    >"$LOG_FILE" 2>&1 &
  echo $! >"$PID_FILE"
  for _ in $(seq 1 60); do
    if reachable; then
      echo "docker: engine up"
      return
    fi
    kill -0 "$(cat "$PID_FILE")" 2>/dev/null || break
    sleep 1
  done
  echo "docker: dockerd did not come up; last lines of $LOG_FILE:" >&2
  tail -20 "$LOG_FILE" >&2
  stop
  exit 1
}

stop() {
  if [ -f "$PID_FILE" ]; then
    pid=$(cat "$PID_FILE")
    if kill "$pid" 2>/dev/null; then
      for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
      echo "docker: stopped dockerd ($pid)"
    fi
    rm -f "$PID_FILE"
  fi
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
