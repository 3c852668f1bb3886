package io.mediagate.gateway.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Map;

/**
 * One caller of the gateway.
 *
 * @param id          a name for logs and metrics
 * @param keySha256   hex SHA-256 of the caller's bearer key; the key itself is never stored
 * @param scopes      any of {@code videos:read}, {@code videos:write}, {@code raw}, {@code admin} (connection checks),
 *                    {@code events:read} (change events and webhook subscriptions)
 * @param connections connection ids this caller may use, or {@code *} for all
 * @param rateLimit   this caller's inbound limit (merged over {@code mediagate.defaults.inbound})
 * @param priority    whose calls get a contended vendor quota first: {@code interactive} (default), {@code batch}
 *                    or {@code background}; a request may lower its own with RFC 9218 {@code Priority}, never raise it
 * @param shares      per connection id, the most of that connection's quota (percent of its limit per period) this
 *                    caller may use; unset = no cap
 */
public record ClientProperties(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String id,

        @NotBlank @Pattern(regexp = "[0-9a-fA-F]{64}", message = "must be 64 hex characters (SHA-256)")
        String keySha256,

        @NotEmpty
        List<
                        @Pattern(
                                regexp = "videos:read|videos:write|raw|admin|events:read",
                                message = "must be videos:read, videos:write, raw, admin or events:read")
                        String>
                scopes,

        @NotEmpty List<@NotBlank String> connections,
        @Valid RateLimitProperties rateLimit,

        @Pattern(regexp = "interactive|batch|background", message = "must be interactive, batch or background")
        String priority,

        Map<
                        String,
                        @Min(value = 1, message = "must be a percentage from 1 to 100")
                        @Max(value = 100, message = "must be a percentage from 1 to 100") Integer>
                shares) {

    public ClientProperties {
        shares = shares == null ? Map.of() : Map.copyOf(shares);
    }
}
