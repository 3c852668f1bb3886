package io.mediagate.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediagate.gateway.GatewayTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Client mistakes get a clear 4xx/501 problem and never reach the vendor. */
class BadInputIT extends GatewayTestSupport {

    @AfterEach
    void vendorSawNothing() {
        assertThat(vendor.calls()).as("calls that reached the fake-main vendor").isZero();
        assertThat(basicVendor.calls())
                .as("calls that reached the fake-basic vendor")
                .isZero();
    }

    private WebTestClient.BodyContentSpec problem(WebTestClient.ResponseSpec response, int status, String slug) {
        return response.expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://mediagate.dev/problems/" + slug)
                .jsonPath("$.status")
                .isEqualTo(status)
                .jsonPath("$.title")
                .exists()
                .jsonPath("$.request_id")
                .exists();
    }

    @Test
    void missingKeyIs401WithChallenge() {
        web.get()
                .uri("/v1/connections/fake-main/videos")
                .exchange()
                .expectHeader()
                .valueEquals("WWW-Authenticate", "Bearer realm=\"mediagate\"");
        problem(web.get().uri("/v1/connections/fake-main/videos").exchange(), 401, "unauthorized");
    }

    @Test
    void wrongKeyIs401() {
        problem(
                web.get()
                        .uri("/v1/connections/fake-main/videos")
                        .header("Authorization", "Bearer nope")
                        .exchange(),
                401,
                "unauthorized");
        problem(
                web.get()
                        .uri("/v1/connections/fake-main/videos")
                        .header("Authorization", "Basic Zm9vOmJhcg==")
                        .exchange(),
                401,
                "unauthorized");
    }

    @Test
    void unknownConnectionIs404() {
        problem(
                web.get()
                        .uri("/v1/connections/nope/videos")
                        .header("Authorization", FULL)
                        .exchange(),
                404,
                "unknown-connection");
    }

    @Test
    void connectionNotAllowedForTheKeyIs403() {
        problem(
                web.get()
                        .uri("/v1/connections/fake-basic/videos")
                        .header("Authorization", READER)
                        .exchange(),
                403,
                "connection-not-allowed");
    }

    @Test
    void writeWithoutWriteScopeIs403() {
        problem(
                        web.delete()
                                .uri("/v1/connections/fake-main/videos/fake00000001")
                                .header("Authorization", READER)
                                .exchange(),
                        403,
                        "missing-scope")
                .jsonPath("$.scope")
                .isEqualTo("videos:write");
    }

    @Test
    void malformedJsonIs400() {
        problem(
                web.patch()
                        .uri("/v1/connections/fake-main/videos/fake00000001")
                        .header("Authorization", FULL)
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{\"title\":")
                        .exchange(),
                400,
                "malformed-json");
    }

    @Test
    void unknownPatchFieldIs400NamingIt() {
        problem(
                        web.patch()
                                .uri("/v1/connections/fake-main/videos/fake00000001")
                                .header("Authorization", FULL)
                                .contentType(MediaType.APPLICATION_JSON)
                                .bodyValue("{\"title\":\"x\",\"colour\":\"red\"}")
                                .exchange(),
                        400,
                        "invalid-field")
                .jsonPath("$.field")
                .isEqualTo("colour");
    }

    @Test
    void wrongTypeIs400NamingTheField() {
        problem(
                        web.patch()
                                .uri("/v1/connections/fake-main/videos/fake00000001")
                                .header("Authorization", FULL)
                                .contentType(MediaType.APPLICATION_JSON)
                                .bodyValue("{\"tags\":\"not-a-list\"}")
                                .exchange(),
                        400,
                        "invalid-field")
                .jsonPath("$.field")
                .isEqualTo("tags");
    }

    @Test
    void badLimitAndCursorAre400() {
        problem(
                        web.get()
                                .uri("/v1/connections/fake-main/videos?limit=-1")
                                .header("Authorization", FULL)
                                .exchange(),
                        400,
                        "invalid-field")
                .jsonPath("$.field")
                .isEqualTo("limit");
        problem(
                web.get()
                        .uri("/v1/connections/fake-main/videos?limit=100000")
                        .header("Authorization", FULL)
                        .exchange(),
                400,
                "invalid-field");
        problem(
                        web.get()
                                .uri("/v1/connections/fake-main/videos?cursor=garbage!")
                                .header("Authorization", FULL)
                                .exchange(),
                        400,
                        "invalid-field")
                .jsonPath("$.field")
                .isEqualTo("cursor");
    }

    @Test
    void badIdIs400() {
        problem(
                        web.get()
                                .uri("/v1/connections/fake-main/videos/{id}", "a b;c")
                                .header("Authorization", FULL)
                                .exchange(),
                        400,
                        "invalid-field")
                .jsonPath("$.field")
                .isEqualTo("id");
    }

    @Test
    void unsupportedCapabilityIs501NamingIt() {
        problem(
                        web.delete()
                                .uri("/v1/connections/fake-basic/videos/fake00000001")
                                .header("Authorization", FULL)
                                .exchange(),
                        501,
                        "unsupported-capability")
                .jsonPath("$.capability")
                .isEqualTo("delete");
        problem(
                        web.get()
                                .uri("/v1/connections/fake-basic/videos?tag=x")
                                .header("Authorization", FULL)
                                .exchange(),
                        501,
                        "unsupported-capability")
                .jsonPath("$.capability")
                .isEqualTo("tags");
    }

    @Test
    void ingestNeedsAnHttpUrl() {
        problem(
                        web.post()
                                .uri("/v1/connections/fake-main/ingests")
                                .header("Authorization", FULL)
                                .contentType(MediaType.APPLICATION_JSON)
                                .bodyValue("{\"source_url\":\"file:///etc/passwd\"}")
                                .exchange(),
                        400,
                        "invalid-field")
                .jsonPath("$.field")
                .isEqualTo("source_url");
    }

    @Test
    void unknownRouteIs404Problem() {
        problem(web.get().uri("/v1/nothing-here").header("Authorization", FULL).exchange(), 404, "no-such-route");
    }

    @Test
    void tooManyHeadersIs431() {
        var spec = web.get().uri("/v1/connections/fake-main/videos").header("Authorization", FULL);
        for (int i = 0; i < 120; i++) {
            spec.header("X-Filler-" + i, "x");
        }
        problem(spec.exchange(), 431, "too-many-headers");
    }

    @Test
    void wrongMediaTypeIs415() {
        problem(
                web.patch()
                        .uri("/v1/connections/fake-main/videos/fake00000001")
                        .header("Authorization", FULL)
                        .contentType(MediaType.TEXT_PLAIN)
                        .bodyValue("title=x")
                        .exchange(),
                415,
                "unsupported-media-type");
    }
}
