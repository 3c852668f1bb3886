#!/bin/sh
# The image build (gateway/Dockerfile) without Docker: makes the app directory the image's /app holds, from a
# built Boot jar, with the JDK in JAVA_HOME (or on the PATH): the extracted jar, the start-up cache made by the same
# training run (startup-cache.sh; an AOT cache on JDK 25+, a CDS archive on 17), the image's default JVM options
# (image-options.sh reads them from the Dockerfile's ENV JAVA_TOOL_OPTIONS line, so the two cannot drift) and
# entrypoint.sh.
#
#   gateway/docker/build-local.sh gateway/target/mediagate-gateway.jar /tmp/mediagate-app
#   JAVA_TOOL_OPTIONS="$(cat /tmp/mediagate-app/java-tool-options)" /tmp/mediagate-app/entrypoint.sh [gateway args]
set -eu
[ $# -eq 2 ] || { echo "usage: $0 BOOT_JAR APP_DIR" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
jar=$1; dest=$2
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
# MEDIAGATE_IMAGE_OPTIONS replaces them, for comparisons only (bench/startup.sh: the image without Spring AOT)
opts=${MEDIAGATE_IMAGE_OPTIONS:-$("$here/image-options.sh")}
rm -rf "$dest"
mkdir -p "$dest"
# the Dockerfile extracts with --layers and copies the layers on top of each other: the same files as this
"$java" -Djarmode=tools -jar "$jar" extract --destination "$dest/extracted" > /dev/null
mv "$dest/extracted/lib" "$dest/lib"
mv "$dest/extracted/$(basename "$jar")" "$dest/app.jar"
rm -rf "$dest/extracted"
cp "$here/startup-cache.sh" "$here/entrypoint.sh" "$dest/"
printf '%s\n' "$opts" > "$dest/java-tool-options"
(cd "$dest" && JAVA_TOOL_OPTIONS="$opts" sh ./startup-cache.sh)
