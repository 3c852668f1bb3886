package io.mediagate.gateway.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.util.List;

/**
 * One caller of the gateway.
 *
 * @param id          a name for logs and metrics
 * @param keySha256   hex SHA-256 of the caller's bearer key; the key itself is never stored
 * @param scopes      any of {@code videos:read}, {@code videos:write}, {@code raw}, {@code admin} (connection checks),
 *                    {@code events:read} (change events and webhook subscriptions)
 * @param connections connection ids this caller may use, or {@code *} for all
 * @param rateLimit   this caller's inbound limit (merged over {@code mediagate.defaults.inbound})
 */
public record ClientProperties(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String id,
        @NotBlank @Pattern(regexp = "[0-9a-fA-F]{64}", message = "must be 64 hex characters (SHA-256)") String keySha256,
        @NotEmpty List<@Pattern(regexp = "videos:read|videos:write|raw|admin|events:read",
                message = "must be videos:read, videos:write, raw, admin or events:read") String> scopes,
        @NotEmpty List<@NotBlank String> connections,
        @Valid RateLimitProperties rateLimit) {
}
