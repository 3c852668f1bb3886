package io.mediagate.gateway.events;

import io.mediagate.contracts.kit.FakeVendor;
import io.mediagate.gateway.GatewayTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A gateway with change events switched on: two polled connections over their own fake vendors (one with a
 * quota), ingests followed, webhooks to 127.0.0.1 allowed, all with short intervals so the tests stay fast.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "mediagate.events.poll.interval=100ms",
            "mediagate.events.poll.connections=fake-events,fake-events-quota",
            "mediagate.events.ingests.follow=true",
            "mediagate.events.ingests.first-delay=50ms",
            "mediagate.events.ingests.max-delay=200ms",
            "mediagate.events.webhooks.allowed-hosts=127.0.0.1",
            "mediagate.events.webhooks.first-backoff=50ms",
            "mediagate.events.webhooks.max-backoff=200ms",
            "mediagate.events.webhooks.retry-for=1500ms",
            "mediagate.connections.fake-events.vendor=fake",
            "mediagate.connections.fake-events.base-url=http://fake.invalid/api",
            "mediagate.connections.fake-events.credentials.token=fake-token",
            "mediagate.connections.fake-events.options.instance=gw-fake-events",
            "mediagate.connections.fake-events.cache.enabled=false",
            "mediagate.connections.fake-events-quota.vendor=fake",
            "mediagate.connections.fake-events-quota.base-url=http://fake.invalid/api",
            "mediagate.connections.fake-events-quota.credentials.token=fake-token",
            "mediagate.connections.fake-events-quota.options.instance=gw-fake-events-quota",
            "mediagate.connections.fake-events-quota.cache.enabled=false",
            "mediagate.connections.fake-events-quota.quota.limit=20",
            "mediagate.connections.fake-events-quota.quota.period=1s",
            "mediagate.connections.fake-events-quota.quota.burst=5",
            "mediagate.connections.fake-events-quota.quota.max-wait=3s",
        })
abstract class EventsTestSupport extends GatewayTestSupport {
    static final String EVENTS = "Bearer events-key";
    protected final FakeVendor eventsVendor = FakeVendor.named("gw-fake-events");
    protected final FakeVendor quotaEventsVendor = FakeVendor.named("gw-fake-events-quota");

    @LocalServerPort
    int port;

    @BeforeEach
    void resetEventVendors() {
        eventsVendor.reset();
        quotaEventsVendor.reset();
    }

    EventStream stream(String query, String lastEventId) {
        return EventStream.open(port, query, EVENTS, lastEventId);
    }
}
