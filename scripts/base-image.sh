#!/usr/bin/env bash
# Prints the base image to build the operator and emulator images on, making it if needed.
# The configured public base (BASE_IMAGE, default eclipse-temurin:17-jre) is used when it is
# present or can be pulled; otherwise (no registry reachable) a JRE base is made locally from
# Debian packages with mmdebstrap and imported as atlas-operator/jre-base:17 (about 25 s once).
# Jib reads it from the local engine as docker://IMAGE.
set -euo pipefail
BASE_IMAGE=${BASE_IMAGE:-eclipse-temurin:17-jre}
LOCAL_BASE=atlas-operator/jre-base:17

if docker image inspect "$BASE_IMAGE" >/dev/null 2>&1 \
  || timeout 60 docker pull -q "$BASE_IMAGE" >/dev/null 2>&1; then
  echo "$BASE_IMAGE"
  exit 0
fi
if ! docker image inspect "$LOCAL_BASE" >/dev/null 2>&1; then
  echo "base image: $BASE_IMAGE cannot be pulled; making $LOCAL_BASE from Debian packages" >&2
  jvm=/usr/lib/jvm/java-17-openjdk-$(dpkg --print-architecture)
  mmdebstrap --quiet --variant=minbase --include=openjdk-17-jre-headless,ca-certificates \
    bookworm - \
    | docker import \
      --change "ENV JAVA_HOME=$jvm" \
      --change "ENV PATH=$jvm/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
      --change 'ENV LANG=C.UTF-8' \
      - "$LOCAL_BASE" >/dev/null
fi
echo "$LOCAL_BASE"
