package io.mediagate.gateway.api.uploads;

import io.mediagate.contracts.UploadRequest;
import io.mediagate.contracts.UploadTicket;
import io.mediagate.gateway.api.Inputs;
import io.mediagate.gateway.api.JsonFields;
import io.mediagate.gateway.connection.Connection;
import io.mediagate.gateway.policy.Operation;
import io.mediagate.gateway.policy.PolicyChain;
import io.mediagate.gateway.security.AccessGuard;
import io.mediagate.gateway.security.Scope;
import io.mediagate.gateway.web.ApiException;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /v1/connections/{c}/uploads}: a ticket to upload a file straight to the vendor. */
@RestController
public class UploadsController {
    private static final Set<String> FIELDS = Set.of("filename", "content_type", "size_bytes", "title", "description");
    private static final Pattern CONTENT_TYPE = Pattern.compile("[a-z0-9.+-]{1,64}/[a-z0-9.+-]{1,64}");
    private static final long MAX_SIZE = 1L << 40;

    private final AccessGuard access;
    private final PolicyChain policy;
    private final JsonMapper json;

    public UploadsController(AccessGuard access, PolicyChain policy, JsonMapper json) {
        this.access = access;
        this.policy = policy;
        this.json = json;
    }

    @PostMapping(path = "/v1/connections/{connection}/uploads", consumes = "application/json")
    public Mono<ResponseEntity<UploadTicket>> create(
            @PathVariable String connection, @RequestBody(required = false) byte[] body, ServerWebExchange exchange) {
        Connection c = access.connection(exchange, connection, Scope.VIDEOS_WRITE);
        UploadRequest request = read(Inputs.jsonObject(json, body));
        return policy.call(c, Operation.CREATE_UPLOAD, p -> p.createUpload(request))
                .map(ticket -> ResponseEntity.status(HttpStatus.CREATED).body(ticket));
    }

    static UploadRequest read(JsonNode body) {
        JsonFields.onlyKnown(body, FIELDS);
        String filename = JsonFields.string(body, "filename", 255, true);
        if (filename.isBlank()
                || filename.contains("/")
                || filename.contains("\\")
                || filename.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.invalidField("filename", "filename must be a plain file name without path");
        }
        String contentType = JsonFields.string(body, "content_type", 129, false);
        if (contentType != null && !CONTENT_TYPE.matcher(contentType).matches()) {
            throw ApiException.invalidField("content_type", "content_type must be a media type such as video/mp4");
        }
        Long size = null;
        JsonNode sizeNode = body.get("size_bytes");
        if (sizeNode != null && !sizeNode.isNull()) {
            if (!sizeNode.isIntegralNumber()
                    || !sizeNode.canConvertToLong()
                    || sizeNode.asLong() < 1
                    || sizeNode.asLong() > MAX_SIZE) {
                throw ApiException.invalidField("size_bytes", "size_bytes must be a positive integer up to 2^40");
            }
            size = sizeNode.asLong();
        }
        return new UploadRequest(
                filename,
                contentType,
                size,
                JsonFields.string(body, "title", 500, false),
                JsonFields.string(body, "description", 5000, false));
    }
}
