package io.mediagate.gateway.check;

import io.mediagate.contracts.spi.Capability;
import io.mediagate.contracts.spi.probe.ProbeContext;
import io.mediagate.contracts.spi.probe.ProbeResult;
import io.mediagate.contracts.spi.probe.ProbeResult.Verdict;
import io.mediagate.contracts.spi.probe.WireProbe;
import io.mediagate.gateway.connection.Connection;
import io.mediagate.gateway.logging.SecretMasker;
import io.mediagate.gateway.policy.Operation;
import io.mediagate.gateway.policy.PolicyChain;
import io.mediagate.gateway.policy.quota.OutboundQuota;
import io.mediagate.gateway.policy.quota.QuotaExceededException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs a connection's probes against its real vendor, one after the other, each through the policy pipeline like
 * any call (quota, circuit breaker, metrics; never retried). The cost is stated up front: one vendor call per
 * probe that runs, and the check is refused with 429 unless the quota can afford all of them now.
 */
@Component
public class ConnectionCheck {
    private final PolicyChain policy;
    private final OutboundQuota quota;

    public ConnectionCheck(PolicyChain policy, OutboundQuota quota) {
        this.policy = policy;
        this.quota = quota;
    }

    /** The probes a check of {@code c} runs, in order; write probes only when {@code writes}. */
    public List<WireProbe> plan(Connection c, boolean writes) {
        List<WireProbe> all = new ArrayList<>(StandardProbes.of(c.provider()));
        all.addAll(c.provider().wireProbes());
        return writes ? all : all.stream().filter(p -> !p.writes()).toList();
    }

    /** The most vendor calls a check of {@code c} makes. */
    public int cost(Connection c, boolean writes) {
        return plan(c, writes).size();
    }

    /** Checks {@code c}; fails with {@link QuotaExceededException} (429) when the quota cannot afford the check. */
    public Mono<CheckReport> run(Connection c, boolean writes) {
        List<WireProbe> all = plan(c, true);
        List<WireProbe> planned =
                writes ? all : all.stream().filter(p -> !p.writes()).toList();
        List<WireProbe> skippedWrites =
                writes ? List.of() : all.stream().filter(WireProbe::writes).toList();
        ProbeContext context = new ProbeContext();
        return quota.affords(c, planned.size())
                .thenMany(Flux.fromIterable(planned).concatMap(p -> probe(c, p, context)))
                .concatWith(Flux.fromIterable(skippedWrites)
                        .map(p -> report(
                                p,
                                ProbeResult.skipped(
                                        "a write probe; run the check with writes=true to try it on a scratch "
                                                + "video the check creates and deletes"))))
                .collectList()
                .map(probes -> new CheckReport(
                        c.id(), c.vendor(), writes, planned.size(), probes, summary(c, probes), passed(probes)));
    }

    private Mono<CheckReport.Probe> probe(Connection c, WireProbe p, ProbeContext context) {
        return policy.call(
                        c,
                        Operation.CHECK,
                        false,
                        provider -> Mono.defer(() -> p.run().apply(context)))
                .onErrorResume(e -> Mono.just(failed(p, e)))
                .map(result -> report(p, result));
    }

    /** A probe whose call failed: the quota running dry mid-check teaches nothing about the vendor. */
    private static ProbeResult failed(WireProbe p, Throwable e) {
        return e instanceof QuotaExceededException
                ? ProbeResult.skipped("the connection's quota had no token left for this probe")
                : ProbeResult.ofFailure(e);
    }

    private static CheckReport.Probe report(WireProbe p, ProbeResult r) {
        // a probe's detail is built from statuses and shapes; masking is the belt to those braces
        return new CheckReport.Probe(
                p.name(),
                p.guessedCall() == null ? null : SecretMasker.mask(p.guessedCall()),
                p.capability() == null ? null : p.capability().wireName(),
                r.verdict().wireName(),
                SecretMasker.mask(r.detail()),
                r.fields().isEmpty() ? null : r.fields());
    }

    private static CheckReport.Summary summary(Connection c, List<CheckReport.Probe> probes) {
        Set<Capability> unverified = EnumSet.noneOf(Capability.class);
        unverified.addAll(c.provider().capabilities().unverified());
        // every probe is reported, skipped write probes included: the capabilities they vouch for count too
        probes.stream()
                .map(CheckReport.Probe::capability)
                .filter(x -> x != null)
                .forEach(name -> unverified.add(Capability.valueOf(name.toUpperCase(Locale.ROOT))));
        Set<String> trusted = new TreeSet<>();
        Set<String> refuted = new TreeSet<>();
        Set<String> unsettled = new TreeSet<>();
        for (Capability cap : unverified) {
            String name = cap.wireName();
            List<String> verdicts = probes.stream()
                    .filter(p -> name.equals(p.capability()))
                    .map(CheckReport.Probe::verdict)
                    .toList();
            if (verdicts.contains(Verdict.REFUTED.wireName())) {
                refuted.add(name);
            } else if (verdicts.contains(Verdict.CONFIRMED.wireName())
                    && !verdicts.contains(Verdict.SKIPPED.wireName())) {
                trusted.add(name);
            } else {
                unsettled.add(name);
            }
        }
        return new CheckReport.Summary(List.copyOf(trusted), List.copyOf(refuted), List.copyOf(unsettled));
    }

    /**
     * Passed: the credentials hold, and no standard probe and no probe vouching for an operation was refuted. A
     * refuted guess about an optional field (capability null) degrades only, so it is reported but does not fail.
     */
    private static boolean passed(List<CheckReport.Probe> probes) {
        return probes.stream()
                        .noneMatch(p -> Verdict.REFUTED.wireName().equals(p.verdict())
                                && (p.guessedCall() == null || p.capability() != null))
                && probes.stream()
                        .anyMatch(p -> "credentials".equals(p.name())
                                && Verdict.CONFIRMED.wireName().equals(p.verdict()));
    }
}
