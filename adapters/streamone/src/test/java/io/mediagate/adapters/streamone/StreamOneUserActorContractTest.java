package io.mediagate.adapters.streamone;

import io.mediagate.contracts.spi.ProviderContext;
import io.mediagate.contracts.spi.VideoProvider;
import io.mediagate.sandbox.streamone.StreamOneSimulator;
import java.util.Map;
import java.util.Set;

/** The same contract with user authentication: every scenario signed by a user actor's key. */
class StreamOneUserActorContractTest extends StreamOneProviderContractTest {
    @Override
    protected VideoProvider provider() {
        return provider(
                SIM,
                Map.of(
                        "authentication-type",
                        "user",
                        "actor-id",
                        StreamOneSimulator.USER,
                        "psk",
                        StreamOneSimulator.USER_PSK,
                        "account",
                        StreamOneSimulator.ACCOUNT),
                ProviderContext.defaults());
    }

    @Override
    protected VideoProvider providerWithBadCredentials() {
        return provider(
                SIM,
                Map.of(
                        "authentication-type",
                        "user",
                        "actor-id",
                        StreamOneSimulator.USER,
                        "psk",
                        "not-the-user-psk",
                        "account",
                        StreamOneSimulator.ACCOUNT),
                ProviderContext.defaults());
    }

    @Override
    protected Set<String> secrets() {
        return Set.of(StreamOneSimulator.USER_PSK);
    }
}
