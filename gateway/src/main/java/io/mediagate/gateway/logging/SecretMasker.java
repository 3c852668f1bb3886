package io.mediagate.gateway.logging;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Removes secrets from text bound for logs: every configured secret credential value (registered at start-up)
 * and anything shaped like a credential in a URL or header: the generic shapes here ({@code token=},
 * {@code secret=}, {@code key=}, bearer tokens) and the ones each vendor declares in its
 * {@link io.mediagate.contracts.spi.VendorDescriptor} (Cincopa's {@code api_token=}, StreamOne's
 * {@code signature=}, Cognitive3D's {@code orgkey-}), registered with {@link #registerShapes}. A second line of
 * defence: code is written not to log secrets, this catches libraries (HTTP clients, servers, simulators) that log
 * URLs or headers at DEBUG. Only secrets are registered: a plain credential such as StreamOne's
 * {@code authentication-type: application} must not turn every {@code application/json} into {@code ******}.
 */
public final class SecretMasker {
    // longest first: a short value that happens to occur inside a longer secret must not split it up first
    private static volatile List<String> secrets = List.of();
    // masked as name=value only: as "Name: value" these words are too common in ordinary log text
    private static final Set<String> GENERIC_NAMES = Set.of("api-token", "token", "secret", "api-key", "key");
    private static final Set<String> names = new TreeSet<>();
    private static final Set<String> prefixes = new TreeSet<>();
    private static volatile Pattern shaped = compile();
    private static final int MIN_SECRET_LENGTH = 4;

    private SecretMasker() {}

    /** Registers values that must never be logged (secret credentials, client keys). */
    public static synchronized void register(Iterable<String> values) {
        List<String> all = new ArrayList<>(secrets);
        for (String v : values) {
            if (v != null && v.length() >= MIN_SECRET_LENGTH && !all.contains(v)) {
                all.add(v);
            }
        }
        all.sort(Comparator.comparingInt(String::length).reversed());
        secrets = List.copyOf(all);
    }

    /**
     * Registers a vendor's secret shapes: parameter or header names whose value is masked ({@code name=value},
     * {@code Name: value}) and value prefixes after which the rest of the token is masked.
     */
    public static synchronized void registerShapes(Collection<String> wireNames, Collection<String> valuePrefixes) {
        if (names.addAll(wireNames) | prefixes.addAll(valuePrefixes)) {
            shaped = compile();
        }
    }

    private static Pattern compile() {
        Set<String> all = new TreeSet<>(GENERIC_NAMES);
        all.addAll(names);
        StringBuilder regex = new StringBuilder()
                .append("(?i)((?:")
                .append(alternatives(all))
                .append(")=)[^&\\s\"',;]+")
                .append("|(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+");
        if (!names.isEmpty()) {
            regex.append("|(?i)((?:").append(alternatives(names)).append(")\\s*:\\s*)[^\\s\"',;]+");
        }
        for (String prefix : prefixes) {
            regex.append("|(").append(Pattern.quote(prefix)).append(")[A-Za-z0-9._~+/=-]+");
        }
        return Pattern.compile(regex.toString());
    }

    private static String alternatives(Set<String> words) {
        return words.stream()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .map(Pattern::quote)
                .collect(Collectors.joining("|"));
    }

    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : secrets) {
            if (out.contains(secret)) {
                out = out.replace(secret, "******");
            }
        }
        return shaped.matcher(out).replaceAll(m -> {
            for (int g = 1; g <= m.groupCount(); g++) {
                if (m.group(g) != null) {
                    return Matcher.quoteReplacement(m.group(g)) + "******";
                }
            }
            return "******";
        });
    }
}
