package io.mediagate.adapters.streamone.internal;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The meta parameters every StreamOne request carries (API version, format, actor, account, {@code timezone=UTC},
 * timestamp from the injected clock plus the configured skew) and the signed query string built from them.
 * {@code timezone} is named because StreamOne otherwise writes dates in the actor's own time zone (SDK
 * {@code RequestBase::setTimeZone}) and the mapper reads them as UTC.
 */
public final class StreamOneAuth {
    private final StreamOneProperties properties;
    private final Clock clock;

    public StreamOneAuth(StreamOneProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** The unsigned parameters for a request made now. */
    public Map<String, String> parameters() {
        return parameters(true);
    }

    /** As {@link #parameters()}; without {@code utc} the vendor answers dates in the actor's own time zone. */
    private Map<String, String> parameters(boolean utc) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("api", "3");
        p.put("format", "json");
        p.put("authentication_type", properties.authenticationType());
        p.put(properties.authenticationType(), properties.actorId());
        if (properties.account() != null) {
            p.put("account", properties.account());
        } else {
            p.put("customer", properties.customer());
        }
        if (utc) {
            p.put("timezone", "UTC");
        }
        p.put(
                "timestamp",
                Long.toString(clock.instant().plus(properties.clockSkew()).getEpochSecond()));
        return p;
    }

    /**
     * The query to send: the parameters (plus any extra), then the signature over path, them and the body.
     * {@code path} is {@code /api/<command>/<action>} without any base-URL prefix: the SDKs sign only that.
     */
    public String signedQuery(String path, Map<String, String> extraParameters, String encodedArgs) {
        return signedQuery(path, extraParameters, encodedArgs, true);
    }

    /** As above; {@code utc} false leaves {@code timezone} out (the connection check's time-zone probe only). */
    public String signedQuery(String path, Map<String, String> extraParameters, String encodedArgs, boolean utc) {
        Map<String, String> params = new LinkedHashMap<>(extraParameters);
        params.putAll(parameters(utc));
        String encoded = StreamOneSigner.encode(params);
        return encoded + "&signature=" + StreamOneSigner.sign(properties.psk(), path, encoded, encodedArgs);
    }
}
