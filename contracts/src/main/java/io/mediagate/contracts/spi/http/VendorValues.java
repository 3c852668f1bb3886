package io.mediagate.contracts.spi.http;

import java.util.ArrayList;
import java.util.List;

/** Parsers for value formats several vendors share; unreadable input gives null or nothing, never an error. */
public final class VendorValues {
    private VendorValues() {}

    /** {@code HH:MM:SS(.fff)}, {@code MM:SS} or plain seconds, as seconds; null when absent or unreadable. */
    public static Double seconds(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            double seconds = 0;
            for (String part : text.trim().split(":")) {
                seconds = seconds * 60 + Double.parseDouble(part);
            }
            return seconds;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A comma-separated tag list: trimmed, blanks and repeats dropped, order kept. */
    public static List<String> commaSeparated(String text) {
        List<String> out = new ArrayList<>();
        if (text != null) {
            for (String t : text.split(",")) {
                if (!t.isBlank() && !out.contains(t.trim())) {
                    out.add(t.trim());
                }
            }
        }
        return out;
    }
}
