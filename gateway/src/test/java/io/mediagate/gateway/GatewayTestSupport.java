package io.mediagate.gateway;

import io.mediagate.contracts.kit.FakeVendor;
import io.mediagate.gateway.api.connections.ConnectionHealth;
import io.mediagate.gateway.policy.cache.ReadCache;
import io.mediagate.gateway.policy.circuit.ConnectionCircuits;
import io.mediagate.gateway.policy.quota.OutboundQuota;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A gateway on a random port over the fake vendor; vendors are reset before each test. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ActiveProfiles("test")
public abstract class GatewayTestSupport {
    protected static final String FULL = "Bearer full-key";
    protected static final String READER = "Bearer reader-key";

    @Autowired
    protected WebTestClient web;

    @LocalManagementPort
    protected int managementPort;

    @Autowired
    private ConnectionCircuits circuits;

    @Autowired
    private OutboundQuota quota;

    @Autowired
    private ConnectionHealth health;

    @Autowired
    private ReadCache cache;

    protected final FakeVendor vendor = FakeVendor.named("gw-fake-main");
    protected final FakeVendor basicVendor = FakeVendor.named("gw-fake-basic");
    protected final FakeVendor quotaVendor = FakeVendor.named("gw-fake-quota");
    protected final FakeVendor circuitVendor = FakeVendor.named("gw-fake-circuit");
    protected final FakeVendor cacheVendor = FakeVendor.named("gw-fake-cache");

    /** Actuator (health, info, prometheus) lives on the management port, not on the API port. */
    protected WebTestClient management() {
        return management(managementPort);
    }

    public static WebTestClient management(int port) {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
    }

    /** The Prometheus scrape of the management port, as text. */
    protected String prometheus() {
        return prometheus(managementPort);
    }

    /** The Prometheus scrape of the management port at {@code port}, as text. */
    public static String prometheus(int port) {
        return management(port)
                .get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    @BeforeEach
    void resetVendors() {
        vendor.reset();
        basicVendor.reset();
        quotaVendor.reset();
        circuitVendor.reset();
        cacheVendor.reset();
        cache.clearAll();
        circuits.resetAll();
        quota.resetAll();
        health.forget();
    }
}
