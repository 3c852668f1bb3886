package io.mediagate.gateway.policy.quota;

import java.time.Duration;

/** The client used its share of the connection's quota for this period: 429 with Retry-After; others still go. */
public class ClientShareExhaustedException extends QuotaExceededException {
    private final String client;
    private final int percent;

    public ClientShareExhaustedException(String connection, String client, int percent, Duration retryAfter) {
        super(connection, retryAfter, "client " + client + " used its share (" + percent + "%) of connection "
                + connection + "'s vendor quota; try again in " + seconds(retryAfter) + " s");
        this.client = client;
        this.percent = percent;
    }

    public String client() {
        return client;
    }

    public int percent() {
        return percent;
    }
}
