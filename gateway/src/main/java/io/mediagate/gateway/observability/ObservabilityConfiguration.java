package io.mediagate.gateway.observability;

import io.mediagate.gateway.config.QuotaProperties;
import io.mediagate.gateway.connection.ConnectionRegistry;
import io.mediagate.gateway.policy.UpstreamMetrics;
import io.mediagate.gateway.policy.VendorAttemptTracing;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.observation.MeterObservationHandler;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.info.GitProperties;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SdkTracerProviderBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * What the Prometheus scrape looks like: label names in snake_case whoever registered the meter (Spring Cloud
 * Gateway uses camelCase, which Prometheus accepts but every query and promtool-style lint trips over), no timers
 * from the vendor-attempt spans, {@code mediagate_build_info}, and the upstream series the alerts read present at
 * zero from start-up.
 */
@Configuration(proxyBeanMethods = false)
public class ObservabilityConfiguration {
    private static final Pattern CAMEL = Pattern.compile("([a-z0-9])([A-Z])");

    /** camelCase tag keys become snake_case ({@code routeId} → {@code route_id}). */
    @Bean
    MeterFilter snakeCaseTagKeys() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                List<Tag> tags = id.getTags();
                // runs on every lookup of a denied meter (the attempt timers below are never cached): no regex
                if (tags.stream().noneMatch(t -> camelCase(t.getKey()))) {
                    return id;
                }
                return id.replaceTags(tags.stream()
                        .map(t -> Tag.of(snakeCase(t.getKey()), t.getValue()))
                        .toList());
            }
        };
    }

    /** What {@link #CAMEL} finds: a lower-case letter or digit followed by an upper-case letter (ASCII). */
    static boolean camelCase(String key) {
        for (int i = 1; i < key.length(); i++) {
            char before = key.charAt(i - 1);
            char c = key.charAt(i);
            if (c >= 'A' && c <= 'Z' && (before >= 'a' && before <= 'z' || before >= '0' && before <= '9')) {
                return true;
            }
        }
        return false;
    }

    static String snakeCase(String key) {
        return CAMEL.matcher(key).replaceAll("$1_$2").toLowerCase(Locale.ROOT);
    }

    /** Boot's server request timers come without help text; promtool (and Grafana's hover) want one. */
    @Bean
    MeterFilter describeServerRequests() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (id.getDescription() != null || !id.getName().startsWith("http.server.requests")) {
                    return id;
                }
                String help = id.getName().endsWith(".active")
                        ? "HTTP requests being handled now"
                        : "HTTP requests handled, by method, route, status and outcome";
                return new Meter.Id(id.getName(), Tags.of(id.getTags()), id.getBaseUnit(), help, id.getType());
            }
        };
    }

    /**
     * The span-only observations, vendor attempts ({@link VendorAttemptTracing}) and started reads
     * ({@link LazyServerObservation}), are claimed by this no-op meter handler ahead of Boot's, which would time each:
     * an attempt's timer would repeat {@code mediagate_upstream_latency}, a read's its own {@code http.server.requests}
     * sample. Denying those meters afterwards still cost the timer's start, tags and a registry lookup per call.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    MeterObservationHandler<Observation.Context> spanOnlyObservations() {
        return new MeterObservationHandler<>() {
            @Override
            public boolean supportsContext(Observation.Context context) {
                return VendorAttemptTracing.NAME.equals(context.getName())
                        || LazyServerObservation.NAME.equals(context.getName());
            }
        };
    }

    /**
     * Spring's server observation skips the video reads and raw calls, which observe themselves
     * ({@link LazyServerObservation}).
     */
    @Bean
    ObservationPredicate springSkipsLazyRequests() {
        return LazyServerObservation.springSkipsLazyRequests();
    }

    /**
     * The tracer draws its ids through {@link PreparedIds}, so a read's server span started after its sampling was
     * decided ({@link EarlySampling}) has the trace id the vendor was already given.
     */
    @Bean
    SdkTracerProviderBuilderCustomizer preparedTraceIds() {
        return builder -> builder.setIdGenerator(PreparedIds.INSTANCE);
    }

    /** {@code mediagate_build_info{version, commit, branch} 1}: which build a replica runs, joinable in queries. */
    @Bean
    MeterBinder buildInfo(ObjectProvider<BuildProperties> build, ObjectProvider<GitProperties> git) {
        return registry -> {
            BuildProperties b = build.getIfAvailable();
            GitProperties g = git.getIfAvailable();
            Gauge.builder("mediagate.build.info", () -> 1)
                    .description("build of this replica; the value is always 1")
                    .tag("version", b == null || b.getVersion() == null ? "unknown" : b.getVersion())
                    .tag("commit", g == null || g.getShortCommitId() == null ? "unknown" : g.getShortCommitId())
                    .tag("branch", g == null || g.getBranch() == null ? "unknown" : g.getBranch())
                    .tag("java_version", System.getProperty("java.version", "unknown"))
                    .register(registry);
        };
    }

    /** Upstream counters the alerts and dashboard read exist at zero for every connection from start-up. */
    @Bean
    MeterBinder upstreamSeriesAtZero(ConnectionRegistry connections, UpstreamMetrics metrics) {
        return registry -> connections.all().forEach(metrics::registerAtZero);
    }

    /**
     * {@code mediagate_quota_limit_per_second{connection}}: the configured vendor plan as a rate, so a dashboard
     * can draw vendor calls against it. Only connections with a quota have one.
     */
    @Bean
    MeterBinder quotaLimits(ConnectionRegistry connections) {
        return registry -> connections.all().forEach(c -> {
            QuotaProperties q = c.policy().quota();
            if (q != null
                    && q.limit() != null
                    && q.period() != null
                    && !q.period().isZero()) {
                double perSecond = q.limit() / (q.period().toNanos() / 1e9);
                Gauge.builder("mediagate.quota.limit.per.second", () -> perSecond)
                        .description("vendor calls per second the connection's quota allows (limit / period)")
                        .tag("connection", c.id())
                        .register(registry);
            }
        });
    }
}
