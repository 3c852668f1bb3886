package io.mediagate.gateway.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Adapters translate; the gateway owns retry, delay, caching and rate limiting. These rules keep policy out of
 * every adapter on the gateway's class path, and vendor wire formats out of the gateway.
 */
class PolicyStaysCentralTest {
    private static JavaClasses adapters;
    private static JavaClasses gateway;

    @BeforeAll
    static void importClasses() {
        ClassFileImporter importer =
                new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS);
        adapters = importer.importPackages("io.mediagate.adapters");
        gateway = importer.importPackages("io.mediagate.gateway");
    }

    /** A rule over a package that matches nothing proves nothing: every vendor's classes must be imported. */
    @Test
    void rulesSeeEveryAdapterAndTheGateway() {
        assertThat(adapters.stream()
                        .map(c -> c.getPackageName().split("\\.")[3])
                        .distinct())
                .contains("cincopa", "cognitive3d", "parone", "streamone");
        assertThat(gateway.containPackage("io.mediagate.gateway.policy")).isTrue();
    }

    @Test
    void adaptersUseNoPolicyLibraries() {
        ArchRule rule = noClasses()
                .that()
                .resideInAPackage("io.mediagate.adapters..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.github.resilience4j..",
                        "com.github.benmanes.caffeine..",
                        "io.github.bucket4j..",
                        "reactor.util.retry..",
                        "org.springframework.cache..",
                        "org.springframework.retry..")
                .because("retry, caching and rate limiting are central policies of the gateway");
        rule.allowEmptyShould(false).check(adapters);
    }

    @Test
    void adaptersNeverDelayRetryOrTimeOut() {
        ArchRule rule = noClasses()
                .that()
                .resideInAPackage("io.mediagate.adapters..")
                .should()
                .callMethodWhere(DescribedPredicate.describe("Reactor retry/delay/timeout or Thread.sleep", call -> {
                    String owner = call.getTargetOwner().getName();
                    String name = call.getName();
                    boolean reactor =
                            owner.equals("reactor.core.publisher.Mono") || owner.equals("reactor.core.publisher.Flux");
                    return reactor
                                    && (name.startsWith("retry")
                                            || name.startsWith("delay")
                                            || name.equals("timeout")
                                            || name.equals("repeatWhen"))
                            || owner.equals("java.lang.Thread") && name.equals("sleep");
                }))
                .because("backoff and deadlines are applied once, in the gateway's PolicyChain");
        rule.allowEmptyShould(false).check(adapters);
    }

    @Test
    void gatewayKnowsNoVendorWireFormat() {
        ArchRule rule = noClasses()
                .that()
                .resideInAPackage("io.mediagate.gateway..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.mediagate.adapters..")
                .because("the gateway reaches adapters only through the provider SPI");
        rule.allowEmptyShould(false).check(gateway);
    }
}
