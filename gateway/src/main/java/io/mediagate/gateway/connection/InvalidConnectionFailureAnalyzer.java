package io.mediagate.gateway.connection;

import io.mediagate.contracts.spi.InvalidConnectionException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a bad connection setting into a start-up report that names the key and nothing secret. */
public class InvalidConnectionFailureAnalyzer extends AbstractFailureAnalyzer<InvalidConnectionException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidConnectionException cause) {
        return new FailureAnalysis(
                "Invalid mediagate configuration: " + cause.getMessage(),
                "Fix the setting " + cause.key() + " (see README, Configuration).",
                cause);
    }
}
