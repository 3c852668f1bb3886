package io.mediagate.gateway;

import io.mediagate.contracts.kit.FakeVendor;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
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

    protected final FakeVendor vendor = FakeVendor.named("gw-fake-main");
    protected final FakeVendor basicVendor = FakeVendor.named("gw-fake-basic");

    @BeforeEach
    void resetVendors() {
        vendor.reset();
        basicVendor.reset();
    }
}
