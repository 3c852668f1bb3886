package io.mediagate.gateway.client;

import io.mediagate.client.MediagateClient;
import java.time.Duration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** The demo gateway (every vendor simulator) on a random port, with the keys the client tests use; one context. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            // the demo client, plus a read-only key for one connection and a key with a tiny inbound limit
            "mediagate.clients[0].id=demo",
            "mediagate.clients[0].key-sha256=c48a01f49fd0f2cc404bc3cbbc80e91457a3d41bb429a695243de4c61794155c",
            "mediagate.clients[0].scopes=videos:read,videos:write,raw",
            "mediagate.clients[0].connections=*",
            "mediagate.clients[1].id=reader",
            "mediagate.clients[1].key-sha256=ec4408df15da46b328f6f3246fa723d0aa6cb0f0a0dd9c4626080ab1b02aa3b2",
            "mediagate.clients[1].scopes=videos:read",
            "mediagate.clients[1].connections=cincopa-demo",
            "mediagate.clients[2].id=limited",
            "mediagate.clients[2].key-sha256=f33b2500796d61f96eeef0f5331ddc40c17e434aff139f4d9e00bfe75170d87a",
            "mediagate.clients[2].scopes=videos:read",
            "mediagate.clients[2].connections=*",
            "mediagate.clients[2].rate-limit.limit=2",
            "mediagate.clients[2].rate-limit.period=10m"
        })
@ActiveProfiles("demo")
abstract class DemoGateway {
    @LocalServerPort
    protected int port;

    protected String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    protected MediagateClient client(String key) {
        return MediagateClient.builder()
                .baseUrl(baseUrl())
                .apiKey(key)
                .requestTimeout(Duration.ofSeconds(20))
                .maxRetryWait(Duration.ofSeconds(2))
                .build();
    }
}
