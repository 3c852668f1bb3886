package io.mediagate.gateway.logging;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes secrets from text bound for logs: every configured credential value (registered at start-up) and
 * anything shaped like a credential in a URL or header (Cincopa's {@code api_token=}, StreamOne's
 * {@code signature=}, bearer and org keys). A second line of defence: code is written not to log secrets, this
 * catches libraries (HTTP clients, servers, simulators) that log URLs or headers at DEBUG.
 */
public final class SecretMasker {
    // longest first: a short value that happens to occur inside a longer secret must not split it up first
    private static volatile List<String> secrets = List.of();
    private static final Pattern SHAPED = Pattern.compile(
            "(?i)((?:api_token|api-token|token|signature|psk|secret|sync-code|api-key|key)=)[^&\\s\"',;]+"
                    + "|(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+"
                    + "|(?i)(APIKEY:(?:ORGANIZATION|DEVELOPER|DATA)\\s+)\\S+"
                    + "|(orgkey-)[A-Za-z0-9._-]+"
                    + "|(?i)(x-parone-(?:sync-code|api-key|api-secret|mmi-key)\\s*[:=]\\s*)\\S+");
    private static final int MIN_SECRET_LENGTH = 4;

    private SecretMasker() {
    }

    /** Registers values that must never be logged (credentials, client keys). */
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
        return SHAPED.matcher(out).replaceAll(m -> {
            for (int g = 1; g <= m.groupCount(); g++) {
                if (m.group(g) != null) {
                    return java.util.regex.Matcher.quoteReplacement(m.group(g)) + "******";
                }
            }
            return "******";
        });
    }
}
