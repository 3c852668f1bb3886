#!/usr/bin/env bash
# Fairness scenario (issue 21): a 100/min connection whose upstream enforces 100/min itself; a batch client asks
# 10x the plan (1000/min) while an interactive client sends 10 requests a minute. Run twice in one go, priorities
# off (first come, first served) and on, and prints a markdown table. Called by bench/run.sh, or on its own:
#
#   bench/fairness.sh                         # needs the built jars (bench/run.sh builds them)
#   BENCH_FAIRNESS_SECONDS=60 bench/fairness.sh
#
# Reads MG_JAR, UP_JAR (defaults: the build outputs), BENCH_FAIRNESS_SECONDS (default 120), LOADGEN_CPU, SERVER_CPU.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
MG_JAR=${MG_JAR:-$ROOT/gateway/target/mediagate-gateway.jar}
UP_JAR=${UP_JAR:-$BENCH_DIR/upstream/target/bench-upstream.jar}
SECONDS_RUN=${BENCH_FAIRNESS_SECONDS:-120}
LOADGEN_CPU=${LOADGEN_CPU:-0}; SERVER_CPU=${SERVER_CPU:-1}
(( $(nproc) < 2 )) && { LOADGEN_CPU=0; SERVER_CPU=0; }
UP_PORT=18185; MG_PORT=18186; MG_MGMT_PORT=18187
WORK=$(mktemp -d /tmp/mediagate-fairness.XXXXXX)
PIDS=()
cleanup() { local p; for p in "${PIDS[@]:-}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
log() { printf '[fairness] %s\n' "$*" >&2; }
for j in "$MG_JAR" "$UP_JAR"; do [[ -f "$j" ]] || { echo "missing $j (build first)" >&2; exit 1; }; done

ready() { # url [header]
  for _ in $(seq 1 180); do
    [[ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' ${2:+-H "$2"} "$1" || true)" == 200 ]] && return 0
    sleep 0.5
  done
  return 1
}

taskset -c "$SERVER_CPU" "${SJAVA:-java}" -Dreactor.netty.ioWorkerCount=1 -XX:+UseSerialGC -jar "$UP_JAR" \
  --port "$UP_PORT" --latency-ms 20 --limit-per-min 100 > "$WORK/upstream.log" 2>&1 &
PIDS+=($!)
ready "http://127.0.0.1:$UP_PORT/__stats" || { echo "upstream did not start" >&2; exit 1; }

BATCH_KEY=bench-batch-key; EDITOR_KEY=bench-editor-key
sha() { printf %s "$1" | sha256sum | cut -d' ' -f1; }
cat > "$WORK/mediagate.yaml" <<YAML
server: { address: 127.0.0.1, port: $MG_PORT }
management: { server: { address: 127.0.0.1, port: $MG_MGMT_PORT } }
mediagate:
  clients:
    - { id: catalogue-sync, key-sha256: $(sha $BATCH_KEY), scopes: [videos:read], connections: ["*"],
        priority: batch, rate-limit: { limit: 1000000, period: 1m } }
    - { id: editor, key-sha256: $(sha $EDITOR_KEY), scopes: [videos:read], connections: ["*"] }
  connections:
    bench-fair:
      vendor: cognitive3d
      base-url: http://127.0.0.1:$UP_PORT/v0
      credentials: { api-key: orgkey-bench, key-format: orgkey }
      options: { project-id: 4242 }
      quota: { limit: 100, period: 1m, max-wait: 2s }
      cache: { enabled: false }
YAML
URL="http://127.0.0.1:$MG_PORT/v1/connections/bench-fair/videos?limit=20"

probe() { # key rate -> PROBE line
  timeout $(( SECONDS_RUN + 60 )) taskset -c "$LOADGEN_CPU" java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -jar "$UP_JAR" probe --url "$URL" --header "Authorization: Bearer $1" --rate "$2" --duration "$SECONDS_RUN" \
    2>> "$WORK/probe.err" | grep '^PROBE' || echo "PROBE failed"
}
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<< " $2"; }
json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))" "$1" "$2"; }

ROWS=()
for mode in off on; do
  enabled=$([[ $mode == on ]] && echo true || echo false)
  taskset -c "$SERVER_CPU" "${SJAVA:-java}" -Dreactor.netty.ioWorkerCount=1 ${BENCH_JAVA_OPTS:-} -jar "$MG_JAR" \
    --spring.config.additional-location="file:$WORK/mediagate.yaml" --mediagate.fairness.enabled="$enabled" \
    > "$WORK/mediagate-$mode.log" 2>&1 &
  MG_PID=$!; PIDS+=("$MG_PID")
  ready "http://127.0.0.1:$MG_MGMT_PORT/actuator/health/readiness" || { tail -30 "$WORK/mediagate-$mode.log" >&2; exit 1; }
  # a fresh vendor window for each mode, so neither inherits the other's calls
  curl -s -o /dev/null "http://127.0.0.1:$UP_PORT/__reset"
  log "priorities $mode: ${SECONDS_RUN}s, batch 1000/min + interactive 10/min"
  probe "$BATCH_KEY" 16.667 > "$WORK/batch-$mode.txt" &
  BP=$!
  sleep 3   # the batch flood holds the queue before the first interactive request
  INTERACTIVE=$(probe "$EDITOR_KEY" 0.16667)
  wait "$BP"; BATCH=$(cat "$WORK/batch-$mode.txt")
  curl -s "http://127.0.0.1:$UP_PORT/__stats" > "$WORK/upstream-$mode.json"
  WAIT_MAX=$(curl -s "http://127.0.0.1:$MG_MGMT_PORT/actuator/prometheus" \
    | sed -n 's/^mediagate_quota_class_wait_seconds_max{class="interactive",connection="bench-fair"} //p')
  kill "$MG_PID" 2>/dev/null || true; wait "$MG_PID" 2>/dev/null || true
  ACCEPTED=$(json "$WORK/upstream-$mode.json" "d['accepted']")
  V429=$(json "$WORK/upstream-$mode.json" "d['by_status'].get('429',0)")
  UTIL=$(python3 -c "print(f'{100*$ACCEPTED/(100*$SECONDS_RUN/60):.0f}')")
  BATCH_PER_MIN=$(python3 -c "print(f'{$(field ok "$BATCH")*60/$SECONDS_RUN:.0f}')")
  ROWS+=("| $mode | $V429 | $ACCEPTED ($UTIL %) | $(field ok_p50_ms "$INTERACTIVE") / $(field ok_p99_ms "$INTERACTIVE") ms | ${WAIT_MAX:-?} s | $(field r429 "$INTERACTIVE") of $(field sent "$INTERACTIVE") | $(field ok "$BATCH") ($BATCH_PER_MIN/min) |")
  log "priorities $mode: batch $BATCH"
  log "priorities $mode: interactive $INTERACTIVE"
done

echo
echo "Fairness: ${SECONDS_RUN} s on a 100/min connection (upstream enforcing 100/min, 20 ms), batch client at"
echo "1000/min, interactive client at 10/min (its first request 3 s into the flood). Interactive latency includes"
echo "the upstream's 20 ms; its token wait is the gateway's \`mediagate_quota_class_wait_seconds_max\`."
echo
echo "| priorities | vendor 429s | vendor calls (plan use) | interactive p50 / p99 | interactive max token wait | interactive refusals | batch served |"
echo "|---|---|---|---|---|---|---|"
printf '%s\n' "${ROWS[@]}"
log "logs in $WORK"
