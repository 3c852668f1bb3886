package io.mediagate.gateway.api;

import io.mediagate.gateway.web.ApiException;
import java.net.URI;
import java.net.URISyntaxException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Validation of ids, query parameters and JSON bodies shared by the v1 handlers; failures name the input. */
public final class Inputs {
    /** What a video or ingest id may look like; every place that accepts one uses this. */
    public static final String ID_REGEX = "[A-Za-z0-9][A-Za-z0-9_.:~-]{0,127}";

    private Inputs() {}

    public static String id(String name, String value) {
        if (!isId(value)) {
            throw ApiException.invalidField(
                    name, name + " must be 1-128 characters of letters, digits, " + "'_', '.', ':', '~' or '-'");
        }
        return value;
    }

    /** Whether {@code value} matches {@link #ID_REGEX}, without a regex matcher on every read. */
    static boolean isId(String value) {
        if (value == null || value.isEmpty() || value.length() > 128 || !letterOrDigit(value.charAt(0))) {
            return false;
        }
        for (int i = 1; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (!letterOrDigit(ch) && ch != '_' && ch != '.' && ch != ':' && ch != '~' && ch != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean letterOrDigit(char ch) {
        return ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9';
    }

    public static int limit(String value, int fallback, int max) {
        if (value == null) {
            return fallback;
        }
        if (value.matches("[0-9]{1,4}")) {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        }
        throw ApiException.invalidField("limit", "limit must be an integer from 1 to " + max);
    }

    /** An optional free-text parameter; blank counts as absent. */
    /** An optional {@code true}/{@code false} query parameter; anything else is a 400 naming it. */
    public static boolean flag(String name, String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw ApiException.invalidField(name, "must be true or false");
    }

    public static String text(String name, String value, int maxLength) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > maxLength
                || value.chars().anyMatch(Character::isISOControl)
                || value.isBlank()
                || !JsonFields.wellFormed(value)) {
            throw ApiException.invalidField(
                    name, name + " must be 1-" + maxLength + " characters of text without control characters");
        }
        return value;
    }

    /** The JSON object in a request body; anything else is a 400. */
    public static JsonNode jsonObject(JsonMapper json, byte[] body) {
        if (body == null || body.length == 0) {
            throw ApiException.badRequest("malformed-json", "the request body must be a JSON object");
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JacksonException e) {
            throw ApiException.badRequest("malformed-json", "the request body is not valid JSON (UTF-8)");
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("malformed-json", "the request body must be a JSON object");
        }
        return node;
    }

    /** An http(s) URL a vendor can fetch. */
    public static String fetchableUrl(String field, String value) {
        if (value == null || value.length() > 2048) {
            throw ApiException.invalidField(field, field + " must be an http(s) URL of at most 2048 characters");
        }
        try {
            URI uri = new URI(value);
            if (uri.isAbsolute()
                    && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null) {
                return value;
            }
        } catch (URISyntaxException ignored) {
            // reported below
        }
        throw ApiException.invalidField(field, field + " must be an absolute http(s) URL");
    }
}
