#!/usr/bin/env bash
# Runs atlas-operator on an embedded default: a local kube-apiserver + etcd, the CRD, and the
# samples in operator/samples/. Builds the Kubernetes binaries first when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build-kube-binaries.sh
mvn -B -q -DskipTests -Dspotless.check.skip=true test-compile
exec mvn -B -q exec:java@demo -Dspotless.check.skip=true "$@"
