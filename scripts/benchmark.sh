#!/usr/bin/env bash
# How the operator scales and what it costs Atlas: the built jar (target/atlas-operator.jar) as its
# own process against a local kube-apiserver and the Atlas emulator with latency and per-project
# token buckets (the same on the databaseUsers and the clusters endpoint sets), optionally with
# clusters and flex clusters in every project, for which every user gets a connection Secret once
# the emulator's cluster status says APPLIED (--apply-delay after the project's latest user
# write). Prints a table and writes every figure to a JSON file (default target/benchmark.json).
# Flags (all optional; --help lists them):
#   --users 1000 --projects 10 --resync 10s --latency 50ms --bucket 100:100/60s
#   --operator-bucket C:R/PERIOD --api v1.0|v2|all --auth digest|service-account|all
#   --intervals 3 --change-percent 10 --step-timeout 10m --jvm-flags "..." --out FILE.json
#   --clusters 0 --flex-clusters 0 --apply-delay 0s
#   --passwords given|generated|two-users --grace 10s
# --passwords generated leaves passwordSecretRef out (the operator generates every password) and
# step 4 rotates all of them (annotation atlasoperator.io/rotate-password), in place; two-users
# does the same with rotation strategy TwoUsers (gracePeriod --grace), --users counting Atlas users
# (two per resource). Step 4 then also samples every connection Secret every 250 ms against what
# the emulator accepts, and reports the longest window a Secret held credentials it did not.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build-kube-binaries.sh
scripts/ensure-jar.sh
# Each argument quoted, so that one with spaces (--jvm-flags "...") stays one argument.
args=""
for arg in "$@"; do args+=" \"$arg\""; done
exec mvn -B -q exec:java@benchmark -Dspotless.check.skip=true -Dexec.args="$args"
