package io.mediagate.gateway.security;

import io.mediagate.gateway.web.ApiException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Whether a URL a client hands the gateway for someone else to fetch (an ingest's {@code source_url}, later a
 * webhook subscriber) may point where it points: never inside a network unless an operator allowed the host.
 * Refused, with a 400 naming the field: credentials or a fragment in the URL (the classic parser-confusion forms
 * {@code http://a@b}, {@code http://a#@b}); loopback, private, link-local (the cloud metadata address
 * {@code 169.254.169.254}), CGNAT, unspecified, multicast and reserved addresses in any spelling (decimal, hex,
 * octal and shortened IPv4, IPv4-mapped, -compatible, NAT64 and 6to4 IPv6, ULA); names that are internal by
 * definition ({@code localhost}, {@code *.internal} such as {@code metadata.google.internal}, {@code *.local},
 * {@code *.svc}, {@code *.cluster.local}, {@code kubernetes.default}, single-label names completed by search
 * domains) or by design (wildcard DNS such as {@code 127.0.0.1.nip.io}); and names that resolve to any internal
 * address. Resolution is bounded by {@code resolveTimeout}; a name that does not resolve in time, or at all, is let
 * through (fail open, on purpose): the gateway cannot know it is internal, and the vendor will fail to fetch it
 * rather than reach our network. The reserved documentation names ({@code example.com}, {@code .example},
 * {@code .invalid}, RFC 6761) are never looked up.
 */
public final class OutboundUrlPolicy {
    /** How host names become addresses; {@link InetAddress#getAllByName} outside tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private static final Pattern NUMERIC_LABEL = Pattern.compile("(?i)0x[0-9a-f]*|[0-9]+");
    private static final List<String> INTERNAL_SUFFIXES = List.of(
            ".localhost",
            ".local",
            ".internal",
            ".svc",
            ".cluster.local",
            ".home.arpa",
            ".lan",
            ".intranet",
            ".corp",
            ".nip.io",
            ".sslip.io",
            ".xip.io",
            ".localtest.me",
            ".lvh.me");
    private static final List<String> INTERNAL_NAMES =
            List.of("localhost", "kubernetes.default", "nip.io", "sslip.io", "localtest.me", "lvh.me");
    private static final List<String> DOCUMENTATION = List.of("example.com", "example.net", "example.org");

    private final List<String> allowedHosts;
    private final Duration resolveTimeout;
    private final Resolver resolver;

    public OutboundUrlPolicy(Collection<String> allowedHosts, Duration resolveTimeout, Resolver resolver) {
        this.allowedHosts = allowedHosts.stream()
                .map(h -> h.strip().toLowerCase(Locale.ROOT))
                .toList();
        this.resolveTimeout = resolveTimeout;
        this.resolver = resolver;
    }

    /** Completes when {@code url} may be fetched; else fails with a 400 naming {@code field}, never echoing the URL. */
    public Mono<Void> check(String field, String url) {
        return Mono.defer(() -> {
            String host = staticCheck(field, url);
            if (host == null) {
                return Mono.empty();
            }
            return Mono.fromCallable(() -> resolver.resolve(host))
                    .subscribeOn(Schedulers.boundedElastic())
                    .timeout(resolveTimeout)
                    .onErrorResume(e -> Mono.just(new InetAddress[0]))
                    .flatMap(addresses -> {
                        for (InetAddress a : addresses) {
                            if (internal(a)) {
                                return Mono.error(refuse(field, "its host resolves to an internal address"));
                            }
                        }
                        return Mono.empty();
                    });
        });
    }

    /** Everything decidable without DNS; the host still to resolve, or null when nothing is left to check. */
    String staticCheck(String field, String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw ApiException.invalidField(field, field + " must be an absolute http(s) URL");
        }
        if (uri.getRawUserInfo() != null
                || uri.getRawAuthority() == null
                || uri.getRawAuthority().contains("@")) {
            throw refuse(field, "it carries credentials (user info); put them nowhere in the URL");
        }
        if (uri.getRawFragment() != null) {
            throw refuse(field, "it has a fragment ('#')");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw ApiException.invalidField(field, field + " must be an absolute http(s) URL");
        }
        host = host.toLowerCase(Locale.ROOT);
        while (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (allowed(host)) {
            return null;
        }
        if (host.startsWith("[")) {
            InetAddress literal = ipv6Literal(field, host.substring(1, host.length() - 1));
            if (internal(literal)) {
                throw refuse(field, "it points to an internal address");
            }
            return null;
        }
        InetAddress v4 = ipv4(host);
        if (v4 != null) {
            if (internal(v4)) {
                throw refuse(field, "it points to an internal address");
            }
            return null;
        }
        String[] labels = host.split("\\.");
        if (NUMERIC_LABEL.matcher(labels[labels.length - 1]).matches()) {
            throw refuse(field, "its host is neither a name nor an IP address");
        }
        String lower = host;
        if (labels.length == 1
                || INTERNAL_NAMES.contains(lower)
                || INTERNAL_SUFFIXES.stream().anyMatch(lower::endsWith)) {
            throw refuse(field, "its host is an internal name");
        }
        String name = host;
        if (DOCUMENTATION.stream().anyMatch(d -> name.equals(d) || name.endsWith("." + d))
                || name.endsWith(".example")
                || name.endsWith(".invalid")) {
            return null;
        }
        return name;
    }

    private boolean allowed(String host) {
        for (String a : allowedHosts) {
            if (a.equals(host) || a.startsWith("*.") && host.endsWith(a.substring(1))) {
                return true;
            }
        }
        return false;
    }

    private static ApiException refuse(String field, String why) {
        return ApiException.invalidField(
                field,
                field + " may not point inside the network: " + why
                        + " (an operator can allow a host with mediagate.ingest.allowed-hosts)");
    }

    private static InetAddress ipv6Literal(String field, String literal) {
        if (literal.contains("%") || !literal.matches("[0-9a-f:.]+")) {
            throw refuse(field, "it names an interface-scoped or malformed IPv6 address");
        }
        try {
            return InetAddress.getByName(literal); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            throw refuse(field, "it names a malformed IPv6 address");
        }
    }

    /**
     * An IPv4 address in any form {@code inet_aton} accepts (and so many fetchers): one to four parts, each
     * decimal, octal ({@code 0177}) or hex ({@code 0x7f}), the last filling the remaining bytes
     * ({@code 127.1}, {@code 2130706433}); null when the host is not one.
     */
    static InetAddress ipv4(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length > 4) {
            return null;
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            try {
                if (p.startsWith("0x")) {
                    values[i] = p.length() == 2 ? 0 : Long.parseLong(p.substring(2), 16);
                } else if (p.length() > 1 && p.startsWith("0")) {
                    values[i] = Long.parseLong(p.substring(1), 8);
                } else {
                    values[i] = Long.parseLong(p);
                }
            } catch (NumberFormatException e) {
                return null;
            }
            if (p.length() > 20 || values[i] < 0) {
                return null;
            }
        }
        long address = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            if (values[i] > 255) {
                return null;
            }
            address |= values[i] << (24 - 8 * i);
        }
        long last = values[parts.length - 1];
        int lastBits = 8 * (5 - parts.length);
        if (last >= 1L << lastBits) {
            return null;
        }
        address |= last;
        byte[] b = {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Whether an address is not on the public internet (IANA special-purpose registries, roughly). */
    static boolean internal(InetAddress a) {
        if (a.isAnyLocalAddress()
                || a.isLoopbackAddress()
                || a.isLinkLocalAddress()
                || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int o0 = b[0] & 0xff;
            int o1 = b[1] & 0xff;
            return o0 == 0
                    || o0 == 10
                    || o0 == 127
                    || o0 >= 224
                    || o0 == 100 && o1 >= 64 && o1 < 128 // CGNAT 100.64/10
                    || o0 == 169 && o1 == 254
                    || o0 == 172 && o1 >= 16 && o1 < 32
                    || o0 == 192 && o1 == 168
                    || o0 == 192 && o1 == 0 && (b[2] & 0xff) == 0 // IETF protocol assignments
                    || o0 == 198 && (o1 == 18 || o1 == 19); // benchmarking
        }
        if (a instanceof Inet6Address) {
            int w0 = (b[0] & 0xff) << 8 | b[1] & 0xff;
            int w1 = (b[2] & 0xff) << 8 | b[3] & 0xff;
            if ((b[0] & 0xfe) == 0xfc || w0 == 0x100 || w0 == 0x2001 && w1 < 0x200 || w0 == 0x2001 && w1 == 0xdb8) {
                return true; // ULA fc00::/7, discard, Teredo and IETF 2001::/23, documentation
            }
            boolean firstTwelveZero = Arrays.equals(Arrays.copyOf(b, 12), new byte[12]);
            boolean mapped = Arrays.equals(Arrays.copyOf(b, 10), new byte[10])
                    && (b[10] & 0xff) == 0xff
                    && (b[11] & 0xff) == 0xff;
            boolean nat64 = w0 == 0x64 && w1 == 0xff9b;
            if (firstTwelveZero || mapped || nat64) {
                return nat64 && ((b[4] & 0xff) << 8 | b[5] & 0xff) == 1
                        || internal(v4(b, 12)); // 64:ff9b:1::/48 is local
            }
            if (w0 == 0x2002) { // 6to4: the IPv4 address is bytes 2-5
                return internal(v4(b, 2));
            }
        }
        return false;
    }

    private static InetAddress v4(byte[] b, int from) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(b, from, from + 4));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
    }
}
