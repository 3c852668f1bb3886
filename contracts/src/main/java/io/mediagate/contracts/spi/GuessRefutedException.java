package io.mediagate.contracts.spi;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The vendor did not answer a wire call that rests on a guess (an undocumented route, action or argument): it
 * said "no such route / action / parameter". This is an {@link Kind#UPSTREAM_ERROR} (502) that names the guessed
 * call and the connection option that selects it, so the operator knows what to change; it is never reported as
 * "video not found" or as the caller's mistake.
 */
public class GuessRefutedException extends ProviderException {
    private final String route;
    private final String option;

    /**
     * @param route        the guessed wire call as the vendor saw it, e.g. {@code PUT /content/{contentKey}}
     * @param option       the connection option that selects it, e.g. {@code update-method}, or null if none
     * @param vendorStatus the vendor's HTTP or envelope status
     */
    public GuessRefutedException(String route, String option, int vendorStatus) {
        super(Kind.UPSTREAM_ERROR, message(route, option, vendorStatus), null, vendorStatus, null);
        this.route = route;
        this.option = option;
    }

    private static String message(String route, String option, int vendorStatus) {
        return "the vendor does not answer the guessed call " + route + " (vendor status " + vendorStatus + ")"
                + (option == null ? "" : "; the connection option options." + option + " selects it")
                + "; set options." + Capabilities.GUESSED_OPERATIONS_OPTION + "=off to answer 501 instead";
    }

    @Override
    public String problemType() {
        return "vendor-guess-refuted";
    }

    @Override
    public String title() {
        return "The vendor does not answer a guessed call";
    }

    @Override
    public Map<String, Object> problemMembers() {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("guessed_call", route);
        if (option != null) {
            members.put("option", option);
        }
        return members;
    }

    /** The guessed wire call, e.g. {@code DELETE /content/{contentKey}}. */
    public String route() {
        return route;
    }

    /** The connection option that selects the guessed call, or null. */
    public String option() {
        return option;
    }
}
