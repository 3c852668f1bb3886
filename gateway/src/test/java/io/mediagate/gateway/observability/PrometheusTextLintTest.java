package io.mediagate.gateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The scrape checker finds what promtool finds; each case is a real mistake seen in exporters. */
class PrometheusTextLintTest {
    private static final String GOOD = """
            # HELP mediagate_upstream_requests_total calls that reached the vendor
            # TYPE mediagate_upstream_requests_total counter
            mediagate_upstream_requests_total{connection="a",outcome="success"} 3.0
            # HELP mediagate_upstream_latency_seconds vendor call latency
            # TYPE mediagate_upstream_latency_seconds histogram
            mediagate_upstream_latency_seconds_bucket{connection="a",le="0.1"} 1
            mediagate_upstream_latency_seconds_bucket{connection="a",le="+Inf"} 3
            mediagate_upstream_latency_seconds_count{connection="a"} 3
            mediagate_upstream_latency_seconds_sum{connection="a"} 0.9
            """;

    @Test
    void acceptsAWellFormedScrape() {
        assertThat(PrometheusTextLint.parse(GOOD).problems()).isEmpty();
    }

    @Test
    void reportsMissingHelpText() {
        assertThat(PrometheusTextLint.parse(GOOD.replace("calls that reached the vendor", ""))
                        .problems())
                .containsExactly("mediagate_upstream_requests_total: no help text");
        assertThat(PrometheusTextLint.parse("# TYPE x_total counter\nx_total 1\n")
                        .problems())
                .containsExactly("x_total: no HELP line");
    }

    @Test
    void reportsCamelCaseLabelsAndNames() {
        assertThat(PrometheusTextLint.parse(GOOD.replace("outcome=", "routeId="))
                        .problems())
                .containsExactly("mediagate_upstream_requests_total: label names should be written in 'snake_case' "
                        + "not 'camelCase' (routeId)");
    }

    @Test
    void reportsCountersWithoutTotalAndTotalOnGauges() {
        assertThat(PrometheusTextLint.parse("# HELP a_calls h\n# TYPE a_calls counter\na_calls 1\n")
                        .problems())
                .containsExactly("a_calls: counter metrics should have \"_total\" suffix");
        assertThat(PrometheusTextLint.parse("# HELP a_total h\n# TYPE a_total gauge\na_total 1\n")
                        .problems())
                .containsExactly("a_total: non-counter metrics should not have \"_total\" suffix");
    }

    @Test
    void reportsHistogramsWithoutInfBucketOrWithAWrongCount() {
        assertThat(PrometheusTextLint.parse(GOOD.replace("le=\"+Inf\"", "le=\"1.0\""))
                        .problems())
                .anyMatch(p -> p.contains("no le=\"+Inf\" bucket"));
        assertThat(PrometheusTextLint.parse(GOOD.replace("_count{connection=\"a\"} 3", "_count{connection=\"a\"} 4"))
                        .problems())
                .anyMatch(p -> p.contains("_count differs from the +Inf bucket"));
        assertThat(PrometheusTextLint.parse(GOOD.replace("le=\"0.1\"} 1", "le=\"0.1\"} 5"))
                        .problems())
                .anyMatch(p -> p.contains("buckets are not cumulative"));
    }

    @Test
    void reportsDuplicateSeriesAndNonBaseUnits() {
        String dup = GOOD.replace(
                "outcome=\"success\"} 3.0",
                "outcome=\"success\"} 3.0\n"
                        + "mediagate_upstream_requests_total{outcome=\"success\",connection=\"a\"} 1.0");
        assertThat(PrometheusTextLint.parse(dup).problems()).anyMatch(p -> p.contains("duplicate series"));
        assertThat(PrometheusTextLint.parse("# HELP a_milliseconds h\n# TYPE a_milliseconds gauge\na_milliseconds 1\n")
                        .problems())
                .containsExactly("a_milliseconds: use base unit \"seconds\" instead of \"milliseconds\"");
        assertThat(PrometheusTextLint.parse("# HELP a_ms_total h\n# TYPE a_ms_total counter\na_ms_total 1\n")
                        .problems())
                .containsExactly("a_ms_total: metric names should not contain abbreviated units");
    }

    @Test
    void reportsMalformedLines() {
        assertThat(PrometheusTextLint.parse(GOOD.replace("connection=\"a\",outcome", "connection=a,outcome"))
                        .problems())
                .anyMatch(p -> p.contains("label value not quoted"));
        assertThat(PrometheusTextLint.parse("# HELP a h\n# TYPE a gauge\na{x=\"1\"} one\n")
                        .problems())
                .anyMatch(p -> p.contains("value is not a float"));
    }
}
