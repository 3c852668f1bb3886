package io.mediagate.gateway.startup.aot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** What the build records of the properties Spring AOT read, and which later settings conflict with it. */
class BuildTimePropertiesTest {
    private static final List<String> READ = List.of(
            "management.opentelemetry.tracing.export.otlp.endpoint",
            "management.endpoints.web.exposure.include",
            "server.port",
            "management.server.port",
            "spring.application.pid",
            "logging.structured.json.include");

    @Test
    void theSameSettingsConflictWithNothing() {
        BuildTimeProperties build = BuildTimeProperties.of(READ, build());
        assertThat(reloaded(build).changedIn(build())).isEmpty();
    }

    @Test
    void anExporterEndpointSetAfterTheBuildIsNamedButItsValueIsNot() {
        BuildTimeProperties build = reloaded(BuildTimeProperties.of(READ, build()));
        List<String> changed = build.changedIn(
                now(Map.of("management.opentelemetry.tracing.export.otlp.endpoint", "https://user:s3cret@otel:4318")));
        assertThat(changed)
                .containsExactly(
                        "management.opentelemetry.tracing.export.otlp.endpoint (unset at build time, set now)");
        assertThat(String.join(" ", changed)).doesNotContain("s3cret").doesNotContain("otel:");
    }

    @Test
    void aValueChangedOrRemovedIsNamedToo() {
        BuildTimeProperties build = reloaded(BuildTimeProperties.of(READ, build()));
        assertThat(build.changedIn(now(Map.of("management.endpoints.web.exposure.include", "health"))))
                .containsExactly("management.endpoints.web.exposure.include (a different value than at build time)");
        Map<String, Object> without = new HashMap<>(BUILD);
        without.remove("management.endpoints.web.exposure.include");
        assertThat(build.changedIn(environment(without)))
                .containsExactly("management.endpoints.web.exposure.include (set at build time, unset now)");
    }

    @Test
    void portsMayMoveAsLongAsTheManagementServerKeepsOrLacksAPortOfItsOwn() {
        BuildTimeProperties build = reloaded(BuildTimeProperties.of(READ, build()));
        assertThat(build.changedIn(now(Map.of("server.port", "8000", "management.server.port", "9000"))))
                .isEmpty();
        assertThat(build.changedIn(now(Map.of("server.port", "0", "management.server.port", "0"))))
                .isEmpty();
        assertThat(build.changedIn(now(Map.of("server.port", "8000", "management.server.port", "8000"))))
                .containsExactly("server.port / management.server.port (the management server had port of its own"
                        + " at build time)");
    }

    @Test
    void whatEveryRunSetsDifferentlyIsNotRecorded() {
        BuildTimeProperties build = BuildTimeProperties.of(READ, build());
        assertThat(build.write())
                .contains("management.endpoints.web.exposure.include")
                .doesNotContain("spring.application.pid")
                .doesNotContain("logging.structured")
                .doesNotContain("server.port=");
    }

    @Test
    void aJarWithoutTheRecordHasNoneAndOneWithItHasBothContexts() {
        assertThat(BuildTimeProperties.load(new ClassLoader(null) {})).isNull();
        BuildTimeProperties root =
                BuildTimeProperties.of(List.of("management.endpoints.web.exposure.include"), build());
        BuildTimeProperties child =
                BuildTimeProperties.of(List.of("management.opentelemetry.tracing.export.otlp.endpoint"), build());
        ClassLoader jar = new ClassLoader(null) {
            @Override
            public InputStream getResourceAsStream(String name) {
                if (name.equals(BuildTimeProperties.RESOURCE)) {
                    return new ByteArrayInputStream(root.write().getBytes(StandardCharsets.ISO_8859_1));
                }
                if (name.equals(BuildTimeProperties.MANAGEMENT_RESOURCE)) {
                    return new ByteArrayInputStream(child.write().getBytes(StandardCharsets.ISO_8859_1));
                }
                return null;
            }

            @Override
            public Enumeration<URL> getResources(String name) {
                return Collections.emptyEnumeration();
            }
        };
        BuildTimeProperties both = BuildTimeProperties.load(jar);
        assertThat(both.size()).isEqualTo(3);
        assertThat(both.changedIn(now(Map.of("management.opentelemetry.tracing.export.otlp.endpoint", "http://c"))))
                .hasSize(1);
    }

    private static final Map<String, Object> BUILD = Map.of(
            "server.port", "8080",
            "management.server.port", "9090",
            "management.endpoints.web.exposure.include", "health, info, prometheus, metrics");

    private static StandardEnvironment build() {
        return environment(BUILD);
    }

    /** The build's settings with some set otherwise. */
    private static StandardEnvironment now(Map<String, Object> changes) {
        Map<String, Object> all = new HashMap<>(BUILD);
        all.putAll(changes);
        return environment(all);
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }

    private static BuildTimeProperties reloaded(BuildTimeProperties build) {
        ClassLoader jar = new ClassLoader(null) {
            @Override
            public InputStream getResourceAsStream(String name) {
                return name.equals(BuildTimeProperties.RESOURCE)
                        ? new ByteArrayInputStream(build.write().getBytes(StandardCharsets.ISO_8859_1))
                        : null;
            }
        };
        return BuildTimeProperties.load(jar);
    }
}
