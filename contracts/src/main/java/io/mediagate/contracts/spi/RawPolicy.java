package io.mediagate.contracts.spi;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What raw passthrough may send to this vendor, declared by the vendor and enforced by the gateway:
 * {@code methods} (upper case) the vendor's API uses, anything else is refused with {@code 405}; {@code reserved}
 * parameter names (lower case) that carry the vendor's credentials or signed meta data and that a caller may never
 * send, in the query or a form body; {@code headers} (lower case) the request headers a caller may send on, on top
 * of {@link #STANDARD_HEADERS}. Which credential values must never appear in what the vendor answers is
 * {@link VendorDescriptor#secretCredentials()}.
 */
public record RawPolicy(Set<String> methods, Set<String> reserved, Set<String> headers) {
    /** The methods a vendor that declares nothing gets: the ones REST APIs use; never TRACE or CONNECT. */
    public static final Set<String> STANDARD_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");

    /**
     * End-to-end request headers every vendor gets from a caller: content negotiation, conditional requests,
     * ranges and the request id. Everything else (credentials, cookies, forwarding, hop-by-hop, custom headers
     * such as {@code X-Api-Key}) is dropped. {@code Accept-Encoding} is not among them: the gateway must read the
     * answer to keep secrets out of it.
     */
    public static final Set<String> STANDARD_HEADERS = Set.of(
            "accept",
            "accept-language",
            "content-type",
            "content-language",
            "content-md5",
            "content-disposition",
            "if-match",
            "if-none-match",
            "if-modified-since",
            "if-unmodified-since",
            "if-range",
            "range",
            "cache-control",
            "pragma",
            "user-agent",
            "x-request-id",
            "traceparent",
            "tracestate",
            "expect");

    /** What a vendor that declares nothing gets: standard methods and headers, no reserved parameters. */
    public static final RawPolicy DEFAULT = new RawPolicy(STANDARD_METHODS, Set.of(), Set.of());

    public RawPolicy {
        methods = normalized(methods, true);
        reserved = normalized(reserved, false);
        headers = normalized(headers, false);
    }

    /** A policy with these methods and reserved parameter names and the standard headers. */
    public static RawPolicy of(List<String> methods, List<String> reserved) {
        return new RawPolicy(Set.copyOf(methods), Set.copyOf(reserved), Set.of());
    }

    /** The same policy, with these request headers forwarded as well. */
    public RawPolicy withHeaders(String... names) {
        Set<String> all = new LinkedHashSet<>(headers);
        all.addAll(List.of(names));
        return new RawPolicy(methods, reserved, all);
    }

    public boolean allows(String method) {
        return methods.contains(method);
    }

    /** Whether a caller's request header with this name goes on to the vendor. */
    public boolean forwards(String header) {
        String h = header.toLowerCase(Locale.ROOT);
        return STANDARD_HEADERS.contains(h) || headers.contains(h);
    }

    private static Set<String> normalized(Set<String> values, boolean upper) {
        Set<String> out = new LinkedHashSet<>();
        if (values != null) {
            values.forEach(v -> out.add(upper ? v.toUpperCase(Locale.ROOT) : v.toLowerCase(Locale.ROOT)));
        }
        return Set.copyOf(out);
    }
}
