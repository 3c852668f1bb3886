package io.mediagate.gateway.startup.aot;

import java.util.List;
import org.springframework.aot.AotDetector;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Spring AOT's one trap, closed: the image runs start-up code generated at build time, in which every condition
 * on a property was decided with the build's configuration. While that code is generated, this records which
 * properties were read ({@link PropertyReadRecorder}); when it runs, a deployment that sets any of them otherwise
 * (say an OTLP endpoint, which would silently export nothing) stops at start-up, naming the keys
 * ({@link BuildTimePropertiesChangedException}).
 */
public class BuildTimePropertiesGuard implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    /** Set by Spring's AOT processor while it generates code (the build's {@code process-aot}). */
    static final String AOT_PROCESSING = "spring.aot.processing";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (Boolean.getBoolean(AOT_PROCESSING)) {
            context.getEnvironment().getPropertySources().addFirst(new PropertyReadRecorder());
            return;
        }
        if (!AotDetector.useGeneratedArtifacts()) {
            return;
        }
        BuildTimeProperties build = BuildTimeProperties.load(context.getClassLoader());
        if (build == null) {
            throw new BuildTimePropertiesChangedException(
                    List.of("spring.aot.enabled (this jar carries no record of its ahead-of-time build)"));
        }
        List<String> changed = build.changedIn(context.getEnvironment());
        if (!changed.isEmpty()) {
            throw new BuildTimePropertiesChangedException(changed);
        }
    }
}
