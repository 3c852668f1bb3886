package io.mediagate.helm;

import static io.mediagate.helm.ChartSupport.render;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** values.schema.json: a wrong type fails with a message naming the key. */
class ValuesValidationTest {

    @Test
    void textWhereAnIntegerBelongsNamesTheKey() {
        assertThatThrownBy(() -> render(List.of("bad-types.yaml")))
                .hasMessageContaining("mediagate")
                .hasMessageContaining("cincopa-main")
                .hasMessageContaining("limit");
    }

    @Test
    void badReplicaCountNamesTheKey() {
        assertThatThrownBy(() -> render(List.of("bad-replicas.yaml"))).hasMessageContaining("replicaCount");
    }

    @Test
    void unknownVendorIsRejected() {
        assertThatThrownBy(() -> render("mediagate.connections.x.vendor", "vimeo"))
                .hasMessageContaining("vendor");
    }

    @Test
    void unknownScopeIsRejected() {
        assertThatThrownBy(() -> render(
                        "mediagate.clients[0].id",
                        "a",
                        "mediagate.clients[0].scopes[0]",
                        "admin",
                        "mediagate.clients[0].connections[0]",
                        "*"))
                .hasMessageContaining("scopes");
    }

    @Test
    void badDurationIsRejected() {
        assertThatThrownBy(() -> render("mediagate.defaults.timeout", "ten seconds"))
                .hasMessageContaining("timeout");
    }
}
