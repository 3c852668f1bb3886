package io.mediagate.gateway.startup.aot;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.core.env.Environment;

/**
 * The properties Spring AOT read while it generated the image's start-up code, with what they were then: every
 * condition that read them (an exporter that exists only when its endpoint is set, an actuator endpoint that
 * exists only when exposed, the management server on a port of its own) was decided at build time, so the same
 * properties must hold when the generated code runs.
 */
public final class BuildTimeProperties {
    /** Where the build writes them; the generated code and this file travel in the same jar. */
    static final String RESOURCE = "META-INF/mediagate/aot-build-properties.properties";

    /** The management server's context, generated on its own. */
    static final String MANAGEMENT_RESOURCE = "META-INF/mediagate/aot-build-properties-management.properties";

    /**
     * Whether the management server has a port of its own: what the conditions on {@code server.port} and
     * {@code management.server.port} decide, so changing either port is fine as long as this stays.
     */
    static final String MANAGEMENT_PORT = "(management server on a port of its own)";

    private static final String UNSET = "unset";
    private static final String SET = "set:";
    /** Read during generation but not by a condition: bound when the gateway runs, or different every run. */
    private static final Set<String> NOT_FIXED =
            Set.of("spring.application.pid", "spring.application.version", "server.port", "management.server.port");

    private static final String NOT_FIXED_PREFIX = "logging.";

    private final Map<String, String> values;

    private BuildTimeProperties(Map<String, String> values) {
        this.values = values;
    }

    /** What the given keys are in this environment, as the build records them. */
    static BuildTimeProperties of(Collection<String> keys, Environment environment) {
        Map<String, String> values = new TreeMap<>();
        for (String key : keys) {
            if (!NOT_FIXED.contains(key) && !key.startsWith(NOT_FIXED_PREFIX)) {
                values.put(key, current(key, environment));
            }
        }
        values.put(MANAGEMENT_PORT, current(MANAGEMENT_PORT, environment));
        return new BuildTimeProperties(values);
    }

    /** The record the build left in the jar, or none when the jar was not processed ahead of time. */
    static BuildTimeProperties load(ClassLoader loader) {
        Map<String, String> values = new TreeMap<>();
        for (String resource : List.of(RESOURCE, MANAGEMENT_RESOURCE)) {
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in == null) {
                    continue;
                }
                Properties p = new Properties();
                p.load(in);
                p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return values.isEmpty() ? null : new BuildTimeProperties(values);
    }

    /** The record as the properties file the build writes. */
    String write() {
        Properties p = new Properties();
        p.putAll(values);
        StringWriter out = new StringWriter();
        try {
            p.store(out, "properties Spring AOT read at build time (mediagate BuildTimePropertiesGuard)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * The keys that differ in this environment, each with how (never the values, which may be URLs with
     * credentials in them).
     */
    List<String> changedIn(Environment environment) {
        List<String> changed = new ArrayList<>();
        values.forEach((key, then) -> {
            String now = current(key, environment);
            if (then.equals(now)) {
                return;
            }
            if (MANAGEMENT_PORT.equals(key)) {
                changed.add("server.port / management.server.port (the management server "
                        + (then.equals(SET + "yes") ? "had" : "had no") + " port of its own at build time)");
            } else if (then.equals(UNSET)) {
                changed.add(key + " (unset at build time, set now)");
            } else if (now.equals(UNSET)) {
                changed.add(key + " (set at build time, unset now)");
            } else {
                changed.add(key + " (a different value than at build time)");
            }
        });
        return changed;
    }

    int size() {
        return values.size();
    }

    private static String current(String key, Environment environment) {
        if (MANAGEMENT_PORT.equals(key)) {
            return ManagementPortType.get(environment) == ManagementPortType.DIFFERENT ? SET + "yes" : SET + "no";
        }
        String value = environment.getProperty(key);
        return value == null ? UNSET : SET + value;
    }
}
