#!/bin/sh
# Builds the start-up cache of an extracted Boot jar in the current directory and writes the flag that maps it to
# startup.flags: an AOT cache on JDK 25+ (-XX:AOTCacheOutput training run, -XX:AOTCache), else a class-data-sharing
# archive (-XX:ArchiveClassesAtExit, -XX:SharedArchiveFile). One training run that exits right after the context
# refresh; with neither, startup.flags stays empty and the gateway starts without a cache.
set -eu
: > startup.flags
if java -XX:AOTCacheOutput=app.aot -Dspring.context.exit=onRefresh -jar app.jar > aot-training.log 2>&1 \
    && [ -s app.aot ]; then
  echo "-XX:AOTCache=app.aot" > startup.flags
else
  rm -f app.aot
  if java -XX:ArchiveClassesAtExit=app.jsa -Dspring.context.exit=onRefresh -jar app.jar > cds-training.log 2>&1 \
      && [ -s app.jsa ]; then
    echo "-XX:SharedArchiveFile=app.jsa" > startup.flags
  fi
fi
rm -f aot-training.log cds-training.log
echo "start-up cache: $(cat startup.flags)"
