#!/usr/bin/env python3
"""Turns bench/run.sh's raw results into the markdown table (and picks the JFR scenario).

  report.py --worst RESULTS.tsv RUN          -> the mediagate scenario furthest below its target
  report.py --markdown RESULTS.tsv FACTS.tsv WORKDIR
"""
import collections
import json
import os
import sys

SCENARIOS = [
    ("direct", "wrk → fast upstream (0 ms): the floor"),
    ("nginx", "nginx reverse proxy, keep-alive to upstream"),
    ("stock-scg", "stock Spring Cloud Gateway, one `/**` route, defaults"),
    ("mg-passthrough", "mediagate `GET /v1/connections/bench-c3d/raw/projects/4242/media/301`"),
    ("mg-uncached", "mediagate `GET /v1/connections/bench-c3d-nocache/videos/301` (cache off)"),
    ("mg-cached", "mediagate `GET /v1/connections/bench-c3d/videos/301` (cache hit)"),
    ("direct@half", "direct, paced to ½ of mg-uncached peak"),
    ("mg-uncached@half", "mg-uncached, paced to ½ of its peak"),
]
TARGETS = {"mg-passthrough": 0.5, "mg-uncached": 0.45, "mg-cached": 1.0}  # × nginx throughput


def load_results(path):
    rows = []
    with open(path) as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if len(p) < 9:
                continue
            run, name, rps, p50, p99, p999, non2xx, sockerr, note = p[:9]
            rows.append(dict(run=int(run), name=name, rps=num(rps), p50=num(p50), p99=num(p99), p999=num(p999),
                             non2xx=num(non2xx), sockerr=num(sockerr), note=note))
    return rows


def num(s):
    try:
        return float(s)
    except ValueError:
        return None


def load_facts(path):
    facts = {}
    with open(path) as f:
        for line in f:
            k, _, v = line.rstrip("\n").partition("\t")
            facts[k] = v
    return facts


def get(rows, run, name):
    for r in rows:
        if r["run"] == run and r["name"] == name:
            return r
    return None


def ratio(a, b):
    if not a or not b or a["rps"] is None or b["rps"] is None or b["rps"] == 0:
        return None
    return a["rps"] / b["rps"]


def worst(rows, run):
    nginx = get(rows, run, "nginx")
    best = ("mg-uncached", float("inf"))
    for name, target in TARGETS.items():
        r = ratio(get(rows, run, name), nginx)
        if r is not None and r / target < best[1]:
            best = (name, r / target)
    return best[0]


def ms(us):
    return "n/a" if us is None else f"{us / 1000:.2f}"


def fmt_ratio(x):
    return "n/a" if x is None else f"{x:.2f}×"


def verdict(values, ok):
    vals = [v for v in values if v is not None]
    if not vals:
        return "n/a"
    hits = sum(1 for v in vals if ok(v)) if ok else 0
    if ok is None:
        return "–"
    if hits == len(vals):
        return "**met**"
    if hits == 0:
        return "**missed**"
    return "mixed"


def jfr_section(workdir, facts):
    out = []
    samples_path = os.path.join(workdir, "jfr-samples.json")
    scenario = facts.get("jfr_scenario", "?")
    if not os.path.exists(samples_path) or os.path.getsize(samples_path) == 0:
        return ["JFR: no recording (see the run log)."]
    try:
        with open(samples_path) as f:
            events = json.load(f)["recording"]["events"]
    except (ValueError, KeyError) as e:
        return [f"JFR: could not read the samples ({e})."]

    def frame_name(fr):
        m = fr.get("method", {})
        t = m.get("type", {}).get("name", "?").replace("/", ".")
        return f"{t}.{m.get('name', '?')}"

    categories = [
        ("mediagate (io.mediagate)", ("io.mediagate.",)),
        ("Jackson 3 (tools.jackson)", ("tools.jackson.",)),
        ("Spring Cloud Gateway", ("org.springframework.cloud.gateway.",)),
        ("Spring WebFlux / web / http", ("org.springframework.web.", "org.springframework.http.")),
        ("Spring Security", ("org.springframework.security.",)),
        ("Micrometer / observation", ("io.micrometer.",)),
        ("resilience4j", ("io.github.resilience4j.",)),
        ("Caffeine", ("com.github.benmanes.caffeine.",)),
        ("Bucket4j", ("io.github.bucket4j.",)),
        ("Reactor core", ("reactor.core.",)),
        ("Reactor Netty", ("reactor.netty.",)),
        ("Netty", ("io.netty.",)),
        ("JDK", ("java.", "jdk.", "sun.")),
    ]

    def category(name):
        for label, prefixes in categories:
            if name.startswith(prefixes):
                return label
        return "other"

    self_count = collections.Counter()
    self_cat = collections.Counter()
    incl_cat = collections.Counter()
    incl_method = collections.Counter()
    threads = collections.Counter()
    total = 0
    for ev in events:
        v = ev.get("values", {})
        frames = (v.get("stackTrace") or {}).get("frames") or []
        if not frames:
            continue
        total += 1
        th = (v.get("sampledThread") or {}).get("javaName") or (v.get("sampledThread") or {}).get("osName") or "?"
        threads[th.rstrip("0123456789-")] += 1
        names = [frame_name(fr) for fr in frames]
        self_count[names[0]] += 1
        self_cat[category(names[0])] += 1
        for c in {category(n) for n in names}:
            incl_cat[c] += 1
        for n in set(names):
            if n.startswith(("io.mediagate.", "tools.jackson.", "org.springframework.", "io.micrometer.",
                             "io.github.")):
                incl_method[n] += 1
    if total == 0:
        return ["JFR: no execution samples."]
    pct = lambda n: f"{100.0 * n / total:.1f}%"
    out.append(f"Recording: {facts.get('jfr_seconds', '')} on **{scenario}** under the same wrk load "
               f"(`jcmd JFR.start settings=profile`), {total} execution samples. Load during the recording: "
               f"`{facts.get('jfr_load', '').strip()}`.")
    out.append("")
    out.append("Top self (leaf) methods:")
    out.append("")
    out.append("| samples | method |")
    out.append("|---:|---|")
    for n, c in self_count.most_common(15):
        out.append(f"| {pct(c)} | `{n}` |")
    out.append("")
    out.append("Where the CPU goes, by library (self = leaf frame; inclusive = on the stack; stacks are cut at 64 "
               "frames, so inclusive shares are lower bounds):")
    out.append("")
    out.append("| library | self | inclusive |")
    out.append("|---|---:|---:|")
    for label, _ in categories + [("other", ())]:
        if self_cat[label] or incl_cat[label]:
            out.append(f"| {label} | {pct(self_cat[label])} | {pct(incl_cat[label])} |")
    out.append("")
    out.append("Application-level methods most often on the stack (inclusive):")
    out.append("")
    out.append("| on stack | method |")
    out.append("|---:|---|")
    for n, c in incl_method.most_common(20):
        out.append(f"| {pct(c)} | `{n}` |")
    out.append("")
    out.append("Threads sampled: " + ", ".join(f"{t} {pct(c)}" for t, c in threads.most_common(6)))
    return out


def markdown(rows, facts, workdir):
    runs = sorted({r["run"] for r in rows}) or [1]
    o = []
    quick = facts.get("quick") == "1"
    o.append(f"# mediagate benchmark — {facts.get('date', '')}".rstrip(" —"))
    o.append("")
    o.append(f"- commit `{facts.get('commit', '?')}`, {'**quick smoke run** (`BENCH_QUICK=1`)' if quick else 'full run'}"
             f", {facts.get('runs', '?')} runs, {facts.get('duration_s', '?')} s per measurement, "
             f"warm-up until two {('3' if quick else '5')} s runs agree within 3% (cap {facts.get('warm_cap_s', '?')} s), "
             f"`wrk -t1 -c{facts.get('connections', '?')}` pinned to CPU 0, every server pinned to CPU 1 "
             f"({facts.get('cores', '?')} cores), JVM flags `{facts.get('java_opts', '').strip()}`")
    o.append(f"- load average at the end: {facts.get('loadavg', '?')}; whole run {facts.get('total_s', '?')} s")
    if facts.get("note"):
        o.append(f"- **note:** {facts['note']}")
    o.append("")
    o.append("## Throughput and latency")
    o.append("")
    o.append("| scenario | run | req/s | p50 ms | p99 ms | p99.9 ms | non-2xx / socket errors | warm-up |")
    o.append("|---|---:|---:|---:|---:|---:|---:|---|")
    for name, _ in SCENARIOS:
        for run in runs:
            r = get(rows, run, name)
            if r is None:
                continue
            rps = "n/a" if r["rps"] is None else f"{r['rps']:,.0f}"
            errs = "n/a" if r["non2xx"] is None else f"{r['non2xx']:.0f} / {r['sockerr']:.0f}"
            o.append(f"| {name} | {run} | {rps} | {ms(r['p50'])} | {ms(r['p99'])} | {ms(r['p999'])} | {errs} | "
                     f"{r['note']} |")
    o.append("")
    o.append("## Against the targets")
    o.append("")
    o.append("| measure | target | " + " | ".join(f"run {r}" for r in runs) + " | verdict |")
    o.append("|---|---|" + "---:|" * len(runs) + "---|")

    def line(label, target, values, fmt, ok):
        o.append(f"| {label} | {target} | " + " | ".join(fmt(v) for v in values) + f" | {verdict(values, ok)} |")

    def ratios(a, b):
        return [ratio(get(rows, r, a), get(rows, r, b)) for r in runs]

    line("passthrough ÷ stock SCG (req/s)", "≥ 2.0×", ratios("mg-passthrough", "stock-scg"), fmt_ratio,
         lambda v: v >= 2.0)
    line("passthrough ÷ nginx (req/s)", "≥ 0.5×", ratios("mg-passthrough", "nginx"), fmt_ratio, lambda v: v >= 0.5)
    line("stock SCG ÷ nginx (req/s, reference)", "–", ratios("stock-scg", "nginx"), fmt_ratio, None)
    line("normalized uncached ÷ nginx (req/s)", "≥ 0.45×", ratios("mg-uncached", "nginx"), fmt_ratio,
         lambda v: v >= 0.45)
    added_half, added_full = [], []
    for r in runs:
        a, b = get(rows, r, "mg-uncached@half"), get(rows, r, "direct@half")
        added_half.append(None if not a or not b or a["p99"] is None or b["p99"] is None else (a["p99"] - b["p99"]) / 1000)
        a, b = get(rows, r, "mg-uncached"), get(rows, r, "direct")
        added_full.append(None if not a or not b or a["p99"] is None or b["p99"] is None else (a["p99"] - b["p99"]) / 1000)
    fm = lambda v: "n/a" if v is None else f"{v:+.2f} ms"
    line("uncached added p99 over direct, ½ of peak load", "≤ 1 ms", added_half, fm, lambda v: v <= 1.0)
    line("uncached added p99 over direct, full load (reference)", "–", added_full, fm, None)
    line("cached ÷ nginx (req/s)", "≥ 1.0×", ratios("mg-cached", "nginx"), fmt_ratio, lambda v: v >= 1.0)

    def facts_num(key):
        return [num(facts.get(f"{key}_{r}", "")) for r in runs]

    line("mediagate RSS after the run (VmRSS)", "≤ 250 MB", facts_num("mg_rss_mb"),
         lambda v: "n/a" if v is None else f"{v:.0f} MB", lambda v: v <= 250)
    line("mediagate peak RSS (VmHWM)", "≤ 250 MB", facts_num("mg_hwm_mb"),
         lambda v: "n/a" if v is None else f"{v:.0f} MB", lambda v: v <= 250)
    line("mediagate start to readiness 200", "≤ 2 s", [None if v is None else v / 1000 for v in facts_num("mg_ready_ms")],
         lambda v: "n/a" if v is None else f"{v:.2f} s", lambda v: v <= 2.0)
    line("stock SCG RSS after the run (reference)", "–", facts_num("scg_rss_mb"),
         lambda v: "n/a" if v is None else f"{v:.0f} MB", None)
    line("stock SCG start to readiness 200 (reference)", "–",
         [None if v is None else v / 1000 for v in facts_num("scg_ready_ms")],
         lambda v: "n/a" if v is None else f"{v:.2f} s", None)
    o.append("")
    for r in runs:
        if facts.get(f"mg_started_line_{r}"):
            o.append(f"- run {r}, mediagate log: `{facts[f'mg_started_line_{r}']}`")
        if facts.get(f"half_load_{r}"):
            o.append(f"- run {r}, ½-load runs (wrk `delay()`, calibrated): {facts[f'half_load_{r}']}")
    o.append("")
    o.append("## Quota: 10× demand on a 100/min quota (20 ms upstream that enforces 100/min itself)")
    o.append("")
    probe = facts.get("quota_probe", "")
    if not probe or probe == "n/a":
        o.append("n/a (the quota route did not answer 200 before the run)")
    else:
        kv = dict(p.split("=", 1) for p in probe.split()[1:] if "=" in p)
        o.append("Open-loop client: "
                 f"{kv.get('rate')} req/s (1000/min) for {kv.get('elapsed_s')} s on "
                 "`GET /v1/connections/bench-c3d-quota/videos?limit=20` (cache off on that connection).")
        o.append("")
        o.append("| gateway side | value |")
        o.append("|---|---|")
        o.append(f"| requests sent | {kv.get('sent')} |")
        o.append(f"| 200 | {kv.get('ok')} (p50 {kv.get('ok_p50_ms')} ms, p99 {kv.get('ok_p99_ms')} ms, max "
                 f"{kv.get('ok_max_ms')} ms; {kv.get('ok_waited_over_100ms')} waited > 100 ms for a token) |")
        o.append(f"| 429 from the gateway | {kv.get('r429')} (p50 {kv.get('r429_p50_ms')} ms = the quota's max-wait; "
                 f"Retry-After values {kv.get('retry_after')}; without Retry-After: "
                 f"{kv.get('r429_without_retry_after')}) |")
        o.append(f"| other | {kv.get('other')} (statuses {kv.get('statuses')}) |")
        try:
            st = json.loads(facts.get("quota_upstream", "{}"))
        except ValueError:
            st = {}
        if st:
            o.append("")
            o.append("| upstream side | value |")
            o.append("|---|---|")
            o.append(f"| calls received | {st.get('received')} |")
            o.append(f"| most calls in any 60 s window | {st.get('max_in_any_60s')} (limit 100) |")
            o.append(f"| per calendar minute from the start | "
                     + ", ".join(f"{m['received']}" for m in st.get("per_minute", [])) + " |")
            o.append(f"| busiest second | {st.get('max_per_second')} |")
            o.append(f"| statuses sent | {json.dumps(st.get('by_status', {}))} (429 = the vendor limit was hit) |")
        prom = facts.get("quota_prometheus", "")
        if prom:
            o.append("")
            o.append("Gateway metrics for the connection after the run:")
            o.append("")
            o.append("```")
            o.extend(l for l in prom.split("|") if l)
            o.append("```")
    o.append("")
    o.append("## JFR: hottest methods")
    o.append("")
    o.extend(jfr_section(workdir, facts))
    summary = os.path.join(workdir, "jfr-summary.txt")
    if os.path.exists(summary):
        with open(summary) as f:
            lines = [l.rstrip() for l in f if l.strip()]
        top = [l for l in lines if l.strip().startswith(("jdk.ExecutionSample", "jdk.GarbageCollection",
                                                         "jdk.ObjectAllocationSample", "jdk.JavaMonitorWait",
                                                         "jdk.ThreadPark", "jdk.GCPhasePause "))]
        if top:
            o.append("")
            o.append("`jfr summary` (selected event counts):")
            o.append("")
            o.append("```")
            o.extend(top)
            o.append("```")
    o.append("")
    return "\n".join(o)


def main():
    if sys.argv[1] == "--worst":
        print(worst(load_results(sys.argv[2]), int(sys.argv[3])))
    elif sys.argv[1] == "--markdown":
        rows = load_results(sys.argv[2])
        facts = load_facts(sys.argv[3])
        import datetime
        facts.setdefault("date", datetime.date.today().isoformat())
        print(markdown(rows, facts, sys.argv[4]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
