#!/usr/bin/env bash
# Runs every test: unit tests, then integration tests against a real kube-apiserver + etcd and
# the Atlas emulator, and the end-to-end tests with the real images in containers. Builds the
# Kubernetes test binaries first when they are missing, starts a Docker engine when none is
# reachable (installing it as root; see scripts/docker-engine.sh) and builds the images.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build-kube-binaries.sh
started_engine=false
if ! docker info >/dev/null 2>&1; then
  if scripts/docker-engine.sh start; then
    started_engine=true
  else
    echo "test.sh: no Docker engine: the container tests (ContainersE2EIT) will report NOT RUN" >&2
  fi
fi
if docker info >/dev/null 2>&1; then
  # Testcontainers speaks the engine's own API version (Debian's docker.io 20.10: 1.41), on the
  # local socket.
  export DOCKER_API_VERSION="$(docker version --format '{{.Server.APIVersion}}')"
  export TESTCONTAINERS_HOST_OVERRIDE=localhost
  scripts/build-images.sh \
    || echo "test.sh: the images could not be built: the container tests will report NOT RUN" >&2
fi
status=0
mvn -B verify "$@" || status=$?
if [ "$started_engine" = true ]; then
  scripts/docker-engine.sh stop
fi
exit $status
