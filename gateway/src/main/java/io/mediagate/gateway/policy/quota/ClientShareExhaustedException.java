package io.mediagate.gateway.policy.quota;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The client used its share of the connection's quota for this period: 429 with Retry-After; others still go. */
public class ClientShareExhaustedException extends QuotaExceededException {
    private final String client;
    private final int percent;

    public ClientShareExhaustedException(String connection, String client, int percent, Duration retryAfter) {
        super(
                connection,
                retryAfter,
                "client-share-exhausted",
                "Client share of the vendor quota exhausted",
                "client " + client + " used its share (" + percent + "%) of connection " + connection
                        + "'s vendor quota; try again in " + seconds(retryAfter) + " s");
        this.client = client;
        this.percent = percent;
    }

    public String client() {
        return client;
    }

    public int percent() {
        return percent;
    }

    @Override
    public Map<String, Object> problemMembers() {
        Map<String, Object> members = new LinkedHashMap<>(super.problemMembers());
        members.put("share_percent", percent);
        return members;
    }
}
