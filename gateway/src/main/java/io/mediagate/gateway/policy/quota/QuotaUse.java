package io.mediagate.gateway.policy.quota;

import java.util.Map;

/** A connection's waiting calls and tokens used in the last period, by class and by client id ("" = no client). */
public record QuotaUse(
        Map<PriorityClass, Integer> waiting,
        Map<PriorityClass, Integer> usedByClass,
        Map<String, Integer> usedByClient,
        Map<String, Integer> waitingByClient) {}
