package io.mediagate.gateway.api;

import io.mediagate.gateway.web.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** Typed, bounded reads of request-body members; every failure names the member. */
public final class JsonFields {
    private static final Pattern METADATA_KEY = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    public static final int MAX_TAGS = 50;
    public static final int MAX_METADATA = 50;

    private JsonFields() {}

    /** Rejects members not in {@code allowed}, naming the first unknown one. */
    public static void onlyKnown(JsonNode object, Set<String> allowed) {
        for (String name : object.propertyNames()) {
            if (!allowed.contains(name)) {
                throw ApiException.invalidField(
                        name,
                        "unknown field '" + name + "'; allowed: "
                                + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    /** A string member, or null when absent; explicit null only where {@code nullable}. */
    public static String string(JsonNode object, String name, int maxLength, boolean required) {
        JsonNode v = object.get(name);
        if (v == null || v.isNull()) {
            if (required) {
                throw ApiException.invalidField(name, name + " is required");
            }
            return null;
        }
        if (!v.isString()) {
            throw ApiException.invalidField(name, name + " must be a string");
        }
        String s = v.stringValue();
        if (s.length() > maxLength) {
            throw ApiException.invalidField(name, name + " must be at most " + maxLength + " characters");
        }
        if (!wellFormed(s)
                || s.chars().anyMatch(ch -> Character.isISOControl(ch) && ch != '\n' && ch != '\t' && ch != '\r')) {
            throw ApiException.invalidField(
                    name, name + " must be text without control characters or lone " + "surrogates");
        }
        return s;
    }

    /** False for strings with unpaired UTF-16 surrogates, which no vendor can store. */
    public static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    public static List<String> tags(JsonNode v, String name) {
        if (!v.isArray()) {
            throw ApiException.invalidField(name, name + " must be an array of strings");
        }
        if (v.size() > MAX_TAGS) {
            throw ApiException.invalidField(name, name + " may hold at most " + MAX_TAGS + " tags");
        }
        List<String> tags = new ArrayList<>();
        for (JsonNode t : v) {
            // commas separate tags in several vendors' wire formats, so a tag may not contain one
            if (!t.isString()
                    || t.stringValue().isBlank()
                    || t.stringValue().length() > 100
                    || t.stringValue().contains(",")
                    || !wellFormed(t.stringValue())
                    || t.stringValue().chars().anyMatch(Character::isISOControl)) {
                throw ApiException.invalidField(
                        name, "each tag must be a non-blank string of at most 100 " + "characters without commas");
            }
            if (!tags.contains(t.stringValue())) {
                tags.add(t.stringValue());
            }
        }
        return tags;
    }

    /** A string map; null values are kept (merge-patch removal) only when {@code nullValues}. */
    public static Map<String, String> metadata(JsonNode v, String name, boolean nullValues) {
        if (!v.isObject()) {
            throw ApiException.invalidField(name, name + " must be an object of string values");
        }
        if (v.size() > MAX_METADATA) {
            throw ApiException.invalidField(name, name + " may hold at most " + MAX_METADATA + " keys");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            if (!METADATA_KEY.matcher(e.getKey()).matches()) {
                throw ApiException.invalidField(
                        name + "." + e.getKey(),
                        "metadata keys must be 1-64 characters " + "of letters, digits, '_', '.' or '-'");
            }
            JsonNode value = e.getValue();
            if (value.isNull() && nullValues) {
                map.put(e.getKey(), null);
            } else if (value.isString() && value.stringValue().length() <= 1000 && wellFormed(value.stringValue())) {
                map.put(e.getKey(), value.stringValue());
            } else {
                throw ApiException.invalidField(
                        name + "." + e.getKey(),
                        "metadata values must be strings of at " + "most 1000 characters"
                                + (nullValues ? " (or null to remove the key)" : ""));
            }
        }
        return map;
    }
}
