package io.mediagate.contracts.spi;

/** A connection's configuration is unusable; the message names the configuration key. Fails start-up. */
public class InvalidConnectionException extends RuntimeException {
    private final String key;

    public InvalidConnectionException(String key, String problem) {
        super(key + " " + problem);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
