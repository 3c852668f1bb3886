#!/bin/sh
# Builds the start-up cache of an extracted Boot jar in the current directory and writes the flag that maps it to
# startup.flags: an AOT cache on JDK 25+ (-XX:AOTCacheOutput training run, -XX:AOTCache), else a class-data-sharing
# archive (-XX:ArchiveClassesAtExit, -XX:SharedArchiveFile). One training run (--training-run: the gateway starts in
# full on loopback with a throw-away client and one connection per vendor, serves a mix of probes and API calls,
# and exits; io.mediagate.gateway.startup.TrainingRun), with the JVM options in effect (JAVA_TOOL_OPTIONS: the image sets them before this step, so the cache is
# made with the GC and heap mode it is used with); with neither, startup.flags stays empty and the gateway starts
# without a cache. Paths in startup.flags are absolute, so the gateway may start from any working directory.
set -eu
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
# absolute: the cache records the class path, and entrypoint.sh starts "$dir/app.jar" from any directory
dir=$(pwd)
: > startup.flags
if "$java" -XX:AOTCacheOutput=app.aot -jar "$dir/app.jar" --training-run > aot-training.log 2>&1 \
    && [ -s app.aot ]; then
  echo "-XX:AOTCache=$dir/app.aot" > startup.flags
else
  rm -f app.aot
  if "$java" -XX:ArchiveClassesAtExit=app.jsa -jar "$dir/app.jar" --training-run > cds-training.log 2>&1 \
      && [ -s app.jsa ]; then
    echo "-XX:SharedArchiveFile=$dir/app.jsa" > startup.flags
  else
    rm -f app.jsa
  fi
fi
# a failed training run says why (the gateway's own start-up failure report), then the image starts without a cache
[ -s startup.flags ] || tail -40 aot-training.log cds-training.log 2>/dev/null >&2 || true
rm -f aot-training.log cds-training.log
echo "start-up cache: $(cat startup.flags)"
