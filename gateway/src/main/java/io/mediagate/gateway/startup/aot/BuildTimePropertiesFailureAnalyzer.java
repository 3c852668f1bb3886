package io.mediagate.gateway.startup.aot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says which settings conflict with the image's ahead-of-time build, and the two ways out. */
public class BuildTimePropertiesFailureAnalyzer extends AbstractFailureAnalyzer<BuildTimePropertiesChangedException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BuildTimePropertiesChangedException cause) {
        return new FailureAnalysis(
                "The image starts with code Spring AOT generated at build time, and these settings decided what it"
                        + " contains: " + String.join("; ", cause.keys()) + ".",
                "Start without the generated code (-Dspring.aot.enabled=false; the chart's"
                        + " gateway.jvm.springAot: false), which makes the start about 40 % longer, or build the image"
                        + " with these settings (README, \"Settings fixed when the jar is built\").",
                cause);
    }
}
