#!/usr/bin/env bash
# mediagate start-up and memory benchmark (issue 18): production mode (no demo), pinned to one core like run.sh.
# Prints one markdown report on stdout (run.sh appends it to its results file); progress goes to stderr.
#
#   bench/startup.sh                       ~10-12 min on 2 cores
#   STARTUP_QUICK=1 bench/startup.sh       ~4-6 min (1 start each, 5 s load, 1 and 100 connections)
#
# Measures, in one run, the gateway as the image starts it (gateway/docker/build-local.sh: the image's app directory,
# start-up cache and JAVA_TOOL_OPTIONS, with the JVM sized as in a pod with STARTUP_POD_MEMORY, default 384m, via
# -XX:MaxRAM): on JDK 25 with and without its AOT cache (when a JDK 25 is found: STARTUP_JDK25 or /usr/lib/jvm/*25*),
# with its cache on 2 CPUs (the chart's default limit) and without Spring AOT's generated context (its own image
# directory, trained without it), and on JDK 17 with its CDS archive; and stock SCG on JDK 17 as a user starts it, and on JDK 25 with the image's
# options. For each: start to readiness, the CPU time spent until then (less sensitive to a loaded machine than the
# wall clock), the first request after ready (a vendor call: what lazy initialisation would cost), RSS idle (3 s
# after ready) and RSS after STARTUP_LOAD_S seconds of load. Then how ready time and RSS grow with 1, 100 and 1000
# configured connections (against the fast upstream, each read once), and with 0, 300 and 3000 cache entries
# (distinct cached videos), for the first mediagate variant. Reuses run.sh's jars (BENCH_SKIP_BUILD=1 skips building).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
QUICK=${STARTUP_QUICK:-0}
if [[ "$QUICK" == 1 ]]; then RUNS=1; LOAD_S=5; COUNTS="1 100"; ENTRIES="0 300"
else RUNS=${STARTUP_RUNS:-3}; LOAD_S=${STARTUP_LOAD_S:-20}; COUNTS=${STARTUP_CONNECTIONS:-"1 100 1000"}
  ENTRIES=${STARTUP_CACHE_ENTRIES:-"0 300 3000"}; fi
JAVA_OPTS_EXTRA=${BENCH_JAVA_OPTS:-}
UP_PORT=18190; MG_PORT=18191; MG_MGMT_PORT=18192; SCG_PORT=18193
LOADGEN_CPU=0; SERVER_CPU=1; (( $(nproc) < 2 )) && SERVER_CPU=0
API_KEY=mediagate-bench-key
MG_AUTH="Authorization: Bearer $API_KEY"
JAVA17=${STARTUP_JDK17:-java}
POD_MEMORY=${STARTUP_POD_MEMORY:-384m}
JDK25=${STARTUP_JDK25:-$(ls -d /usr/lib/jvm/*25* 2>/dev/null | head -1 || true)}
WORK=$(mktemp -d /tmp/mediagate-startup.XXXXXX)
PIDS=()
T0=$(date +%s)
log() { printf '[startup %4ss] %s\n' "$(( $(date +%s) - T0 ))" "$*" >&2; }
cleanup() { local p; for p in "${PIDS[@]:-}"; do [[ -n "$p" ]] && kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
  log "building the gateway and the bench projects (package only)"
  (cd "$ROOT" && mvn -B -q -pl gateway -am package -DskipTests) >&2
  mvn -B -q -f "$BENCH_DIR/upstream/pom.xml" package -DskipTests >&2
  mvn -B -q -f "$BENCH_DIR/stock-scg/pom.xml" package -DskipTests >&2
fi
MG_JAR="$ROOT/gateway/target/mediagate-gateway.jar"
UP_JAR="$BENCH_DIR/upstream/target/bench-upstream.jar"
SCG_JAR="$BENCH_DIR/stock-scg/target/bench-stock-scg.jar"
for j in "$MG_JAR" "$UP_JAR" "$SCG_JAR"; do [[ -f "$j" ]] || { echo "missing $j" >&2; exit 1; }; done
HAVE_WRK=0; command -v wrk > /dev/null && HAVE_WRK=1

code() { taskset -c "$LOADGEN_CPU" curl -s -o /dev/null -m 5 -w '%{http_code}' "$@" || true; }
rss() { awk '$1=="VmRSS:" {print int($2/1024)}' "/proc/$1/status" 2>/dev/null || echo "?"; }
cpu_ms() { awk -v t="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / t)}' "/proc/$1/stat" 2>/dev/null || echo "?"; }
first_ms() { taskset -c "$LOADGEN_CPU" curl -s -o /dev/null -m 10 -w '%{time_total}' ${2:+-H "$2"} "$1" | awk '{printf "%.0f", $1 * 1000}'; }
heap_after_gc() {  # MB of live objects (the class histogram runs a full GC first): what the data costs
  jcmd "$1" GC.class_histogram 2>/dev/null | awk '$1=="Total" {printf "%.1f", $3/1048576}' || echo "?"
}
load() {  # load SECONDS URL [HEADER]
  if (( HAVE_WRK )); then
    timeout $(( $1 + 20 )) taskset -c "$LOADGEN_CPU" wrk -t1 -c16 -d"$1s" ${3:+-H "$3"} "$2" > "$WORK/wrk.txt" 2>&1 || true
  else
    local end=$(( $(date +%s) + $1 )); while (( $(date +%s) < end )); do code ${3:+-H "$3"} "$2" > /dev/null; done
  fi
}
# start NAME JAVA READY_URL ARGS... -> PID, READY_MS, READY_CPU_MS. JVM_ENV: JAVA_TOOL_OPTIONS for this start;
# IMAGE_DIR: start that app directory's entrypoint.sh (as the image does) with the JDK in JVM_HOME, JAVA unused
start() {
  local name=$1 java=$2 url=$3; shift 3
  local t0 deadline; t0=$(date +%s%N); deadline=$(( t0 + 120000000000 ))
  if [[ -n "${IMAGE_DIR:-}" ]]; then  # sh execs java: PID is the JVM's
    JAVA_HOME="$JVM_HOME" JAVA_TOOL_OPTIONS="${JVM_ENV:-} $JAVA_OPTS_EXTRA" taskset -c "${CPUSET:-$SERVER_CPU}" \
      sh "$IMAGE_DIR/entrypoint.sh" "$@" > "$WORK/$name.log" 2>&1 &
  else
    # shellcheck disable=SC2086
    JAVA_TOOL_OPTIONS="${JVM_ENV:-}" taskset -c "$SERVER_CPU" "$java" $JAVA_OPTS_EXTRA "$@" > "$WORK/$name.log" 2>&1 &
  fi
  PID=$!; PIDS+=("$PID")
  until [[ "$(code "$url")" == 200 ]]; do
    if ! kill -0 "$PID" 2>/dev/null || (( $(date +%s%N) > deadline )); then
      echo "$name did not become ready; log $WORK/$name.log" >&2; tail -30 "$WORK/$name.log" >&2; exit 1
    fi
    sleep 0.02
  done
  READY_MS=$(( ($(date +%s%N) - t0) / 1000000 )); READY_CPU_MS=$(cpu_ms "$PID")
}
stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

taskset -c "$SERVER_CPU" java -XX:+UseSerialGC -Dreactor.netty.ioWorkerCount=1 -jar "$UP_JAR" --port "$UP_PORT" \
  --videos 3000 > "$WORK/upstream.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 300); do [[ "$(code -H 'Authorization: orgkey-bench' "http://127.0.0.1:$UP_PORT/v0/organizations/apiKeys/whoami")" == 200 ]] && break; sleep 0.1; done

# config CONNECTIONS -> a production config with that many Cognitive3D connections on the fast upstream
config() {
  local n=$1 f="$WORK/mg-$1.yaml" i
  {
    echo "server: { address: 127.0.0.1, port: $MG_PORT }"
    echo "management: { server: { port: $MG_MGMT_PORT, address: 127.0.0.1 } }"
    echo "mediagate:"
    echo "  clients:"
    echo "    - { id: bench, key-sha256: $(printf %s "$API_KEY" | sha256sum | cut -d' ' -f1), scopes: [videos:read, raw], connections: [\"*\"], rate-limit: { limit: 10000000, period: 1s } }"
    echo "  connections:"
    for i in $(seq 1 "$n"); do
      echo "    c$i: { vendor: cognitive3d, base-url: \"http://127.0.0.1:$UP_PORT/v0\", credentials: { api-key: orgkey-bench }, options: { project-id: 4242 }, cache: { ttl: 1h, max-weight-bytes: 268435456 } }"
    done
  } > "$f"
  echo "$f"
}
READY="http://127.0.0.1:$MG_MGMT_PORT/actuator/health/readiness"
CONF1=$(config 1)

# ---- the ways to start: the image's app directory (gateway/docker/build-local.sh) on JDK 25 with and without its
# AOT cache and on JDK 17 with its CDS archive, all with the image's JAVA_TOOL_OPTIONS in a pod-sized JVM; stock SCG
BUILD_LOCAL="$ROOT/gateway/docker/build-local.sh"
POD="-XX:MaxRAM=$POD_MEMORY"
JAVA17_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v "$JAVA17")")")")
taskset -c "$SERVER_CPU" env JAVA_HOME="$JAVA17_HOME" sh "$BUILD_LOCAL" "$MG_JAR" "$WORK/img17" > "$WORK/img17-build.log" 2>&1
IMAGE_OPTS="$(cat "$WORK/img17/java-tool-options") $POD"
log "JDK 17 image: $(cat "$WORK/img17/startup.flags") ($(du -m "$WORK/img17/app.jsa" 2>/dev/null | cut -f1) MB)"
VARIANTS="img17 scg17"
if [[ -n "$JDK25" && -x "$JDK25/bin/java" ]]; then
  taskset -c "$SERVER_CPU" env JAVA_HOME="$JDK25" sh "$BUILD_LOCAL" "$MG_JAR" "$WORK/img25" > "$WORK/img25-build.log" 2>&1
  if grep -q AOTCache "$WORK/img25/startup.flags"; then
    VARIANTS="img25 img25cpu2 img25nospring img25nocache img17 scg17 scg25"
    log "JDK 25 image: AOT cache $(du -m "$WORK/img25/app.aot" | cut -f1) MB"
    # the same image without Spring AOT's generated context (gateway.jvm.springAot: false), its cache trained so
    NOSPRING_OPTS=$(sed 's/-Dspring.aot.enabled=true *//' "$WORK/img25/java-tool-options")
    taskset -c "$SERVER_CPU" env JAVA_HOME="$JDK25" MEDIAGATE_IMAGE_OPTIONS="$NOSPRING_OPTS" sh "$BUILD_LOCAL" "$MG_JAR" \
      "$WORK/img25ns" > "$WORK/img25ns-build.log" 2>&1
  else log "JDK 25 made no AOT cache; skipped"; fi
fi
MG_URL="http://127.0.0.1:$MG_PORT/v1/connections/c1/videos/301"
SCG_URL="http://127.0.0.1:$SCG_PORT/v0/projects/4242/media/301"

{
  echo "## Start-up and memory (production mode, \`bench/startup.sh\`)"
  echo
  echo "One core (taskset CPU $SERVER_CPU; the 2-CPU row: CPUs $LOADGEN_CPU,$SERVER_CPU), ${RUNS} start(s) each, load: ${LOAD_S} s of $([[ $HAVE_WRK == 1 ]] && echo 'wrk -c16' || echo 'curl (no wrk)') on a cached read (stock SCG: its one route). \`uptime\` before: $(uptime | sed 's/.*load/load/'). The image's JVM options: \`$IMAGE_OPTS\` (\`-XX:MaxRAM\`: the JVM sizes itself as in a pod with that memory limit). Extra JVM flags: \`${JAVA_OPTS_EXTRA:-none}\`."
  echo
  echo "| start | ready ms (each start) | CPU ms until ready | first request ms | RSS idle MB | RSS after load MB | ready ÷ stock SCG (JDK 17) |"
  echo "|---|---|---|---|---|---|---|"
} > "$WORK/report.md"
declare -A READY_OF
for v in $VARIANTS; do
  readies=""; cpus=""; firsts=""; idle=""; loaded=""; sum=0
  for r in $(seq 1 "$RUNS"); do
    URL=$MG_URL; H="$MG_AUTH"; JVM_ENV="$IMAGE_OPTS"
    case $v in
      img25) IMAGE_DIR="$WORK/img25" JVM_HOME=$JDK25 start "$v-$r" - "$READY" --spring.config.additional-location="file:$CONF1" ;;
      img25cpu2) CPUSET="$LOADGEN_CPU,$SERVER_CPU" IMAGE_DIR="$WORK/img25" JVM_HOME=$JDK25 start "$v-$r" - "$READY" --spring.config.additional-location="file:$CONF1" ;;
      img25nospring) JVM_ENV="$NOSPRING_OPTS $POD" IMAGE_DIR="$WORK/img25ns" JVM_HOME=$JDK25 start "$v-$r" - "$READY" --spring.config.additional-location="file:$CONF1" ;;
      img25nocache) start "$v-$r" "$JDK25/bin/java" "$READY" -jar "$WORK/img25/app.jar" --spring.config.additional-location="file:$CONF1" ;;
      img17) IMAGE_DIR="$WORK/img17" JVM_HOME=$JAVA17_HOME start "$v-$r" - "$READY" --spring.config.additional-location="file:$CONF1" ;;
      scg17) JVM_ENV="" start "$v-$r" "$JAVA17" "http://127.0.0.1:$SCG_PORT/actuator/health/readiness" -Dreactor.netty.ioWorkerCount=1 -jar "$SCG_JAR" \
               --BENCH_SCG_PORT="$SCG_PORT" --BENCH_UPSTREAM_URI="http://127.0.0.1:$UP_PORT"; URL=$SCG_URL; H="Authorization: orgkey-bench" ;;
      scg25) JVM_ENV="$NOSPRING_OPTS $POD" start "$v-$r" "$JDK25/bin/java" "http://127.0.0.1:$SCG_PORT/actuator/health/readiness" -Dreactor.netty.ioWorkerCount=1 -jar "$SCG_JAR" \
               --BENCH_SCG_PORT="$SCG_PORT" --BENCH_UPSTREAM_URI="http://127.0.0.1:$UP_PORT"; URL=$SCG_URL; H="Authorization: orgkey-bench" ;;
    esac
    f=$(first_ms "$URL" "$H"); sleep 3; i=$(rss "$PID"); load "$LOAD_S" "$URL" "$H"; l=$(rss "$PID"); stop "$PID"
    readies+="${readies:+ / }$READY_MS"; cpus+="${cpus:+ / }$READY_CPU_MS"; firsts+="${firsts:+ / }$f"
    idle+="${idle:+ / }$i"; loaded+="${loaded:+ / }$l"; sum=$(( sum + READY_MS ))
    log "$v start $r: ready ${READY_MS} ms (CPU ${READY_CPU_MS} ms), first request ${f} ms, RSS idle ${i} MB, after load ${l} MB"
  done
  READY_OF[$v]=$(( sum / RUNS ))
  case $v in
    img25) name="mediagate image, JDK 25 + AOT cache";;
    img25cpu2) name="mediagate image, JDK 25 + AOT cache, 2 CPUs (the chart's limit)";;
    img25nospring) name="mediagate image, JDK 25 + AOT cache, without Spring AOT";; img25nocache) name="mediagate image, JDK 25, no AOT cache";;
    img17) name="mediagate image, JDK 17 + CDS";; scg17) name="stock SCG, JDK 17, default flags";;
    scg25) name="stock SCG, JDK 25, the image's options (but Spring AOT)";; *) name=$v;;
  esac
  echo "| $name | $readies | $cpus | $firsts | $idle | $loaded | RATIO_$v |" >> "$WORK/report.md"
done
# ready ÷ stock SCG on JDK 17, mean of the starts: filled in once every variant ran
for v in $VARIANTS; do
  r=$(awk -v a="${READY_OF[$v]}" -v b="${READY_OF[scg17]}" 'BEGIN {printf "%.2f×", a / b}')
  sed -i "s/RATIO_$v |/$r |/" "$WORK/report.md"
done
echo >> "$WORK/report.md"
echo "\`uptime\` after: $(uptime | sed 's/.*load/load/')." >> "$WORK/report.md"
# the growth tables below use the first mediagate variant: the JDK 25 image when there is one
GROW=${VARIANTS%% *}
grow_start() {  # NAME CONFIG
  if [[ $GROW == img25 ]]; then JVM_ENV="$IMAGE_OPTS" IMAGE_DIR="$WORK/img25" JVM_HOME=$JDK25 start "$1" - "$READY" --spring.config.additional-location="file:$2"
  else JVM_ENV="$IMAGE_OPTS" IMAGE_DIR="$WORK/img17" JVM_HOME=$JAVA17_HOME start "$1" - "$READY" --spring.config.additional-location="file:$2"; fi
}

# ---- connections: ready time and RSS as the configuration grows (each connection read once)
{
  echo
  echo "Growth, $GROW (the same JVM options):"
  echo
  echo "| configured connections | ready ms | RSS idle MB | live heap MB | RSS after one read each MB |"
  echo "|---|---|---|---|---|"
} >> "$WORK/report.md"
for n in $COUNTS; do
  f=$(config "$n")
  grow_start "conn-$n" "$f"
  sleep 3; i=$(rss "$PID"); h=$(heap_after_gc "$PID")
  for c in $(seq 1 "$n"); do code -H "$MG_AUTH" "http://127.0.0.1:$MG_PORT/v1/connections/c$c/videos/301" > /dev/null; done
  l=$(rss "$PID"); stop "$PID"
  log "$n connections: ready ${READY_MS} ms, RSS idle ${i} MB, heap ${h} MB, after reads ${l} MB"
  echo "| $n | $READY_MS | $i | $h | $l |" >> "$WORK/report.md"
done

# ---- cache entries: distinct cached videos on one connection
{
  echo
  echo "| cache entries | live heap MB | RSS MB |"
  echo "|---|---|---|"
} >> "$WORK/report.md"
grow_start "cache" "$CONF1"
filled=0
for e in $ENTRIES; do
  while (( filled < e )); do code -H "$MG_AUTH" "http://127.0.0.1:$MG_PORT/v1/connections/c1/videos/$(( 301 + filled ))" > /dev/null; filled=$(( filled + 1 )); done
  h=$(heap_after_gc "$PID"); r=$(rss "$PID")
  log "$e cache entries: heap ${h} MB, RSS ${r} MB"
  echo "| $e | $h | $r |" >> "$WORK/report.md"
done
stop "$PID"
cat "$WORK/report.md"
log "done; logs in $WORK"
