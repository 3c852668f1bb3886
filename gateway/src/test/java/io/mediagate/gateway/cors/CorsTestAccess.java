package io.mediagate.gateway.cors;

import java.io.IOException;

/** Lets tests in other packages send a raw preflight. */
public final class CorsTestAccess {
    private CorsTestAccess() {}

    /** A preflight for {@code GET /v1/connections} from {@code origin}: status and whether CORS was granted. */
    public static Result preflight(int port, String origin) throws IOException {
        RawHttp.Answer a = RawHttp.send(
                port,
                "OPTIONS /v1/connections HTTP/1.1\r\nOrigin: " + origin
                        + "\r\nAccess-Control-Request-Method: GET\r\nAccess-Control-Request-Headers: authorization\r\n");
        return new Result(a.status(), a);
    }

    /** What came back. */
    public record Result(int status, RawHttp.Answer answer) {
        public String header(String name) {
            return answer.header(name);
        }
    }
}
