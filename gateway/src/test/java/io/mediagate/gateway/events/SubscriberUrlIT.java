package io.mediagate.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A subscriber URL obeys the no-internal-target rule, checked on a real socket. */
class SubscriberUrlIT extends EventsTestSupport {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://10.1.2.3/hook",
                "http://localhost:8080/hook",
                "http://169.254.169.254/latest",
                "http://[::1]/hook",
                "http://0x7f000001/hook",
                "ftp://hooks.example.com/x"
            })
    void anInternalOrNonHttpSubscriberUrlIsA400(String url) throws IOException {
        String body = "{\"url\":\"" + url + "\",\"connections\":[\"fake-main\"]}";
        String response = new EventsIT()
                .rawTo(
                        port,
                        "POST /v1/subscriptions HTTP/1.1\r\nHost: x\r\nAuthorization: "
                                + EVENTS + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                                + "\r\nConnection: close\r\n\r\n" + body);
        assertThat(response)
                .startsWith("HTTP/1.1 400")
                .contains("application/problem+json")
                .contains("\"field\":\"url\"")
                .doesNotContain(url);
    }
}
