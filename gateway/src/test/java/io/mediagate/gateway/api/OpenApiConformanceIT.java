package io.mediagate.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import io.mediagate.gateway.GatewayTestSupport;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Drives the running gateway over HTTP and checks every request and response against
 * {@code contracts/openapi.yaml}, the one the gateway serves at {@code /openapi.yaml}. Requests that are wrong on
 * purpose are checked for their responses only: the answer to a bad request must still follow the contract.
 */
class OpenApiConformanceIT extends GatewayTestSupport {
    private static final OpenApiInteractionValidator VALIDATOR =
            OpenApiInteractionValidator.createForInlineApiSpecification(spec()).build();

    private final List<String> violations = new ArrayList<>();
    private int checked;

    /**
     * The contract as served, plus one test-only value: these tests run over the in-memory {@code fake} vendor,
     * which the public vendor enum rightly leaves out.
     */
    private static String spec() {
        try (InputStream in = OpenApiConformanceIT.class.getResourceAsStream("/openapi.yaml")) {
            String served = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String publicVendors = "enum: [cincopa, parone, streamone, cognitive3d]";
            assertThat(served).contains(publicVendors).doesNotContain("fake");
            return served.replace(publicVendors, "enum: [cincopa, parone, streamone, cognitive3d, fake]");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void everyInteractionConformed() {
        assertThat(checked).isGreaterThan(0);
        assertThat(violations).as("contract violations").isEmpty();
    }

    private EntityExchangeResult<byte[]> send(
            HttpMethod method, String uri, String contentType, String body, String auth) {
        var spec = web.method(method).uri(uri);
        if (auth != null) {
            spec.header("Authorization", auth);
        }
        if (body != null) {
            spec.header("Content-Type", contentType);
            return spec.bodyValue(body).exchange().expectBody().returnResult();
        }
        return spec.exchange().expectBody().returnResult();
    }

    private void good(HttpMethod method, String uri, String body) {
        EntityExchangeResult<byte[]> r = send(method, uri, "application/json", body, FULL);
        assertThat(r.getStatus().is2xxSuccessful())
                .as("%s %s answered %s", method, uri, r.getStatus())
                .isTrue();
        record(method + " " + uri, VALIDATOR.validate(request(method, uri, body, FULL), response(r)));
    }

    private void bad(HttpMethod method, String uri, String body, String auth, int expectedStatus) {
        EntityExchangeResult<byte[]> r = send(method, uri, "application/json", body, auth);
        assertThat(r.getStatus().value()).as("%s %s", method, uri).isEqualTo(expectedStatus);
        assertThat(r.getResponseHeaders().getContentType()).hasToString("application/problem+json");
        String path = UriComponentsBuilder.fromUriString(uri).build().getPath();
        record(
                method + " " + uri,
                VALIDATOR.validateResponse(path, Request.Method.valueOf(method.name()), response(r)));
    }

    private void record(String what, ValidationReport report) {
        checked++;
        report.getMessages().forEach(m -> violations.add(what + ": " + m));
    }

    private static SimpleRequest request(HttpMethod method, String uri, String body, String auth) {
        UriComponents parts = UriComponentsBuilder.fromUri(URI.create(uri)).build();
        SimpleRequest.Builder b =
                new SimpleRequest.Builder(method.name(), parts.getPath()).withHeader("Authorization", auth);
        parts.getQueryParams().forEach((k, values) -> b.withQueryParam(k, values));
        if (body != null) {
            b.withContentType("application/json").withBody(body);
        }
        return b.build();
    }

    private static SimpleResponse response(EntityExchangeResult<byte[]> r) {
        SimpleResponse.Builder b = SimpleResponse.Builder.status(r.getStatus().value());
        r.getResponseHeaders().forEach((name, values) -> b.withHeader(name, values));
        byte[] body = r.getResponseBodyContent();
        if (body != null && body.length > 0) {
            b.withBody(new String(body, StandardCharsets.UTF_8));
        }
        return b.build();
    }

    @Test
    void successfulCallsOfEveryRouteConform() {
        good(HttpMethod.GET, "/v1/connections", null);
        good(HttpMethod.GET, "/v1/connections/fake-main/videos?limit=2", null);
        good(HttpMethod.GET, "/v1/connections/fake-main/videos?limit=2&tag=odd&q=fake&include=raw", null);
        good(HttpMethod.GET, "/v1/connections/fake-main/videos/fake00000001", null);
        good(HttpMethod.GET, "/v1/connections/fake-main/videos/fake00000001?include=raw", null);
        good(
                HttpMethod.PATCH,
                "/v1/connections/fake-main/videos/fake00000001",
                "{\"title\":\"T\",\"description\":null,\"tags\":[\"x\"],\"metadata\":{\"a\":\"b\",\"seq\":null}}");
        good(HttpMethod.PATCH, "/v1/connections/fake-main/videos/fake00000001", "{\"title\":\"Only the title\"}");
        good(HttpMethod.PATCH, "/v1/connections/fake-main/videos/fake00000001", "{\"metadata\":{}}");
        good(HttpMethod.DELETE, "/v1/connections/fake-main/videos/fake00000002", null);
        good(
                HttpMethod.POST,
                "/v1/connections/fake-main/ingests",
                "{\"source_url\":\"https://media.example.com/a.mp4\",\"title\":\"A\",\"tags\":[\"t\"]}");
        good(HttpMethod.GET, "/v1/connections/fake-main/ingests/ing00000101", null);
        good(
                HttpMethod.POST,
                "/v1/connections/fake-main/uploads",
                "{\"filename\":\"a.mp4\",\"content_type\":\"video/mp4\",\"size_bytes\":10,\"title\":\"A\","
                        + "\"description\":\"D\"}");
        good(HttpMethod.GET, "/v1/connections/fake-quota/quota", null);
        good(HttpMethod.GET, "/v1/connections/fake-main/quota", null);
    }

    @Test
    void notModifiedConforms() {
        String uri = "/v1/connections/fake-main/videos/fake00000001";
        String etag =
                send(HttpMethod.GET, uri, null, null, FULL).getResponseHeaders().getETag();
        assertThat(etag).isNotBlank();
        EntityExchangeResult<byte[]> r = web.get()
                .uri(uri)
                .header("Authorization", FULL)
                .header("If-None-Match", etag)
                .exchange()
                .expectBody()
                .returnResult();
        assertThat(r.getStatus().value()).isEqualTo(304);
        record(
                "GET " + uri + " If-None-Match",
                VALIDATOR.validate(
                        new SimpleRequest.Builder("GET", uri)
                                .withHeader("Authorization", FULL)
                                .withHeader("If-None-Match", etag)
                                .build(),
                        response(r)));
    }

    @Test
    void errorAnswersConformToo() {
        bad(HttpMethod.GET, "/v1/connections", null, null, 401);
        bad(HttpMethod.GET, "/v1/connections/fake-main/videos", null, "Bearer wrong", 401);
        bad(HttpMethod.GET, "/v1/connections/nope/videos", null, FULL, 404);
        bad(HttpMethod.GET, "/v1/connections/fake-basic/videos", null, READER, 403);
        bad(HttpMethod.GET, "/v1/connections/fake-main/videos?limit=0", null, FULL, 400);
        bad(HttpMethod.GET, "/v1/connections/fake-main/videos?cursor=%2F%2F", null, FULL, 400);
        bad(HttpMethod.GET, "/v1/connections/fake-main/videos/zzNotThere01", null, FULL, 404);
        bad(HttpMethod.PATCH, "/v1/connections/fake-main/videos/fake00000001", "{\"nope\":1}", FULL, 400);
        bad(HttpMethod.PATCH, "/v1/connections/fake-main/videos/fake00000001", "[1,2]", FULL, 400);
        bad(HttpMethod.DELETE, "/v1/connections/fake-basic/videos/fake00000001", null, FULL, 501);
        bad(HttpMethod.POST, "/v1/connections/fake-main/ingests", "{}", FULL, 400);
        bad(HttpMethod.POST, "/v1/connections/fake-main/uploads", "{\"filename\":\"../x\"}", FULL, 400);
        bad(HttpMethod.GET, "/v1/connections/fake-main/ingests/unknown1", null, FULL, 404);
        bad(HttpMethod.GET, "/v1/connections/fake-basic/quota", null, READER, 403);
    }

    @Test
    void theValidatorRejectsWhatTheContractForbids() {
        // proves the checks above can fail: a wrong body must be reported
        SimpleResponse wrong = SimpleResponse.Builder.ok()
                .withContentType("application/json")
                .withBody("{\"data\":[{\"id\":1,\"status\":\"weird\"}],\"extra\":true}")
                .build();
        assertThat(VALIDATOR
                        .validateResponse("/v1/connections/fake-main/videos", Request.Method.GET, wrong)
                        .getMessages())
                .hasSizeGreaterThanOrEqualTo(2);
        SimpleResponse notAProblem = SimpleResponse.Builder.status(404)
                .withContentType("application/problem+json")
                .withBody("{\"error\":\"x\"}")
                .build();
        assertThat(VALIDATOR
                        .validateResponse("/v1/connections/fake-main/videos/abc", Request.Method.GET, notAProblem)
                        .hasErrors())
                .isTrue();
        checked++;
    }

    @Test
    void vendorFailuresConform() {
        vendor.failNext(10); // more than the retries
        bad(HttpMethod.GET, "/v1/connections/fake-main/videos/fake00000001", null, FULL, 503);
    }
}
