package io.mediagate.gateway.api.openapi;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Serves the contract (contracts/openapi.yaml, the source of truth) at {@code /openapi.yaml}. */
@RestController
public class OpenApiController {
    private static final MediaType YAML = MediaType.parseMediaType("application/yaml");
    private final Resource spec = new ClassPathResource("openapi.yaml");

    @GetMapping("/openapi.yaml")
    public ResponseEntity<Resource> spec() {
        return ResponseEntity.ok().contentType(YAML).body(spec);
    }
}
