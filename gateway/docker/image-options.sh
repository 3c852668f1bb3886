#!/bin/sh
# Prints the image's default JVM options, read from gateway/Dockerfile's ENV JAVA_TOOL_OPTIONS line, so that the
# local image build and the benchmark start the gateway exactly as the image does.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
opts=$(sed -n 's/^ENV JAVA_TOOL_OPTIONS="\(.*\)"$/\1/p' "$here/../Dockerfile")
[ -n "$opts" ] || { echo "no ENV JAVA_TOOL_OPTIONS line in $here/../Dockerfile" >&2; exit 1; }
printf '%s\n' "$opts"
