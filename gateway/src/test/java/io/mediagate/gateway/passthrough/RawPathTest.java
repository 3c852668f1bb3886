package io.mediagate.gateway.passthrough;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediagate.contracts.spi.OutboundRequest;
import io.mediagate.gateway.web.ApiException;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RawPathTest {

    @Test
    void splitsConnectionAndVendorPath() {
        RawPath p = RawPath.parse("/v1/connections/c3d-main/raw/projects/4242/media");
        assertThat(p.connection()).isEqualTo("c3d-main");
        assertThat(p.vendorPath()).isEqualTo("/projects/4242/media");
        assertThat(RawPath.parse("/v1/connections/c/raw").vendorPath()).isEqualTo("/");
        assertThat(RawPath.parse("/v1/connections/c/raw/asset.list.json").vendorPath())
                .isEqualTo("/asset.list.json");
        assertThat(RawPath.parse("/v1/connections/c/raw/a%20b/").vendorPath()).isEqualTo("/a%20b/");
    }

    @Test
    void decodesTheEncodedSlashesOfGeneratedClientsOnce() {
        assertThat(RawPath.parse("/v1/connections/streamone-demo/raw/api%2Fitem%2Fview")
                        .vendorPath())
                .isEqualTo("/api/item/view");
        assertThat(RawPath.parse("/v1/connections/c/raw/organizations%2fapiKeys%2Fwhoami")
                        .vendorPath())
                .isEqualTo("/organizations/apiKeys/whoami");
        assertThat(RawPath.parse("/v1/connections/c/raw/videos%2F").vendorPath())
                .isEqualTo("/videos/");
        assertThat(RawPath.parse("/v1/connections/c/raw/a%20b%2Fc%3Ad").vendorPath())
                .isEqualTo("/a%20b/c%3Ad");
        // once: an encoded percent sign followed by 2F is not a slash (and is refused as double encoding)
        assertThat(RawPath.decodeEncodedSlashes("/a%252Fb")).isEqualTo("/a%252Fb");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/v1/connections/c/raw/../secret",
                "/v1/connections/c/raw/a/../../x",
                "/v1/connections/c/raw/./a",
                "/v1/connections/c/raw/%2e%2e/x",
                "/v1/connections/c/raw/%2E%2E/x",
                "/v1/connections/c/raw/a%5cb",
                "/v1/connections/c/raw//evil.example.com/x",
                "/v1/connections/c/raw/http://evil.example.com/",
                "/v1/connections/c/raw/a%252e%252e/x",
                "/v1/connections/c/raw/a\\..\\b",
                "/v1/connections/c/raw/a%00b",
                "/v1/connections/c/raw/a//b",
                "/v1/connections/c/raw/a%0ab",
                "/v1/connections/c/raw/a%0Db",
                "/v1/connections/c/raw/a%09b",
                "/v1/connections/c/raw/a%7fb",
                "/v1/connections/c/raw/a%1bb",
                "/v1/connections/c/raw/a%08b",
                "/v1/connections/c/raw/a%1F",
                "/v1/connections/c/raw/..;/admin",
                "/v1/connections/c/raw/a/..;x/b",
                "/v1/connections/c/raw/.;/a",
                "/v1/connections/c/raw/;x/a",
                "/v1/connections/c/raw/a%zz",
                "/v1/connections/c/raw/a%4",
                "/v1/connections/c/raw/a%",
                // what generated clients send: the '/' of the path parameter as %2F, decoded once before the same
                // checks
                "/v1/connections/c/raw/..%2Fsecret",
                "/v1/connections/c/raw/a%2F..%2F..%2Fx",
                "/v1/connections/c/raw/.%2Fa",
                "/v1/connections/c/raw/a%2F%2Fb",
                "/v1/connections/c/raw/%2F%2Fevil.example.com%2Fx",
                "/v1/connections/c/raw/a%252Fb",
                "/v1/connections/c/raw/a%252f..%252fb",
                "/v1/connections/c/raw/%2e%2e%2Fx",
                "/v1/connections/c/raw/a%2F%5C..%5Cb"
            })
    void refusesEveryWayOut(String path) {
        assertThatThrownBy(() -> RawPath.parse(path))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status().value()).isEqualTo(400));
    }

    @Test
    void targetStaysUnderTheBaseUrl() {
        URI base = URI.create("https://api.example.com/v2");
        OutboundRequest ok = new OutboundRequest("GET", "/asset.list.json", "api_token=t", Map.of(), null);
        assertThat(RawPassthroughFilter.target(base, ok))
                .hasToString("https://api.example.com/v2/asset.list.json?api_token=t");
        OutboundRequest escaping = new OutboundRequest("GET", "@evil.example.com/x", "", Map.of(), null);
        assertThatThrownBy(() -> RawPassthroughFilter.target(base, escaping)).isInstanceOf(ApiException.class);
    }
}
