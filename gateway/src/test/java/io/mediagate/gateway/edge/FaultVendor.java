package io.mediagate.gateway.edge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;

/**
 * A misbehaving vendor on a raw socket. The first path segment after {@code /v0/} picks the behaviour: {@code hang}
 * (reads the request, never answers), {@code reset} (TCP RST), {@code drip} (headers, then one body byte a second),
 * {@code garbage} (not HTTP), {@code 429}, {@code 429-date}, {@code 429-junk}, {@code 429-huge}, {@code trace}
 * (echoes the request as RFC 9110 says TRACE does), {@code echo} (a 400 whose body and headers quote the request
 * line and every header, as careless error pages do), {@code gzip} (a compressed echo), anything else {@code 200}.
 * Paths without a mode (an adapter's normalized calls) get {@link #defaultMode}. Every request head is kept in the
 * {@link #journal()}.
 */
final class FaultVendor implements AutoCloseable {
    private final ServerSocket server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fault-vendor");
        t.setDaemon(true);
        return t;
    });
    private final List<String> journal = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private static final List<String> MODES = List.of(
            "hang",
            "reset",
            "drip",
            "garbage",
            "429",
            "429-date",
            "429-junk",
            "429-huge",
            "trace",
            "echo",
            "gzip",
            "hop",
            "big",
            "chunked",
            "ok");
    /** The length of the "big" and "chunked" answers: far above what the gateway reads whole. */
    static final int BIG = 1 << 20;
    /** Where those answers repeat the credential the vendor was sent: the edges and common buffer boundaries. */
    static final List<Integer> ECHOED_AT = List.of(0, 8_180, 65_530, 300_000, BIG - 64);

    volatile String defaultMode = "ok";

    FaultVendor() throws IOException {
        server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        pool.submit(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    List<String> journal() {
        return journal;
    }

    void reset() {
        journal.clear();
        defaultMode = "ok";
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                open.add(s);
                pool.submit(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                journal.add(head);
                byte[] body = readBody(in, head);
                String requestLine = head.substring(0, head.indexOf("\r\n"));
                String path = requestLine.split(" ")[1];
                String mode = path.startsWith("/v0/") ? path.substring(4).split("[/?]")[0] : "";
                if (!MODES.contains(mode)) {
                    mode = defaultMode;
                }
                OutputStream out = s.getOutputStream();
                switch (mode) {
                    case "hang" -> {
                        in.transferTo(OutputStream.nullOutputStream());
                        return;
                    }
                    case "reset" -> {
                        s.setSoLinger(true, 0);
                        return;
                    }
                    case "garbage" -> {
                        out.write("SURPRISE\0\r\nthis is not HTTP\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                        return;
                    }
                    case "drip" -> {
                        out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                        for (int i = 0; i < 100; i++) {
                            out.write('x');
                            out.flush();
                            Thread.sleep(1000);
                        }
                    }
                    case "429" ->
                        answer(out, "429 Too Many Requests", "Retry-After: 999999\r\n", "{\"error\":\"slow down\"}");
                    case "429-date" ->
                        answer(
                                out,
                                "429 Too Many Requests",
                                "Retry-After: Wed, 21 Oct 2015 07:28:00 GMT\r\n",
                                "{\"error\":\"slow down\"}");
                    case "429-junk" -> answer(out, "429 Too Many Requests", "Retry-After: soon-ish\r\n", "");
                    case "429-huge" ->
                        answer(out, "429 Too Many Requests", "Retry-After: 99999999999999999999\r\n", "x");
                    case "trace" ->
                        answer(
                                out,
                                "200 OK",
                                "Content-Type: message/http\r\n",
                                head + new String(body, StandardCharsets.ISO_8859_1));
                    case "echo" -> {
                        String echoed = head.replace("\r\n", " | ");
                        answer(
                                out,
                                "400 Bad Request",
                                "Content-Type: application/json\r\nX-Debug-Request: " + echoed
                                        + "\r\nLocation: https://vendor.example.com" + path + "\r\n",
                                "{\"error\":\"cannot handle " + echoed.replace("\"", "\\\"") + "\"}");
                    }
                    case "gzip" -> {
                        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
                        try (GZIPOutputStream z = new GZIPOutputStream(zipped)) {
                            z.write(head.getBytes(StandardCharsets.ISO_8859_1));
                        }
                        out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Encoding: gzip\r\n"
                                        + "Content-Length: " + zipped.size() + "\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                        out.write(zipped.toByteArray());
                    }
                    case "hop" ->
                        answer(
                                out,
                                "200 OK",
                                "Content-Type: application/json\r\nConnection: keep-alive, X-Vendor-Hop\r\n"
                                        + "X-Vendor-Hop: for the gateway only\r\nKeep-Alive: timeout=5\r\n"
                                        + "Proxy-Authenticate: Basic realm=\"vendor\"\r\nUpgrade: h2c\r\n"
                                        + "X-End-To-End: kept\r\n",
                                "{\"ok\":true}");
                    case "big" -> {
                        byte[] answer = echoing(head);
                        out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + answer.length
                                        + "\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                        out.write(answer);
                    }
                    case "chunked" -> {
                        byte[] answer = echoing(head);
                        out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                        // chunks end inside the echoed credentials, so a secret spans two of them
                        for (int at = 0; at < answer.length; ) {
                            int n = Math.min(answer.length - at, at == 0 ? 8_190 : 65_536 - 3);
                            out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                            out.write(answer, at, n);
                            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                            out.flush();
                            at += n;
                        }
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    default -> answer(out, "200 OK", "Content-Type: application/json\r\n", "{\"ok\":true}");
                }
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // the gateway went away: nothing to answer
        } finally {
            open.remove(s);
        }
    }

    /** {@link #BIG} bytes of text repeating, at {@link #ECHOED_AT}, the credential the vendor got. */
    static byte[] echoing(String head) {
        String credential = "";
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("authorization:")) {
                credential = line.substring(14).strip();
            }
        }
        byte[] answer = new byte[BIG];
        for (int i = 0; i < BIG; i++) {
            answer[i] = (byte) ('a' + i % 26);
        }
        byte[] c = credential.getBytes(StandardCharsets.US_ASCII);
        for (int at : ECHOED_AT) {
            System.arraycopy(c, 0, answer, at, c.length);
        }
        return answer;
    }

    private static void answer(OutputStream out, String status, String headers, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + "\r\n" + headers + "Content-Length: " + b.length + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.write(b);
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        for (int b; (b = in.read()) >= 0; ) {
            head.write(b);
            last4 = last4 << 8 | b;
            if (last4 == 0x0d0a0d0a) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    private static byte[] readBody(InputStream in, String head) throws IOException {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return in.readNBytes(Integer.parseInt(line.substring(15).strip()));
            }
        }
        return new byte[0];
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            s.close();
        }
        pool.shutdownNow();
    }
}
