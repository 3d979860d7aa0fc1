#!/usr/bin/env bash
# What the person on call reads during an Atlas outage: the built jar (or --jar another build, to
# compare) manages --users users; once they are Ready, Atlas answers 503 to every call for
# --outage, then recovers. Prints the operator's log lines per window (steady, outage, recovery)
# by level, with stack-trace lines and examples. Flags (all optional):
#   --users 100 --projects 10 --outage 60s --resync 10s --jar target/atlas-operator.jar
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build-kube-binaries.sh
scripts/ensure-jar.sh
exec mvn -B -q exec:java@outage -Dspotless.check.skip=true -Dexec.args="$*"
