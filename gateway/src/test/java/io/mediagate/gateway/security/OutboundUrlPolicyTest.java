package io.mediagate.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediagate.gateway.web.ApiException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The ingest source rule as a pure unit: a table of internal targets, and a resolver that is never the network. */
class OutboundUrlPolicyTest {
    private static final Map<String, String> DNS = Map.of(
            "rebind.attacker.test",
            "10.0.0.7",
            "metadata-alias.attacker.test",
            "169.254.169.254",
            "v6.attacker.test",
            "fd00::1",
            "cdn.media.test",
            "93.184.216.34");
    private final AtomicInteger lookups = new AtomicInteger();
    private final OutboundUrlPolicy policy = new OutboundUrlPolicy(
            List.of("media.corp.test", "*.onprem.test", "10.1.2.3"), Duration.ofMillis(200), host -> {
                lookups.incrementAndGet();
                String ip = DNS.get(host);
                if (ip == null) {
                    throw new UnknownHostException(host);
                }
                return new InetAddress[] {InetAddress.getByName(ip)};
            });

    private void refused(String url) {
        assertThatThrownBy(() -> policy.check("source_url", url).block(Duration.ofSeconds(2)))
                .as(url)
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(400);
                    assertThat(e.extensions()).containsEntry("field", "source_url");
                    assertThat(e.getMessage()).doesNotContain(url);
                });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1/a.mp4",
                "http://127.1.2.3/",
                "http://localhost/a",
                "http://LOCALHOST./a",
                "http://a.localhost/",
                "http://169.254.169.254/latest/meta-data/",
                "http://metadata.google.internal/x",
                "http://10.0.0.1/",
                "http://172.16.0.1/",
                "http://172.31.255.255/",
                "http://192.168.1.1/",
                "http://100.64.0.1/",
                "http://100.127.255.254/",
                "http://0.0.0.0/",
                "http://[::1]/",
                "http://[::]/",
                "http://[fd00::1]/",
                "http://[fc00::1]/",
                "http://[fe80::1]/",
                "http://[::ffff:127.0.0.1]/",
                "http://[::ffff:7f00:1]/",
                "http://[::ffff:a9fe:a9fe]/",
                "http://[::127.0.0.1]/",
                "http://[64:ff9b::a00:1]/",
                "http://[2002:7f00:1::]/",
                "http://[fe80::1%25eth0]/",
                "http://2130706433/",
                "http://0x7f000001/",
                "http://0177.0.0.1/",
                "http://0x7f.0.0.1/",
                "http://127.1/",
                "http://017700000001/",
                "http://127.0.0.1.nip.io/",
                "http://7f000001.nip.io/",
                "http://x.sslip.io/",
                "http://kubernetes.default.svc/",
                "http://kubernetes.default/",
                "http://redis.default.svc.cluster.local/",
                "http://api.svc/",
                "http://redis/",
                "http://printer.local/",
                "http://user:pass@media.example.com/a.mp4",
                "http://evil@127.0.0.1/",
                "http://media.example.com@127.0.0.1/",
                "http://127.0.0.1#@media.example.com/",
                "http://media.example.com/a.mp4#x",
                "http://1.2.3.999/",
                "http://rebind.attacker.test/a.mp4",
                "http://metadata-alias.attacker.test/",
                "http://v6.attacker.test/",
                "http://224.0.0.1/",
                "http://255.255.255.255/",
                "http://198.18.0.1/"
            })
    void refusesInternalTargets(String url) {
        refused(url);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://media.example.com/a.mp4",
                "https://x.example.com/a.mp4?sig=abc",
                "http://93.184.216.34/a.mp4",
                "http://[2606:2800:220:1:248:1893:25c8:1946]/a.mp4",
                "https://cdn.media.test/a.mp4",
                "https://unresolvable.media.test/a.mp4",
                "http://media.corp.test/a.mp4",
                "http://files.onprem.test/a.mp4",
                "http://10.1.2.3/a.mp4"
            })
    void letsPublicAndAllowedTargetsThrough(String url) {
        policy.check("source_url", url).block(Duration.ofSeconds(2));
    }

    @Test
    void documentationNamesAreNeverLookedUp() {
        policy.check("source_url", "https://media.example.com/a.mp4").block(Duration.ofSeconds(2));
        policy.check("source_url", "https://x.invalid/a.mp4").block(Duration.ofSeconds(2));
        assertThat(lookups).hasValue(0);
    }

    @Test
    void aResolverThatHangsIsCutOffAndTheNameLetThrough() {
        OutboundUrlPolicy slow = new OutboundUrlPolicy(List.of(), Duration.ofMillis(100), host -> {
            try {
                Thread.sleep(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new InetAddress[] {InetAddress.getByName("10.0.0.1")};
        });
        long start = System.nanoTime();
        slow.check("source_url", "https://slow.media.test/a.mp4").block(Duration.ofSeconds(2));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }
}
