package io.mediagate.bench.upstream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Open-loop load at a fixed rate (not a throughput run): sends {@code --rate} requests per second for
 * {@code --duration} seconds regardless of how long answers take, so a quota sees a steady demand. Prints one
 * {@code PROBE key=value ...} line: sent, statuses, latency of 200s (quota waiting shows as latency above the
 * upstream's own), the Retry-After values of 429s.
 */
public final class QuotaProbe {
    private QuotaProbe() {
    }

    record Result(int status, long micros, String retryAfter, String cacheStatus) {
    }

    public static void main(String[] args) {
        String url = Main.arg(args, "url", null);
        String header = Main.arg(args, "header", null);
        double rate = Double.parseDouble(Main.arg(args, "rate", "16.67"));
        long seconds = Long.parseLong(Main.arg(args, "duration", "60"));
        long timeout = Long.parseLong(Main.arg(args, "timeout", "15"));
        if (url == null) {
            System.err.println("usage: probe --url URL [--header 'Name: value'] [--rate per-second] [--duration s]");
            System.exit(2);
        }
        HttpClient client = HttpClient.create(ConnectionProvider.builder("probe").maxConnections(256).build())
                .responseTimeout(Duration.ofSeconds(timeout))
                .headers(h -> {
                    if (header != null) {
                        int colon = header.indexOf(':');
                        h.set(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
                    }
                });
        ConcurrentLinkedQueue<Result> results = new ConcurrentLinkedQueue<>();
        long periodNanos = (long) (1_000_000_000L / rate);
        long count = (long) Math.floor(rate * seconds);
        long started = System.nanoTime();
        Flux.interval(Duration.ofNanos(periodNanos))
                .take(count)
                .flatMap(i -> {
                    long t0 = System.nanoTime();
                    return client.get().uri(url).responseSingle((res, body) -> body.asString().defaultIfEmpty("")
                                    .map(b -> new Result(res.status().code(), (System.nanoTime() - t0) / 1000,
                                            res.responseHeaders().get("Retry-After"),
                                            res.responseHeaders().get("Cache-Status"))))
                            .onErrorResume(e -> Mono.just(new Result(-1, (System.nanoTime() - t0) / 1000, null,
                                    e.getClass().getSimpleName())));
                }, 1024)
                .doOnNext(results::add)
                .blockLast(Duration.ofSeconds(seconds + timeout + 10));
        double elapsed = (System.nanoTime() - started) / 1e9;

        TreeMap<Integer, Integer> byStatus = new TreeMap<>();
        List<Long> ok = new ArrayList<>();
        List<Long> rejected = new ArrayList<>();
        TreeMap<String, Integer> retryAfter = new TreeMap<>();
        int rejectedWithoutRetryAfter = 0;
        for (Result r : results) {
            byStatus.merge(r.status(), 1, Integer::sum);
            if (r.status() == 200) {
                ok.add(r.micros());
            } else if (r.status() == 429) {
                rejected.add(r.micros());
                if (r.retryAfter() == null) {
                    rejectedWithoutRetryAfter++;
                } else {
                    retryAfter.merge(r.retryAfter(), 1, Integer::sum);
                }
            }
        }
        Collections.sort(ok);
        Collections.sort(rejected);
        long waited = ok.stream().filter(us -> us > 100_000).count();
        StringBuilder sb = new StringBuilder("PROBE");
        sb.append(" sent=").append(results.size())
                .append(" elapsed_s=").append(String.format("%.1f", elapsed))
                .append(" rate=").append(String.format("%.2f", rate))
                .append(" ok=").append(byStatus.getOrDefault(200, 0))
                .append(" r429=").append(byStatus.getOrDefault(429, 0))
                .append(" other=").append(results.size() - byStatus.getOrDefault(200, 0)
                        - byStatus.getOrDefault(429, 0))
                .append(" ok_p50_ms=").append(pct(ok, 50))
                .append(" ok_p99_ms=").append(pct(ok, 99))
                .append(" ok_max_ms=").append(pct(ok, 100))
                .append(" ok_waited_over_100ms=").append(waited)
                .append(" r429_p50_ms=").append(pct(rejected, 50))
                .append(" r429_without_retry_after=").append(rejectedWithoutRetryAfter)
                .append(" retry_after=");
        boolean first = true;
        for (Map.Entry<String, Integer> e : retryAfter.entrySet()) {
            sb.append(first ? "" : ",").append(e.getKey()).append("s:").append(e.getValue());
            first = false;
        }
        if (first) {
            sb.append('-');
        }
        sb.append(" statuses=").append(byStatus.toString().replace(" ", ""));
        System.out.println(sb);
        System.exit(0);
    }

    private static String pct(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return "-";
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return String.format("%.1f", sorted.get(Math.max(0, Math.min(i, sorted.size() - 1))) / 1000.0);
    }
}
