package io.mediagate.sandbox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A vendor simulator: a WireMock server whose every request is answered by the vendor's Java model
 * ({@link #handle}), so it checks auth, keeps state and pages like the vendor. Tests queue one-shot
 * misbehaviour (the vendor's rate-limit answer, a 5xx, malformed JSON) and read the journal of calls.
 */
public abstract class VendorSimulator implements AutoCloseable {
    private static final String TRANSFORMER = "vendor-model";

    private final WireMockServer server;
    private final Queue<ResponseDefinition> nextAnswers = new ConcurrentLinkedQueue<>();
    private final AtomicLong calls = new AtomicLong();
    private volatile SimulatorMode mode = SimulatorMode.DOCUMENTED;

    protected VendorSimulator(int port) {
        ResponseDefinitionTransformerV2 model = new ResponseDefinitionTransformerV2() {
            @Override
            public ResponseDefinition transform(ServeEvent serveEvent) {
                calls.incrementAndGet();
                ResponseDefinition queued = nextAnswers.poll();
                if (queued != null) {
                    return queued;
                }
                try {
                    return handle(serveEvent.getRequest());
                } catch (RuntimeException e) {
                    return serverError();
                }
            }

            @Override
            public boolean applyGlobally() {
                return false;
            }

            @Override
            public String getName() {
                return TRANSFORMER;
            }
        };
        server = new WireMockServer(options()
                .port(port)
                .bindAddress("127.0.0.1")
                .maxRequestJournalEntries(10_000)
                // never log request bodies or headers: they carry the (simulated) vendor credentials
                .notifier(new Slf4jNotifier(false))
                .extensions(model));
        server.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers(TRANSFORMER)));
        server.start();
    }

    /** What this simulator models; {@link SimulatorMode#DOCUMENTED} unless switched. Kept across {@link #reset}. */
    public SimulatorMode mode() {
        return mode;
    }

    /** Switches between the documented surface only and documented plus the adapter's guesses. */
    public VendorSimulator mode(SimulatorMode mode) {
        this.mode = mode;
        return this;
    }

    /** Whether the adapter's guessed wire calls are answered as the adapter expects. */
    protected boolean guessed() {
        return mode == SimulatorMode.GUESSED;
    }

    /** The vendor name, as in {@code mediagate.connections.<id>.vendor}. */
    public abstract String vendor();

    /** The path prefix of the vendor's API, e.g. {@code /v2}; empty when the API sits at the root. */
    protected abstract String basePath();

    /** Answers one request as the vendor would, from the simulator's state. */
    protected abstract ResponseDefinition handle(Request request);

    /** Puts state back to the seeded videos and forgets queued answers and counted calls. */
    public void reset() {
        nextAnswers.clear();
        calls.set(0);
        server.resetRequests();
        reseed();
    }

    /** Restores the vendor model's seeded state. */
    protected abstract void reseed();

    /** The vendor's own answer when a caller exceeds its rate limit, asking to wait {@code retryAfter}. */
    protected abstract ResponseDefinition rateLimitedAnswer(Duration retryAfter);

    /** The vendor's own answer to an internal failure. */
    protected abstract ResponseDefinition serverError();

    /** The connections demo mode wires to this simulator, with the credentials it accepts. */
    public abstract List<DemoConnection> demoConnections();

    public int port() {
        return server.port();
    }

    /** The vendor base URL a connection would configure, e.g. {@code http://127.0.0.1:8123/v2}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port() + basePath();
    }

    /** The next request gets {@code answer} instead of the model's. */
    public void answerNext(ResponseDefinition answer) {
        nextAnswers.add(answer);
    }

    public void rateLimitNext(Duration retryAfter) {
        answerNext(rateLimitedAnswer(retryAfter));
    }

    public void failNext() {
        answerNext(serverError());
    }

    /** The next answer is a 200 promising JSON whose body is cut off. */
    public void malformNext() {
        answerNext(aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"success\":true,\"items\":[{\"rid\":")
                .build());
    }

    /** How many requests reached the simulator since start or the last {@link #reset}. */
    public long calls() {
        return calls.get();
    }

    /** The requests the simulator received (bounded journal, oldest first). */
    public List<LoggedRequest> requests() {
        return server.findAll(WireMock.anyRequestedFor(anyUrl()));
    }

    @Override
    public void close() {
        server.stop();
    }
}
