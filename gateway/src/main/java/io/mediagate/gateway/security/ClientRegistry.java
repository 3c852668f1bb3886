package io.mediagate.gateway.security;

import io.mediagate.gateway.config.ClientProperties;
import io.mediagate.gateway.config.MediagateProperties;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Configured clients by the SHA-256 of their key. Keys are looked up by hash, so the gateway never holds a
 * plain key and a leaked configuration does not leak keys.
 */
@Component
public class ClientRegistry {
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(ClientRegistry::newSha256);
    // keyed by the digest's bytes (a ByteBuffer compares by content): a lookup hashes the key and formats nothing
    private final Map<ByteBuffer, ApiClient> byHash = new HashMap<>();

    public ClientRegistry(MediagateProperties properties) {
        for (int i = 0; i < properties.clients().size(); i++) {
            ClientProperties c = properties.clients().get(i);
            Set<Scope> scopes = new LinkedHashSet<>();
            c.scopes().forEach(s -> scopes.add(Scope.fromWire(s)));
            ByteBuffer hash = ByteBuffer.wrap(HexFormat.of().parseHex(c.keySha256()));
            if (byHash.put(
                            hash,
                            new ApiClient(
                                    c.id(),
                                    Set.copyOf(scopes),
                                    Set.copyOf(c.connections()),
                                    properties.defaults().forClient(c)))
                    != null) {
                throw new IllegalStateException("mediagate.clients[" + i + "].key-sha256 repeats another client's key");
            }
        }
    }

    public Optional<ApiClient> authenticate(String presentedKey) {
        return Optional.ofNullable(byHash.get(ByteBuffer.wrap(digest(presentedKey))));
    }

    /** The hex SHA-256 of a key, as {@code key-sha256} spells it. */
    public static String sha256(String key) {
        return HexFormat.of().formatHex(digest(key));
    }

    private static byte[] digest(String key) {
        // one digest per thread: looking the algorithm up was a tenth of what authenticating a request allocated
        return SHA_256.get().digest(key.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
