#!/usr/bin/env bash
# Runs atlas-operator on an embedded default: a local kube-apiserver + etcd, the CRD, and the
# samples in operator/samples/. Builds the Kubernetes binaries first when they are missing.
#
# --keep: then leaves the API server, the Atlas emulator and the operator running, prints a
# KUBECONFIG, the kubectl to use and the emulator's URL and key, and stops them all on Ctrl-C or
# SIGTERM. Other arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
keep=false
args=()
for arg in "$@"; do
  if [[ $arg == --keep ]]; then keep=true; else args+=("$arg"); fi
done
scripts/build-kube-binaries.sh
mvn -B -q -DskipTests -Dspotless.check.skip=true test-compile
# The demo runs inside Maven (exec:java), whose quiet mode would hide the operator's own log: its
# lines (one per change of outcome, one WARN per failed Atlas call) are shown, as the person on
# call reads them.
log=-Dorg.slf4j.simpleLogger.log.io.atlasoperator=info
if ! $keep; then
  exec mvn -B -q exec:java@demo -Dspotless.check.skip=true "$log" ${args[@]+"${args[@]}"}
fi

# The JVM runs in its own process group, so a Ctrl-C reaches only this script, which asks the JVM
# to stop (SIGTERM): its shutdown hook then stops the operator, the emulator, kube-apiserver and
# etcd in order. (Were the Ctrl-C to reach etcd and kube-apiserver too, they would die first.)
set -m
mvn -B -q exec:java@demo -Dspotless.check.skip=true "$log" -Dexec.args=--keep \
  ${args[@]+"${args[@]}"} </dev/null &
demo=$!
set +m
stopping=false
stop() {
  stopping=true
  kill -TERM "$demo" 2>/dev/null || true
}
trap stop INT TERM HUP
while kill -0 "$demo" 2>/dev/null; do
  wait "$demo" || true
done
status=0
wait "$demo" || status=$?
# 143: the JVM ended by the SIGTERM we sent it, after its shutdown hook stopped everything.
if $stopping && ((status == 143 || status == 130)); then
  status=0
fi
exit "$status"
