#!/usr/bin/env bash
# Builds target/atlas-operator.jar when it is missing or older than the sources (the test classes
# come with it), else compiles only the test classes: for the scripts that run the built jar.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/atlas-operator.jar
if [[ ! -f $jar ]] || [[ -n $(find src/main pom.xml -newer "$jar" -print -quit) ]]; then
  mvn -B -q -DskipTests -Dspotless.check.skip=true package
else
  mvn -B -q -DskipTests -Dspotless.check.skip=true test-compile
fi
