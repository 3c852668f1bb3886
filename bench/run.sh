#!/usr/bin/env bash
# mediagate benchmark (issue #11): one command builds everything, runs every scenario twice and writes
# bench/results/<date>.md. Only 127.0.0.1 is targeted; every loop is bounded in time.
#
#   bench/run.sh                      full run (~20-25 min)
#   BENCH_QUICK=1 bench/run.sh        smoke run (~15 min with start-up and fairness)
#   then bench/startup.sh (start-up and memory as the image starts: ready time, CPU until ready, first request,
#                        RSS idle and after load, for mediagate on JDK 25 with and without its AOT cache and on 17
#                        with CDS, and stock SCG, all in one run; ~10-12 min; BENCH_STARTUP=0 skips it)
#   BENCH_FAIRNESS_ONLY=1 bench/run.sh only the fairness scenario (bench/fairness.sh; ~5 min, or
#                                     BENCH_FAIRNESS_SECONDS=60 for ~3 min)
#
# Overrides: BENCH_DURATION (s per measured run), BENCH_WARMUP_CAP (s per JVM scenario), BENCH_CONNECTIONS,
# BENCH_RUNS, BENCH_QUOTA_SECONDS, BENCH_JFR_SECONDS, BENCH_JAVA_OPTS (extra JVM flags for mediagate and stock
# SCG, e.g. -Xmx256m), BENCH_SKIP_BUILD=1 (reuse built jars), BENCH_NOTE (free text put into the results file).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
QUICK=${BENCH_QUICK:-0}
if [[ "$QUICK" == 1 ]]; then
  DUR=${BENCH_DURATION:-5}; WARM_CHUNK=3; WARM_CAP=${BENCH_WARMUP_CAP:-30}
  QUOTA_S=${BENCH_QUOTA_SECONDS:-30}; JFR_S=${BENCH_JFR_SECONDS:-10}
else
  DUR=${BENCH_DURATION:-30}; WARM_CHUNK=5; WARM_CAP=${BENCH_WARMUP_CAP:-60}
  QUOTA_S=${BENCH_QUOTA_SECONDS:-60}; JFR_S=${BENCH_JFR_SECONDS:-30}
fi
CONNS=${BENCH_CONNECTIONS:-16}
PACED_CONNS=${BENCH_PACED_CONNECTIONS:-64}   # paced (½-load) runs: more connections, finer pacing steps
RUNS=${BENCH_RUNS:-2}
JAVA_OPTS_EXTRA=${BENCH_JAVA_OPTS:-}

UP0_PORT=18180; UP20_PORT=18181; NGINX_PORT=18182; SCG_PORT=18183; MG_PORT=18184; MG_MGMT_PORT=18185; FLOOR_PORT=18186
LOADGEN_CPU=0; SERVER_CPU=1
API_KEY=mediagate-bench-key
UPSTREAM_AUTH='Authorization: orgkey-bench'
MG_AUTH="Authorization: Bearer $API_KEY"
ITEM_PATH=/v0/projects/4242/media/301

WORK=$(mktemp -d /tmp/mediagate-bench.XXXXXX)
RESULTS="$WORK/results.tsv"     # run scenario rps p50_us p99_us p999_us non2xx sockerr note
FACTS="$WORK/facts.tsv"         # key value
: > "$RESULTS"; : > "$FACTS"
PIDS=()
BENCH_START=$(date +%s)

log() { printf '[bench %4ss] %s\n' "$(( $(date +%s) - BENCH_START ))" "$*" >&2; }
fact() { printf '%s\t%s\n' "$1" "$2" >> "$FACTS"; }

cleanup() {
  local p
  for p in "${PIDS[@]:-}"; do
    [[ -n "$p" ]] && kill "$p" 2>/dev/null || true
  done
  if [[ -f "$WORK/nginx/nginx.pid" ]]; then kill "$(cat "$WORK/nginx/nginx.pid")" 2>/dev/null || true; fi
  wait 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- fairness only (no wrk, nginx or stock SCG)
if [[ "${BENCH_FAIRNESS_ONLY:-0}" == 1 ]]; then
  if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
    log "building the gateway and bench/upstream"
    (cd "$ROOT" && mvn -B -q -pl gateway -am package -DskipTests)
    mvn -B -q -f "$BENCH_DIR/upstream/pom.xml" package -DskipTests
  fi
  (( $(nproc) < 2 )) && { LOADGEN_CPU=0; SERVER_CPU=0; }
  export LOADGEN_CPU SERVER_CPU
  exec "$BENCH_DIR/fairness.sh"
fi

# ---------------------------------------------------------------- tools and builds
if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null; then
  log "installing wrk and nginx"
  apt-get update && apt-get install -y wrk nginx
fi
for t in java mvn curl taskset python3 jfr jcmd sha256sum; do
  command -v "$t" >/dev/null || { echo "missing tool: $t" >&2; exit 1; }
done
CORES=$(nproc)
if (( CORES < 2 )); then LOADGEN_CPU=0; SERVER_CPU=0; log "only one core: load generator and servers share it"; fi

if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
  log "building mediagate (root: mvn -B -q install -DskipTests)"
  (cd "$ROOT" && mvn -B -q install -DskipTests)
  log "building bench/upstream and bench/stock-scg"
  mvn -B -q -f "$BENCH_DIR/upstream/pom.xml" package -DskipTests
  mvn -B -q -f "$BENCH_DIR/stock-scg/pom.xml" package -DskipTests
fi
MG_JAR="$ROOT/gateway/target/mediagate-gateway.jar"
UP_JAR="$BENCH_DIR/upstream/target/bench-upstream.jar"
SCG_JAR="$BENCH_DIR/stock-scg/target/bench-stock-scg.jar"
for j in "$MG_JAR" "$UP_JAR" "$SCG_JAR"; do [[ -f "$j" ]] || { echo "missing $j" >&2; exit 1; }; done

# Every server JVM (upstreams, floors, stock SCG, mediagate) runs on the JDK the image ships, Temurin 25
# (gateway/Dockerfile's JRE_IMAGE), when one is installed: BENCH_JDK=<java home> picks another, BENCH_JDK=path the
# java on PATH. All of them on the same JDK, so the ratios compare the code, not the JVMs.
BENCH_JDK=${BENCH_JDK:-$(ls -d /usr/lib/jvm/*25* 2>/dev/null | head -1 || true)}
if [[ -n "$BENCH_JDK" && "$BENCH_JDK" != path && -x "$BENCH_JDK/bin/java" ]]; then
  SJAVA="$BENCH_JDK/bin/java"; SJCMD="$BENCH_JDK/bin/jcmd"; SJFR="$BENCH_JDK/bin/jfr"
else
  SJAVA=java; SJCMD=jcmd; SJFR=jfr
fi
SJSTAT="$(dirname "$SJCMD")/jstat"; [[ "$SJCMD" == jcmd ]] && SJSTAT=jstat
SJAVA_VERSION=$("$SJAVA" -version 2>&1 | head -1)
log "server JVMs: $SJAVA ($SJAVA_VERSION)"

export MG_JAR UP_JAR LOADGEN_CPU SERVER_CPU SJAVA
# ---------------------------------------------------------------- helpers
http_code() { taskset -c "$LOADGEN_CPU" curl -s -o /dev/null -m 5 -w '%{http_code}' "$@" || true; }

# wait_ready URL [header] TIMEOUT_S [PID]: 0 when URL answers 200 in time (1 at once if PID has died)
wait_ready() {
  local url=$1 hdr=$2 limit=$3 pid=${4:-} deadline
  deadline=$(( $(date +%s%N) + limit * 1000000000 ))
  while (( $(date +%s%N) < deadline )); do
    if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then return 1; fi
    if [[ -n "$hdr" ]]; then [[ "$(http_code -H "$hdr" "$url")" == 200 ]] && return 0
    else [[ "$(http_code "$url")" == 200 ]] && return 0; fi
    sleep 0.02
  done
  return 1
}

vm_status() { awk -v k="$2:" '$1==k {print int($2/1024)}' "/proc/$1/status" 2>/dev/null || echo "?"; }

cat > "$WORK/report.lua" <<'EOF'
function done(summary, latency, requests)
  local s = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format("BENCH rps=%.1f p50_us=%d p99_us=%d p999_us=%d max_us=%d requests=%d non2xx=%d sockerr=%d timeouts=%d\n",
    summary.requests / s, latency:percentile(50), latency:percentile(99), latency:percentile(99.9), latency.max,
    summary.requests, e.status, e.connect + e.read + e.write, e.timeout))
end
EOF

# wrk_run SECONDS URL HEADER [DELAY_MS] -> prints the BENCH line (empty on failure)
wrk_run() {
  local secs=$1 url=$2 hdr=$3 delay=${4:-0} script="$WORK/report.lua"
  if (( delay > 0 )); then
    script="$WORK/paced-$delay.lua"
    # each pause drawn from 0..2x the delay (same mean): with a fixed pause the connections march in step, and a
    # stall bunches them for good, so the "½ load" arrived as bursts of up to 64 requests at once
    { echo "function delay() return math.random(0, 2 * $delay) end"; cat "$WORK/report.lua"; } > "$script"
  fi
  timeout $(( secs + 30 )) taskset -c "$LOADGEN_CPU" wrk -t1 -c"${WRK_CONNS:-$CONNS}" -d"${secs}s" --timeout 5s --latency \
    -s "$script" -H "$hdr" "$url" > "$WORK/wrk-last.txt" 2>&1 || true
  cat "$WORK/wrk-last.txt" >> "$WORK/wrk-all.txt"
  grep '^BENCH ' "$WORK/wrk-last.txt" | tail -1 || true
}
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<< " $2"; }

# heap_mark PID -> "young_gcs eden_capacity_kb eden_used_kb" (jstat -gc), the marks alloc_per_request reads
heap_mark() { "$SJSTAT" -gc "$1" 2>/dev/null | awk 'NR==2 {print $13, $5, $6}'; }
# alloc_per_request MARK_BEFORE MARK_AFTER REQUESTS -> bytes the JVM allocated per request between the marks: each
# young collection emptied a full eden, plus the change in eden's use (SerialGC allocates only in eden here)
alloc_per_request() {
  awk -v a="$1" -v b="$2" -v n="$3" 'BEGIN { split(a, x, " "); split(b, y, " ");
    if (n <= 0 || x[1] == "" || y[1] == "") { print ""; exit }
    printf "%.0f", ((y[1] - x[1]) * (x[2] + y[2]) / 2 + y[3] - x[3]) * 1024 / n }'
}

# jit_ms PID: CPU ms the JVM's JIT compiler threads have used so far (0 without a PID, e.g. nginx)
jit_ms() {
  local pid=${1:-} t sum=0
  [[ -n "$pid" ]] || { echo 0; return; }
  for t in /proc/"$pid"/task/*; do
    if grep -q CompilerThre "$t/comm" 2>/dev/null; then
      sum=$(( sum + $(awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "$t/stat" 2>/dev/null || echo 0) ))
    fi
  done
  echo "$sum"
}

# warm URL HEADER: short runs until two consecutive are within 3% and, for a JVM (WARM_PID), its JIT compilers used
# under 5% of a core in the last one (or the cap); echoes a note. On a slow core C2 works for tens of seconds: rates
# that agree while it still compiles are a plateau, not the warm rate.
warm() {
  local url=$1 hdr=$2 prev=0 cur spent=0 line n=0 jit0 jit=0
  while (( spent < WARM_CAP )); do
    jit0=$(jit_ms "${WARM_PID:-}")
    line=$(wrk_run "$WARM_CHUNK" "$url" "$hdr"); spent=$(( spent + WARM_CHUNK )); n=$(( n + 1 ))
    jit=$(( $(jit_ms "${WARM_PID:-}") - jit0 ))
    cur=$(field rps "$line"); cur=${cur%.*}; cur=${cur:-0}
    if (( prev > 0 && cur > 0 )); then
      local diff=$(( cur > prev ? cur - prev : prev - cur ))
      if (( diff * 100 <= prev * 3 && jit * 100 <= WARM_CHUNK * 1000 * 5 )); then
        echo "warm ${spent}s, stable, JIT ${jit} ms in the last ${WARM_CHUNK}s"; return
      fi
    fi
    prev=$cur
  done
  echo "warm ${spent}s, cap hit, JIT ${jit} ms in the last ${WARM_CHUNK}s"
}

# measure RUN SCENARIO URL HEADER CHECK_REGEX WARM(0|1) [DELAY_MS] -> appends a row; echoes rps
measure() {
  local run=$1 name=$2 url=$3 hdr=$4 check=$5 dowarm=$6 delay=${7:-0} note="" body code line
  body=$(taskset -c "$LOADGEN_CPU" curl -s -m 5 -H "$hdr" -w '\n%{http_code}' "$url" || true)
  code=$(tail -n1 <<< "$body")
  if [[ "$code" != 200 ]] || ! grep -Eq "$check" <<< "$body"; then
    log "$name: n/a (HTTP $code)"
    printf '%s\t%s\tn/a\tn/a\tn/a\tn/a\tn/a\tn/a\tHTTP %s before the run\n' "$run" "$name" "$code" >> "$RESULTS"
    echo 0; return
  fi
  if [[ "$dowarm" == 1 ]]; then note=$(warm "$url" "$hdr"); else wrk_run 2 "$url" "$hdr" > /dev/null; note="warm 2s"; fi
  (( delay > 0 )) && note="paced: ${WRK_CONNS:-$CONNS} conns, ${delay} ms between requests"
  local mark=""; [[ -n "${ALLOC_PID:-}" ]] && mark=$(heap_mark "$ALLOC_PID")
  line=$(wrk_run "$DUR" "$url" "$hdr" "$delay")
  if [[ -n "$mark" && -n "$line" ]]; then
    fact "alloc_${name}_$run" "$(alloc_per_request "$mark" "$(heap_mark "$ALLOC_PID")" "$(field requests "$line")")"
  fi
  if [[ -z "$line" ]]; then
    log "$name: wrk failed"; printf '%s\t%s\tn/a\tn/a\tn/a\tn/a\tn/a\tn/a\twrk failed\n' "$run" "$name" >> "$RESULTS"
    echo 0; return
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$run" "$name" "$(field rps "$line")" "$(field p50_us "$line")" \
    "$(field p99_us "$line")" "$(field p999_us "$line")" "$(field non2xx "$line")" \
    "$(( $(field sockerr "$line") + $(field timeouts "$line") ))" "$note" >> "$RESULTS"
  log "$name (run $run): $line [$note]"
  local r; r=$(field rps "$line"); echo "${r%.*}"
}

# pace_for URL HEADER TARGET_RPS -> per-connection delay (ms, PACED_CONNS connections) that gives about TARGET_RPS:
# wrk's delay() is closed-loop (delay + latency per request), so calibrate with short runs (bounded: 4 tries)
pace_for() {
  local url=$1 hdr=$2 target=$3 d a lat i line
  d=$(( (PACED_CONNS * 1000 + target / 2) / target )); (( d < 1 )) && d=1
  for i in 1 2 3 4; do
    line=$(WRK_CONNS=$PACED_CONNS wrk_run 3 "$url" "$hdr" "$d"); a=$(field rps "$line"); a=${a%.*}; a=${a:-0}
    (( a <= 0 )) && break
    (( (a > target ? a - target : target - a) * 100 <= target * 5 )) && break
    # cycle = delay + latency = PACED_CONNS/achieved  =>  latency (us) = 1e6*PACED_CONNS/a - 1000*d
    lat=$(( 1000000 * PACED_CONNS / a - 1000 * d )); (( lat < 0 )) && lat=0
    d=$(( (1000000 * PACED_CONNS / target - lat + 500) / 1000 )); (( d < 1 )) && d=1
  done
  echo "$d"
}

# start_jvm NAME JAR ARGS... : starts pinned, sets JVM_PID and READY_MS (readiness probe 200)
start_jvm() {
  local name=$1 jar=$2 readiness=$3; shift 3
  local t0; t0=$(date +%s%N)
  # shellcheck disable=SC2086
  taskset -c "$SERVER_CPU" "$SJAVA" -Dreactor.netty.ioWorkerCount=1 $JAVA_OPTS_EXTRA ${JVM_FLAGS:-} -jar "$jar" "$@" \
    > "$WORK/$name.log" 2>&1 &
  JVM_PID=$!; PIDS+=("$JVM_PID")
  if ! wait_ready "$readiness" "" 90 "$JVM_PID"; then
    echo "$name did not become ready; log: $WORK/$name.log" >&2; tail -40 "$WORK/$name.log" >&2; exit 1
  fi
  READY_MS=$(( ($(date +%s%N) - t0) / 1000000 ))
  log "$name ready in ${READY_MS} ms (pid $JVM_PID)"
}
stop_jvm() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

# ---------------------------------------------------------------- upstreams, nginx, configs
log "work dir $WORK; duration ${DUR}s, warm-up cap ${WARM_CAP}s, ${CONNS} connections, ${RUNS} runs"
taskset -c "$SERVER_CPU" "$SJAVA" -Dreactor.netty.ioWorkerCount=1 -XX:+UseSerialGC -jar "$UP_JAR" \
  --port "$UP0_PORT" --latency-ms 0 > "$WORK/upstream-0ms.log" 2>&1 &
UP0_PID=$!; PIDS+=("$UP0_PID")
taskset -c "$SERVER_CPU" "$SJAVA" -Dreactor.netty.ioWorkerCount=1 -XX:+UseSerialGC -jar "$UP_JAR" \
  --port "$UP20_PORT" --latency-ms 20 --limit-per-min 100 > "$WORK/upstream-20ms.log" 2>&1 &
PIDS+=($!)
wait_ready "http://127.0.0.1:$UP0_PORT/v0/organizations/apiKeys/whoami" "$UPSTREAM_AUTH" 30
wait_ready "http://127.0.0.1:$UP20_PORT/__stats" "" 30
[[ "$(http_code "http://127.0.0.1:$UP0_PORT$ITEM_PATH")" == 401 ]] || { echo "upstream must answer 401 without key" >&2; exit 1; }

mkdir -p "$WORK/nginx"
cat > "$WORK/nginx/nginx.conf" <<EOF
# generated by bench/run.sh: a plain reverse proxy, keep-alive to the upstream
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/body;
  proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi;
  scgi_temp_path $WORK/nginx/scgi;
  upstream fast_upstream {
    server 127.0.0.1:$UP0_PORT;
    keepalive 64;
    keepalive_requests 1000000;
  }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    keepalive_requests 1000000;
    location / {
      proxy_pass http://fast_upstream;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
EOF
taskset -c "$SERVER_CPU" nginx -e "$WORK/nginx/error.log" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' &
PIDS+=($!)
wait_ready "http://127.0.0.1:$NGINX_PORT$ITEM_PATH" "$UPSTREAM_AUTH" 10

KEY_SHA=$(printf %s "$API_KEY" | sha256sum | cut -d' ' -f1)
MG_CONFIG="$WORK/mediagate-bench.yaml"
cat > "$MG_CONFIG" <<EOF
# generated by bench/run.sh
server:
  address: 127.0.0.1
  port: $MG_PORT
management:
  server:
    address: 127.0.0.1
    port: $MG_MGMT_PORT
mediagate:
  clients:
    - id: bench
      key-sha256: $KEY_SHA
      scopes: [videos:read, videos:write, raw]
      connections: ["*"]
      rate-limit: { limit: 10000000, period: 1s }   # inbound limit out of the way
  connections:
    bench-c3d:
      vendor: cognitive3d
      base-url: http://127.0.0.1:$UP0_PORT/v0
      credentials: { api-key: orgkey-bench, key-format: orgkey }
      options: { project-id: 4242 }
    bench-c3d-nocache:
      vendor: cognitive3d
      base-url: http://127.0.0.1:$UP0_PORT/v0
      credentials: { api-key: orgkey-bench, key-format: orgkey }
      options: { project-id: 4242 }
      cache: { enabled: false }
    bench-c3d-quota:
      vendor: cognitive3d
      base-url: http://127.0.0.1:$UP20_PORT/v0
      credentials: { api-key: orgkey-bench, key-format: orgkey }
      options: { project-id: 4242 }
      quota: { limit: 100, period: 1m }
      cache: { enabled: false }   # every request must reach the quota, not the list cache
EOF

# Class-data sharing for mediagate, as gateway/Dockerfile does it (BENCH_CDS=0 turns it off): CDS cannot archive
# classes inside a Boot fat jar, so the jar is extracted, the image's training run (--training-run) makes the
# archive, and every measured start maps it. Stock SCG runs as a plain fat jar, as a user would start it.
# mediagate runs with the image's JVM options (gateway/Dockerfile's ENV JAVA_TOOL_OPTIONS: SerialGC, the footprint
# caps, Spring AOT's generated context) in a JVM sized as in a pod with BENCH_POD_MEMORY (default 384m, the chart's
# limit), so RSS after the load is the production number; stock SCG keeps its defaults, as a user starts it
MG_IMAGE_OPTS="$("$ROOT/gateway/docker/image-options.sh") -XX:MaxRAM=${BENCH_POD_MEMORY:-384m}"
fact mg_image_opts "$MG_IMAGE_OPTS"
MG_RUN_JAR="$MG_JAR"; MG_CDS_FLAGS=""
if [[ "${BENCH_CDS:-1}" == 1 ]]; then
  rm -rf "$WORK/mg-cds"
  java -Djarmode=tools -jar "$MG_JAR" extract --destination "$WORK/mg-cds" > /dev/null
  MG_RUN_JAR="$WORK/mg-cds/$(basename "$MG_JAR")"
  # shellcheck disable=SC2086
  taskset -c "$SERVER_CPU" "$SJAVA" -Dreactor.netty.ioWorkerCount=1 $MG_IMAGE_OPTS $JAVA_OPTS_EXTRA -XX:ArchiveClassesAtExit="$WORK/mg-cds/app.jsa" \
    -jar "$MG_RUN_JAR" --training-run > "$WORK/mg-cds-training.log" 2>&1 || true
  if [[ -s "$WORK/mg-cds/app.jsa" ]]; then
    MG_CDS_FLAGS="-XX:SharedArchiveFile=$WORK/mg-cds/app.jsa"
    log "mediagate CDS archive: $(du -h "$WORK/mg-cds/app.jsa" | cut -f1)"
  else
    log "CDS training run made no archive; mediagate starts without it"
  fi
fi
fact mg_cds "${MG_CDS_FLAGS:-off}"

MG="http://127.0.0.1:$MG_PORT"
MG_MGMT="http://127.0.0.1:$MG_MGMT_PORT"   # actuator: probes and metrics
U_DIRECT="http://127.0.0.1:$UP0_PORT$ITEM_PATH"
U_NGINX="http://127.0.0.1:$NGINX_PORT$ITEM_PATH"
U_SCG="http://127.0.0.1:$SCG_PORT$ITEM_PATH"
U_FLOOR="http://127.0.0.1:$FLOOR_PORT/v1/connections/floor/videos/301"
U_PASS="$MG/v1/connections/bench-c3d/raw/projects/4242/media/301"
U_UNCACHED="$MG/v1/connections/bench-c3d-nocache/videos/301"
U_CACHED="$MG/v1/connections/bench-c3d/videos/301"
U_QUOTA="$MG/v1/connections/bench-c3d-quota/videos?limit=20"
RAW_CHECK='"id":301'
VIDEO_CHECK='"id":"301"'

# ---------------------------------------------------------------- the runs
for run in $(seq 1 "$RUNS"); do
  log "=== run $run of $RUNS"
  # the upstream is a JVM too: warm it like the others (nginx needs no warm-up, but gets the same loop)
  WARM_PID=$UP0_PID measure "$run" direct "$U_DIRECT" "$UPSTREAM_AUTH" "$RAW_CHECK" 1 > /dev/null
  measure "$run" nginx "$U_NGINX" "$UPSTREAM_AUTH" "$RAW_CHECK" 1 > /dev/null

  JVM_FLAGS="" start_jvm "stock-scg-$run" "$SCG_JAR" "http://127.0.0.1:$SCG_PORT/actuator/health/readiness" \
    --BENCH_SCG_PORT="$SCG_PORT" --BENCH_UPSTREAM_URI="http://127.0.0.1:$UP0_PORT"
  SCG_PID=$JVM_PID; fact "scg_ready_ms_$run" "$READY_MS"
  WARM_PID=$SCG_PID measure "$run" stock-scg "$U_SCG" "$UPSTREAM_AUTH" "$RAW_CHECK" 1 > /dev/null
  fact "scg_rss_mb_$run" "$(vm_status "$SCG_PID" VmRSS)"; fact "scg_hwm_mb_$run" "$(vm_status "$SCG_PID" VmHWM)"
  stop_jvm "$SCG_PID"

  # the least an uncached read costs on mediagate's stack: the same vendor call, scan and JSON answer, nothing else
  # (bench/upstream FrameworkFloor), on Reactor Netty alone and on WebFlux + WebClient
  for stack in netty webflux; do
    JVM_FLAGS="-XX:+UseSerialGC" start_jvm "floor-$stack-$run" "$UP_JAR" "$U_FLOOR" \
      floor --stack "$stack" --port "$FLOOR_PORT" --upstream "http://127.0.0.1:$UP0_PORT"
    FLOOR_PID=$JVM_PID
    FLOOR_RPS=$(WARM_PID=$FLOOR_PID measure "$run" "floor-$stack" "$U_FLOOR" "$MG_AUTH" "$VIDEO_CHECK" 1)
    if [[ "$stack" == webflux ]] && (( FLOOR_RPS > 0 )); then
      # the bare stack's own tail at half of its own peak: what the ½-load p99 target leaves mediagate's work
      D_FLOOR=$(pace_for "$U_FLOOR" "$MG_AUTH" $(( FLOOR_RPS / 2 )))
      fact "floor_half_load_$run" "target $(( FLOOR_RPS / 2 )) req/s: ${PACED_CONNS} connections, delay ${D_FLOOR} ms"
      WRK_CONNS=$PACED_CONNS measure "$run" "floor-webflux@half" "$U_FLOOR" "$MG_AUTH" "$VIDEO_CHECK" 0 "$D_FLOOR" \
        > /dev/null
    fi
    stop_jvm "$FLOOR_PID"
  done

  JVM_FLAGS="$MG_IMAGE_OPTS $MG_CDS_FLAGS" start_jvm "mediagate-$run" "$MG_RUN_JAR" "$MG_MGMT/actuator/health/readiness" \
    --spring.config.additional-location="file:$MG_CONFIG"
  MG_PID=$JVM_PID; fact "mg_ready_ms_$run" "$READY_MS"
  fact "mg_started_line_$run" "$(grep -o 'Started .* seconds (process running for [0-9.]*)' "$WORK/mediagate-$run.log" | head -1)"
  ALLOC_PID=$MG_PID WARM_PID=$MG_PID measure "$run" mg-passthrough "$U_PASS" "$MG_AUTH" "$RAW_CHECK" 1 > /dev/null
  UNC=$(ALLOC_PID=$MG_PID WARM_PID=$MG_PID measure "$run" mg-uncached "$U_UNCACHED" "$MG_AUTH" "$VIDEO_CHECK" 1)
  ALLOC_PID=$MG_PID WARM_PID=$MG_PID measure "$run" mg-cached "$U_CACHED" "$MG_AUTH" "$VIDEO_CHECK" 1 > /dev/null
  if (( UNC > 0 )); then
    # half of the uncached peak, the same rate for mediagate and for the floor (each calibrated on its own)
    HALF=$(( UNC / 2 ))
    D_MG=$(pace_for "$U_UNCACHED" "$MG_AUTH" "$HALF"); D_UP=$(pace_for "$U_DIRECT" "$UPSTREAM_AUTH" "$HALF")
    fact "half_load_$run" "target ${HALF} req/s: ${PACED_CONNS} connections, delay ${D_MG} ms (mediagate) / ${D_UP} ms (direct)"
    WRK_CONNS=$PACED_CONNS measure "$run" "direct@half" "$U_DIRECT" "$UPSTREAM_AUTH" "$RAW_CHECK" 0 "$D_UP" > /dev/null
    WRK_CONNS=$PACED_CONNS measure "$run" "mg-uncached@half" "$U_UNCACHED" "$MG_AUTH" "$VIDEO_CHECK" 0 "$D_MG" > /dev/null
  fi
  fact "mg_rss_mb_$run" "$(vm_status "$MG_PID" VmRSS)"; fact "mg_hwm_mb_$run" "$(vm_status "$MG_PID" VmHWM)"

  if (( run == RUNS )); then
    # ---- quota: an open-loop 10x demand (1000/min against a 100/min quota), 20 ms upstream enforcing 100/min
    log "quota scenario: ${QUOTA_S}s at 16.67 req/s"
    curl -s -o /dev/null "http://127.0.0.1:$UP20_PORT/__reset"
    if [[ "$(http_code -H "$MG_AUTH" "$U_QUOTA")" == 200 ]]; then
      PROBE=$(timeout $(( QUOTA_S + 60 )) taskset -c "$LOADGEN_CPU" java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
        -jar "$UP_JAR" probe --url "$U_QUOTA" --header "$MG_AUTH" --rate 16.67 --duration "$QUOTA_S" \
        2> "$WORK/probe.err" | grep '^PROBE' || true)
      fact quota_probe "$PROBE"
      curl -s "http://127.0.0.1:$UP20_PORT/__stats" > "$WORK/quota-upstream-stats.json"
      curl -s "$MG_MGMT/actuator/prometheus" | grep -E '^mediagate_(quota|upstream_requests_total).*bench-c3d-quota' \
        > "$WORK/quota-prometheus.txt" || true
      log "quota: $PROBE"
    else
      fact quota_probe "n/a"
    fi

    # ---- JFR on the mediagate scenario furthest below its target
    WORST=$(python3 "$BENCH_DIR/report.py" --worst "$RESULTS" "$run")
    case "$WORST" in
      mg-passthrough) U_WORST=$U_PASS ;; mg-cached) U_WORST=$U_CACHED ;; *) WORST=mg-uncached; U_WORST=$U_UNCACHED ;;
    esac
    log "JFR ${JFR_S}s on $WORST"
    fact jfr_scenario "$WORST"; fact jfr_seconds "${JFR_S} s"
    if "$SJCMD" "$MG_PID" JFR.start name=bench settings=profile duration="${JFR_S}s" filename="$WORK/worst.jfr" \
        > "$WORK/jfr-start.txt" 2>&1; then
      wrk_run "$(( JFR_S + 2 ))" "$U_WORST" "$MG_AUTH" > "$WORK/jfr-load.txt"
      fact jfr_load "$(cat "$WORK/jfr-load.txt")"
      for _ in $(seq 1 30); do [[ -s "$WORK/worst.jfr" ]] && break; sleep 1; done
      sleep 2
      "$SJFR" summary "$WORK/worst.jfr" > "$WORK/jfr-summary.txt" 2>&1 || true
      "$SJFR" print --json --events jdk.ExecutionSample "$WORK/worst.jfr" > "$WORK/jfr-samples.json" 2>/dev/null || true
    fi
  fi
  stop_jvm "$MG_PID"
done

# ---------------------------------------------------------------- report
DATE=$(date +%Y-%m-%d)
mkdir -p "$BENCH_DIR/results"
OUT="$BENCH_DIR/results/$DATE.md"
[[ -e "$OUT" ]] && OUT="$BENCH_DIR/results/$DATE-$(date +%H%M%S).md"
fact quick "$QUICK"; fact duration_s "$DUR"; fact warm_cap_s "$WARM_CAP"; fact connections "$CONNS"
fact server_java "$SJAVA_VERSION"
fact runs "$RUNS"; fact cores "$CORES"; fact java_opts "-Dreactor.netty.ioWorkerCount=1 $JAVA_OPTS_EXTRA"
fact commit "$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo '?')"
fact loadavg "$(cut -d' ' -f1-3 /proc/loadavg)"
fact total_s "$(( $(date +%s) - BENCH_START ))"
fact note "${BENCH_NOTE:-}"
[[ -f "$WORK/quota-upstream-stats.json" ]] && fact quota_upstream "$(cat "$WORK/quota-upstream-stats.json")"
[[ -f "$WORK/quota-prometheus.txt" ]] && fact quota_prometheus "$(tr '\n' '|' < "$WORK/quota-prometheus.txt")"
python3 "$BENCH_DIR/report.py" --markdown "$RESULTS" "$FACTS" "$WORK" > "$OUT"
python3 "$BENCH_DIR/report.py" --svg "$OUT" "${OUT%.md}.svg"
# start-up and memory, production mode, as the image starts: JDK 25 with and without the AOT cache, JDK 17 + CDS,
# stock SCG; 1/100/1000 connections and cache entries (BENCH_STARTUP=0 skips it; bench/startup.sh runs it alone)
if [[ "${BENCH_STARTUP:-1}" == 1 ]]; then
  log "start-up and memory (bench/startup.sh)"
  { echo; BENCH_SKIP_BUILD=1 STARTUP_QUICK="$QUICK" "$BENCH_DIR/startup.sh"; } >> "$OUT" || log "startup.sh failed"
fi
log "fairness scenario (bench/fairness.sh)"
"$BENCH_DIR/fairness.sh" >> "$OUT" || log "fairness scenario failed; see its log above"
cat "$OUT"
log "written $OUT and ${OUT%.md}.svg (raw wrk output and logs in $WORK)"
