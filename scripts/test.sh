#!/usr/bin/env bash
# Runs every test: unit tests, then integration tests against a real kube-apiserver + etcd and
# the Atlas emulator. Builds the Kubernetes test binaries first when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build-kube-binaries.sh
exec mvn -B verify "$@"
