#!/usr/bin/env python3
"""Turns bench/run.sh's raw results into the markdown table (and picks the JFR scenario).

  report.py --worst RESULTS.tsv RUN          -> the mediagate scenario furthest below its target
  report.py --markdown RESULTS.tsv FACTS.tsv WORKDIR
  report.py --svg RESULTS.md [OUT.svg]       -> throughput and p99 bars per scenario and run, from a results file
"""
import collections
import json
import re
import os
import sys

SCENARIOS = [
    ("direct", "wrk → fast upstream (0 ms): the floor"),
    ("nginx", "nginx reverse proxy, keep-alive to upstream"),
    ("stock-scg", "stock Spring Cloud Gateway, one `/**` route, defaults"),
    ("floor-netty", "an uncached read's least work (library fetch, scan, JSON) on Reactor Netty alone"),
    ("floor-webflux", "the same on WebFlux functional endpoints + WebClient, no Spring Boot"),
    ("mg-passthrough", "mediagate `GET /v1/connections/bench-c3d/raw/projects/4242/media/301`"),
    ("mg-uncached", "mediagate `GET /v1/connections/bench-c3d-nocache/videos/301` (cache off)"),
    ("mg-cached", "mediagate `GET /v1/connections/bench-c3d/videos/301` (cache hit)"),
    ("floor-webflux@half", "floor-webflux, paced to ½ of its own peak"),
    ("direct@half", "direct, paced to ½ of mg-uncached peak"),
    ("mg-uncached@half", "mg-uncached, paced to ½ of its peak"),
]
TARGETS = {"mg-passthrough": 0.5, "mg-uncached": 0.35, "mg-cached": 1.0}  # × nginx throughput



def jdk_label(facts):
    """'JDK 25' from the server JVM's version line (openjdk version "25.0.1" ...), 'JDK ?' without one."""
    m = re.search(r'version "(\d+)', facts.get("server_java", ""))
    return f"JDK {m.group(1)}" if m else "JDK 17"

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
    if facts.get("server_java"):
        o.append(f"- every server JVM on `{facts['server_java']}` (the image's JDK when installed; `BENCH_JDK`)")
    if facts.get("mg_image_opts"):
        o.append(f"- mediagate also runs with the image's JVM options: `{facts['mg_image_opts']}`"
                 f" (class-data sharing: `{facts.get('mg_cds', 'off')}`)")
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

    line("passthrough ÷ stock SCG (req/s)", "≥ 1.0×", ratios("mg-passthrough", "stock-scg"), fmt_ratio,
         lambda v: v >= 1.0)
    line("passthrough ÷ nginx (req/s, reference)", "–", ratios("mg-passthrough", "nginx"), fmt_ratio, None)
    line("stock SCG ÷ nginx (req/s, reference)", "–", ratios("stock-scg", "nginx"), fmt_ratio, None)
    line("normalized uncached ÷ nginx (req/s)", "≥ 0.35×", ratios("mg-uncached", "nginx"), fmt_ratio,
         lambda v: v >= 0.35)
    line("uncached ÷ its WebFlux + WebClient floor (req/s, reference)", "–", ratios("mg-uncached", "floor-webflux"),
         fmt_ratio, None)
    line("WebFlux + WebClient floor ÷ nginx (req/s, reference)", "–", ratios("floor-webflux", "nginx"), fmt_ratio,
         None)
    line("Reactor Netty floor ÷ nginx (req/s, reference)", "–", ratios("floor-netty", "nginx"), fmt_ratio, None)
    def p99_over(a_name, b_name):
        """ms by which a's p99 exceeds b's, per run (None where either is missing)."""
        out = []
        for r in runs:
            a, b = get(rows, r, a_name), get(rows, r, b_name)
            out.append(None if not a or not b or a["p99"] is None or b["p99"] is None else (a["p99"] - b["p99"]) / 1000)
        return out

    fm = lambda v: "n/a" if v is None else f"{v:+.2f} ms"
    line("uncached added p99 over direct, ½ of peak load", "≤ 1 ms", p99_over("mg-uncached@half", "direct@half"), fm,
         lambda v: v <= 1.0)
    line("WebFlux + WebClient floor's added p99 over direct, ½ of its own peak (reference)", "–",
         p99_over("floor-webflux@half", "direct@half"), fm, None)
    line("uncached added p99 over direct, full load (reference)", "–", p99_over("mg-uncached", "direct"), fm, None)
    line("cached ÷ nginx (req/s)", "≥ 1.0×", ratios("mg-cached", "nginx"), fmt_ratio, lambda v: v >= 1.0)
    line("cached p99 over nginx's p99", "≤ +0.5 ms", p99_over("mg-cached", "nginx"), fm, lambda v: v <= 0.5)

    def facts_num(key):
        return [num(facts.get(f"{key}_{r}", "")) for r in runs]

    kb = lambda v: "n/a" if v is None else f"{v / 1024:.1f} KB"
    for name, label in (("mg-cached", "cache hit"), ("mg-uncached", "uncached read"),
                        ("mg-passthrough", "passthrough")):
        line(f"heap allocated per request, {label} (jstat, reference)", "–",
             facts_num(f"alloc_{name}"), kb, None)
    line("mediagate RSS after the run (VmRSS; the image's JVM options, 384 MiB pod)", "≤ 250 MB", facts_num("mg_rss_mb"),
         lambda v: "n/a" if v is None else f"{v:.0f} MB", lambda v: v <= 250)
    line("mediagate peak RSS (VmHWM)", "≤ 250 MB", facts_num("mg_hwm_mb"),
         lambda v: "n/a" if v is None else f"{v:.0f} MB", lambda v: v <= 250)
    line(f"mediagate start to readiness 200 ({jdk_label(facts)} + CDS, one core; the image's AOT cache: start-up section)", "≤ 2 s", [None if v is None else v / 1000 for v in facts_num("mg_ready_ms")],
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
        if facts.get(f"floor_half_load_{r}"):
            o.append(f"- run {r}, the WebFlux floor's ½-load run: {facts[f'floor_half_load_{r}']}")
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


# ---------------------------------------------------------------- SVG chart (standard library only)
BARS = [("direct", "direct to upstream (floor)"), ("nginx", "nginx reverse proxy"),
        ("stock-scg", "stock Spring Cloud Gateway"), ("floor-netty", "uncached read's floor: Reactor Netty"),
        ("floor-webflux", "uncached read's floor: WebFlux + WebClient"), ("mg-passthrough", "mediagate passthrough"),
        ("mg-uncached", "mediagate GET, cache off"), ("mg-cached", "mediagate GET, cache hit")]
RUN_COLOURS = {"reference": ["#9aa5b1", "#616e7c"], "mediagate": ["#62b0e8", "#186faf"]}


def results_from_markdown(path):
    """The 'Throughput and latency' table of a results file: {(scenario, run): (req/s, p99 ms)}."""
    rows, in_table = {}, False
    with open(path) as f:
        for line in f:
            if line.startswith("## "):
                in_table = line.strip() == "## Throughput and latency"
                continue
            if not in_table or not line.startswith("|") or line.startswith("|---") or "scenario" in line:
                continue
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) < 5:
                continue
            try:
                rps = float(cells[2].replace(",", ""))
                p99 = float(cells[4])
            except ValueError:
                continue
            rows[(cells[0], int(cells[1]))] = (rps, p99)
    return rows


def esc(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def nice_max(v):
    """A round axis maximum at or above v (1, 1.5, 2, 2.5, 5 × 10^n)."""
    if v <= 0:
        return 1.0
    exp = 10 ** int(f"{v:e}".split("e")[1])
    for m in (1, 1.5, 2, 2.5, 5, 10):
        if m * exp >= v:
            return m * exp
    return 10 * exp


def panel(title, unit, values, x0, y0, width, fmt, runs):
    """One horizontal bar panel: a group per scenario, one bar per run."""
    bar_h, gap, label_w = 12, 10, 200
    plot_w = width - label_w - 70
    top = max((v for v in values.values() if v is not None), default=1)
    axis = nice_max(top)
    out = [f'<text x="{x0}" y="{y0}" class="title">{esc(title)}</text>']
    y = y0 + 16
    grid_top, ticks = y, 5
    group_h = bar_h * len(runs) + gap
    grid_bottom = y + group_h * len(BARS)
    for i in range(ticks + 1):
        gx = x0 + label_w + plot_w * i / ticks
        out.append(f'<line x1="{gx:.1f}" y1="{grid_top}" x2="{gx:.1f}" y2="{grid_bottom}" class="grid"/>')
        out.append(f'<text x="{gx:.1f}" y="{grid_bottom + 14}" class="tick">{esc(fmt(axis * i / ticks))}</text>')
    out.append(f'<text x="{x0 + label_w + plot_w}" y="{grid_bottom + 28}" class="unit">{esc(unit)}</text>')
    for name, label in BARS:
        kind = "reference" if not name.startswith("mg-") else "mediagate"
        out.append(f'<text x="{x0 + label_w - 8}" y="{y + group_h / 2 + 1}" class="label">{esc(label)}</text>')
        for i, run in enumerate(runs):
            v = values.get((name, run))
            by = y + i * bar_h
            if v is None:
                out.append(f'<text x="{x0 + label_w + 4}" y="{by + bar_h - 2}" class="value">n/a</text>')
                continue
            w = max(1.0, plot_w * v / axis)
            colour = RUN_COLOURS[kind][i % 2]
            out.append(f'<rect x="{x0 + label_w}" y="{by}" width="{w:.1f}" height="{bar_h - 2}" fill="{colour}">'
                       f'<title>{esc(f"{label}, run {run}: {fmt(v)} {unit}")}</title></rect>')
            out.append(f'<text x="{x0 + label_w + w + 4:.1f}" y="{by + bar_h - 3}" class="value">'
                       f'{esc(fmt(v))}</text>')
        y += group_h
    return out, grid_bottom + 40


def svg(results_md, out_path):
    rows = results_from_markdown(results_md)
    if not rows:
        sys.exit(f"no 'Throughput and latency' rows in {results_md}")
    runs = sorted({run for _, run in rows})
    width = 820
    title = os.path.basename(results_md)
    body = [f'<text x="20" y="28" class="heading">mediagate benchmark: {esc(title)}</text>',
            f'<text x="20" y="46" class="sub">each scenario beside nginx and stock Spring Cloud Gateway; '
            f'lighter bar = run {runs[0]}, darker = run {runs[-1]}; grey = reference, blue = mediagate</text>']
    rps = {k: v[0] for k, v in rows.items()}
    p99 = {k: v[1] for k, v in rows.items()}
    part, y = panel("Throughput (higher is better)", "requests/s", rps, 20, 76, width - 40,
                    lambda v: f"{v:,.0f}", runs)
    body += part
    part, y = panel("p99 latency (lower is better)", "ms", p99, 20, y + 10, width - 40,
                    lambda v: f"{v:.2f}" if v < 10 else f"{v:.1f}", runs)
    body += part
    style = ("text{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;fill:#1f2933}"
             ".heading{font-size:16px;font-weight:600}.sub{font-size:11px;fill:#52606d}"
             ".title{font-size:13px;font-weight:600}.label{font-size:11px;text-anchor:end}"
             ".value{font-size:10px;fill:#323f4b}.tick{font-size:9px;fill:#7b8794;text-anchor:middle}"
             ".unit{font-size:10px;fill:#7b8794;text-anchor:end}.grid{stroke:#e4e7eb;stroke-width:1}")
    doc = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{y}" viewBox="0 0 {width} {y}" '
           f'role="img" aria-label="mediagate benchmark {esc(title)}">\n<style>{style}</style>\n'
           f'<rect width="100%" height="100%" fill="#ffffff"/>\n' + "\n".join(body) + "\n</svg>\n")
    with open(out_path, "w") as f:
        f.write(doc)
    return out_path


def main():
    if sys.argv[1] == "--worst":
        print(worst(load_results(sys.argv[2]), int(sys.argv[3])))
    elif sys.argv[1] == "--markdown":
        rows = load_results(sys.argv[2])
        facts = load_facts(sys.argv[3])
        import datetime
        facts.setdefault("date", datetime.date.today().isoformat())
        print(markdown(rows, facts, sys.argv[4]))
    elif sys.argv[1] == "--svg":
        out = sys.argv[3] if len(sys.argv) > 3 else os.path.splitext(sys.argv[2])[0] + ".svg"
        print(svg(sys.argv[2], out))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
