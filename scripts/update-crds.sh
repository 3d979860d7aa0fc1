#!/usr/bin/env bash
# Regenerates crds/ and the Helm chart's copy of the CRD from the Java model.
set -euo pipefail
cd "$(dirname "$0")/.."
exec mvn -B -q process-test-classes -Dcrds.mode=write "$@"
