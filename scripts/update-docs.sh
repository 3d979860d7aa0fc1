#!/usr/bin/env bash
# Regenerates the generated pages of docs/reference/ (the API reference from the CRD, the status
# reasons from the code); GeneratedDocsTest fails when they are stale.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile -Dspotless.check.skip=true
exec mvn -B -q surefire:test -Dtest=GeneratedDocsTest -Ddocs.write=true -Dsurefire.failIfNoSpecifiedTests=false
