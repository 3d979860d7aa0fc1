#!/usr/bin/env bash
# Prints how the operator scales: time for N users to become Ready, Atlas calls, heap.
# Usage: scripts/benchmark.sh [USERS] [PROJECTS] [RESYNC_SECONDS]   (defaults: 200 4 5)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build-kube-binaries.sh
mvn -B -q -DskipTests -Dspotless.check.skip=true test-compile
exec mvn -B -q exec:java@benchmark -Dspotless.check.skip=true -Dexec.args="$*"
