#!/bin/sh
# Starts the gateway from an app directory made by the image build (gateway/Dockerfile) or by build-local.sh: maps
# the start-up cache named in startup.flags, if any, and passes every argument on to the gateway. exec: java
# replaces the shell (PID 1 in the container), so SIGTERM reaches it directly and graceful shutdown works.
set -eu
dir=$(cd "$(dirname "$0")" && pwd)
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
# shellcheck disable=SC2046
exec "$java" $(cat "$dir/startup.flags" 2>/dev/null || true) -jar "$dir/app.jar" "$@"
