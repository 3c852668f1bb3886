package io.mediagate.gateway.edge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 client that is a plain socket: it sends exactly the bytes it is given, so requests no framework
 * client would send (bare LF, NUL, CL with TE, bad chunks, half-sent heads) reach the gateway as an attacker sends
 * them, and reads one response (Content-Length or chunked or until close).
 */
final class RawHttp {
    record Response(int status, Map<String, String> headers, String body, boolean closed) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            return status + " " + headers.get("content-type") + " " + body.substring(0, Math.min(160, body.length()));
        }
    }

    private RawHttp() {}

    static Response send(int port, byte[] request, int timeoutMillis) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.setSoTimeout(timeoutMillis);
            s.getOutputStream().write(request);
            s.getOutputStream().flush();
            return read(s.getInputStream());
        }
    }

    static Response send(int port, String request) throws IOException {
        return send(port, request.getBytes(StandardCharsets.ISO_8859_1), 10_000);
    }

    static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        while (true) {
            int b;
            try {
                b = in.read();
            } catch (SocketTimeoutException e) {
                return new Response(
                        -1, Map.of(), "(no answer in time) " + head.toString(StandardCharsets.ISO_8859_1), false);
            }
            if (b < 0) {
                return new Response(
                        head.size() == 0 ? 0 : -2,
                        Map.of(),
                        "(closed) " + head.toString(StandardCharsets.ISO_8859_1),
                        true);
            }
            head.write(b);
            last4 = last4 << 8 | b;
            if (last4 == 0x0d0a0d0a) {
                break;
            }
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.merge(
                        lines[i].substring(0, colon).toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip(),
                        (a, b) -> a + ", " + b);
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String length = headers.get("content-length");
        try {
            if (length != null) {
                byte[] b = in.readNBytes(Integer.parseInt(length));
                body.write(b);
            } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                while (true) {
                    String size = line(in);
                    int n = Integer.parseInt(size.split(";")[0].strip(), 16);
                    if (n == 0) {
                        line(in);
                        break;
                    }
                    body.write(in.readNBytes(n));
                    line(in);
                }
            } else if (status >= 200 && status != 204 && status != 304) {
                in.transferTo(body);
            }
        } catch (SocketTimeoutException e) {
            body.write("(body timed out)".getBytes(StandardCharsets.US_ASCII));
        }
        boolean closed = "close".equalsIgnoreCase(headers.get("connection"));
        return new Response(status, headers, body.toString(StandardCharsets.UTF_8), closed);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int b; (b = in.read()) >= 0 && b != '\n'; ) {
            if (b != '\r') {
                sb.append((char) b);
            }
        }
        return sb.toString();
    }
}
