#!/usr/bin/env bash
# Runs the Atlas emulator on its own, from target/atlas-emulator.jar (built when it is missing).
# Example: scripts/atlas-emulator.sh --port 8090 --api-key PUBLIC:PRIVATE --project 5356823b3794dee37132bb7b
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -f target/atlas-emulator.jar ]] || mvn -B -q -DskipTests -Dspotless.check.skip=true package
exec java -jar target/atlas-emulator.jar "$@"
