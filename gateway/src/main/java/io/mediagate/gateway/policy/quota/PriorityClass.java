package io.mediagate.gateway.policy.quota;

import java.util.Locale;

/**
 * Who gets a contended connection's next token first: {@code interactive} before {@code batch} before
 * {@code background}. A client's class is configured ({@code mediagate.clients[].priority}); a request may lower
 * its own with RFC 9218 {@code Priority: u=<0-7>} (urgency 0–3 interactive, 4–5 batch, 6–7 background), never
 * raise it above its client's.
 */
public enum PriorityClass {
    INTERACTIVE,
    BATCH,
    BACKGROUND;

    /** The configuration and wire spelling. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PriorityClass fromWire(String wire) {
        return wire == null ? INTERACTIVE : valueOf(wire.trim().toUpperCase(Locale.ROOT));
    }

    /**
     * The class an RFC 9218 urgency asks for. The RFC's default urgency 3 is interactive; 4 and 5 mean "can wait",
     * 6 and 7 "only when nothing else needs the link" (section 4.1), which is what batch and background mean here.
     */
    public static PriorityClass forUrgency(int urgency) {
        return urgency <= 3 ? INTERACTIVE : urgency <= 5 ? BATCH : BACKGROUND;
    }

    /** The lower (later-served) of this class and {@code other}: a request can lower its class, never raise it. */
    public PriorityClass atMost(PriorityClass other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    /**
     * The urgency in an RFC 9218 {@code Priority} header field value (a Structured Fields dictionary, e.g.
     * {@code u=5, i}), or -1 when absent or malformed: a priority signal is a hint, so a bad one is ignored
     * (RFC 9218 section 4: unknown or invalid parameters are ignored), never a 400.
     */
    public static int urgency(String header) {
        if (header == null) {
            return -1;
        }
        int found = -1;
        for (String member : header.split(",")) {
            String m = member.trim();
            if (m.startsWith("u=") && m.length() == 3 && m.charAt(2) >= '0' && m.charAt(2) <= '7') {
                // a dictionary keeps the last value of a repeated key (RFC 8941 section 4.2.2)
                found = m.charAt(2) - '0';
            } else if (m.startsWith("u=") || m.equals("u")) {
                found = -1;
            }
        }
        return found;
    }
}
