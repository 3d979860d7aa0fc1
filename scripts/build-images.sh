#!/usr/bin/env bash
# Builds the atlas-operator and atlas-emulator images with Jib (no Dockerfile) into the local
# Docker engine, tagged with the project version. The base is BASE_IMAGE (default
# eclipse-temurin:17-jre) when it can be pulled, else a JRE base made locally (base-image.sh).
#   scripts/build-images.sh            build into the local engine
#   IMAGE_GOAL=buildTar scripts/build-images.sh   target/atlas-*-image.tar, no engine needed
#                                                 (BASE_IMAGE must then be pullable)
set -euo pipefail
cd "$(dirname "$0")/.."
goal=${IMAGE_GOAL:-dockerBuild}
if [ "$goal" = dockerBuild ]; then
  base="docker://$(scripts/base-image.sh)"
else
  base=${BASE_IMAGE:-eclipse-temurin:17-jre}
fi
mvn -B -q -Pimages package -DskipTests -Dspotless.check.skip=true -Dimage.goal="$goal" \
  -Dimage.base="$base" "$@"
if [ "$goal" = dockerBuild ]; then
  docker images --format '{{.Repository}}:{{.Tag}}  {{.Size}}' | grep -E '^atlas-(operator|emulator):'
fi
