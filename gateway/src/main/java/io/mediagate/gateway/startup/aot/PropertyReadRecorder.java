package io.mediagate.gateway.startup.aot;

import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import org.springframework.core.env.PropertySource;

/**
 * A property source that answers nothing and remembers every key asked for: put first while Spring AOT generates
 * code, it sees each property a condition reads.
 */
final class PropertyReadRecorder extends PropertySource<Set<String>> {
    static final String NAME = "mediagate-aot-property-reads";

    PropertyReadRecorder() {
        super(NAME, new ConcurrentSkipListSet<>());
    }

    @Override
    public Object getProperty(String name) {
        getSource().add(name);
        return null;
    }
}
