package io.mediagate.gateway.policy.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * The ordering of a contended connection's tokens, on a virtual clock: one token every 100 ms from a bucket that
 * reserves in order (as the real ones do), calls of several classes waiting for them.
 */
class ClassGateTest {
    private static final long TOKEN = TimeUnit.MILLISECONDS.toNanos(100);
    private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();
    private final PacedBucket bucket = new PacedBucket();
    private final List<Outcome> outcomes = new ArrayList<>();

    private record Outcome(String name, PriorityClass priority, long atMillis, boolean refused, long retryMillis) {}

    private ClassGate gate(boolean byClass, int floor) {
        return new ClassGate(
                bucket,
                true,
                clock,
                this::now,
                Duration.ofSeconds(10).toNanos(),
                byClass,
                Map.of(PriorityClass.BATCH, floor, PriorityClass.BACKGROUND, floor));
    }

    private long now() {
        return clock.now(TimeUnit.NANOSECONDS);
    }

    /** One call of {@code priority} asking now, willing to wait {@code budgetMillis}. */
    private void ask(ClassGate gate, String name, PriorityClass priority, long budgetMillis) {
        long deadline = now() + TimeUnit.MILLISECONDS.toNanos(budgetMillis);
        bucket.reserve()
                .flatMap(r -> gate.await("c", new QuotaTicket(name, priority), r, deadline, 0))
                .subscribe(
                        waited -> outcomes.add(new Outcome(name, priority, millis(), false, 0)),
                        e -> outcomes.add(new Outcome(
                                name,
                                priority,
                                millis(),
                                true,
                                ((QuotaExceededException) e).retryAfter().toMillis())));
    }

    private long millis() {
        return clock.now(TimeUnit.MILLISECONDS);
    }

    private List<String> granted() {
        return outcomes.stream().filter(o -> !o.refused).map(Outcome::name).toList();
    }

    @Test
    void oneClassIsFirstComeFirstServedAtEachReservationsOwnTime() {
        ClassGate gate = gate(true, 10);
        for (int i = 0; i < 5; i++) {
            ask(gate, "b" + i, PriorityClass.BATCH, 2_000);
        }
        clock.advanceTimeBy(Duration.ofSeconds(1));
        assertThat(granted()).containsExactly("b0", "b1", "b2", "b3", "b4");
        assertThat(outcomes).extracting(Outcome::atMillis).containsExactly(0L, 100L, 200L, 300L, 400L);
    }

    @Test
    void theNextTokenGoesToTheHighestWaitingClass() {
        ClassGate gate = gate(true, 0);
        for (int i = 0; i < 10; i++) {
            ask(gate, "batch" + i, PriorityClass.BATCH, 2_000);
        }
        ask(gate, "bg", PriorityClass.BACKGROUND, 2_000);
        clock.advanceTimeBy(Duration.ofMillis(250));
        // batch0 went at once, batch1 and batch2 at 100 and 200 ms; now an interactive call comes
        ask(gate, "editor", PriorityClass.INTERACTIVE, 2_000);
        clock.advanceTimeBy(Duration.ofSeconds(3));
        assertThat(granted().subList(0, 4)).containsExactly("batch0", "batch1", "batch2", "editor");
        assertThat(outcomes.stream()
                        .filter(o -> o.name.equals("editor"))
                        .findFirst()
                        .orElseThrow()
                        .atMillis)
                .as("the editor waited only for the next token")
                .isEqualTo(300L);
        assertThat(granted().get(granted().size() - 1))
                .as("background goes last")
                .isEqualTo("bg");
    }

    @Test
    void anInteractiveCallIsNotRefusedBecauseLowerClassesQueuedBeforeIt() {
        ClassGate gate = gate(true, 10);
        // 2 s of batch demand fills the whole wait budget...
        for (int i = 0; i < 20; i++) {
            ask(gate, "batch" + i, PriorityClass.BATCH, 2_000);
        }
        // ...which refuses a 21st batch call at once, with its real wait
        ask(gate, "batch20", PriorityClass.BATCH, 1_000);
        assertThat(outcomes.stream().filter(o -> o.refused)).singleElement().satisfies(o -> {
            assertThat(o.refused).isTrue();
            assertThat(o.retryMillis).isEqualTo(2_000L);
        });
        ask(gate, "editor", PriorityClass.INTERACTIVE, 500);
        clock.advanceTimeBy(Duration.ofSeconds(5));
        Outcome editor = outcomes.stream()
                .filter(o -> o.name.equals("editor"))
                .findFirst()
                .orElseThrow();
        assertThat(editor.refused).isFalse();
        assertThat(editor.atMillis).isEqualTo(100L);
    }

    @Test
    void aDisplacedLowerClassCallIsRefusedAtItsDeadlineNeverLater() {
        ClassGate gate = gate(true, 0);
        ask(gate, "batch", PriorityClass.BATCH, 300); // its own token would come at once
        ask(gate, "later", PriorityClass.BATCH, 300); // ...this one's at 100 ms
        for (int i = 0; i < 5; i++) {
            ask(gate, "editor" + i, PriorityClass.INTERACTIVE, 2_000);
        }
        clock.advanceTimeBy(Duration.ofSeconds(2));
        Outcome later = outcomes.stream()
                .filter(o -> o.name.equals("later"))
                .findFirst()
                .orElseThrow();
        assertThat(later.refused)
                .as("pushed back behind five interactive calls")
                .isTrue();
        assertThat(later.atMillis).as("refused at its deadline").isEqualTo(300L);
        assertThat(granted()).containsExactly("batch", "editor0", "editor1", "editor2", "editor3", "editor4");
        assertThat(bucket.givenBack)
                .as("the refused call's token went back to the bucket")
                .isEqualTo(1);
    }

    @Test
    void aLowerClassGetsItsFloorWhileHigherClassesWait() {
        ClassGate gate = gate(true, 10);
        // both classes always have calls waiting: 200 tokens, 20 s
        for (int i = 0; i < 200; i++) {
            ask(gate, "i" + i, PriorityClass.INTERACTIVE, 60_000);
            ask(gate, "b" + i, PriorityClass.BATCH, 60_000);
        }
        clock.advanceTimeBy(Duration.ofMillis(19_950));
        List<Outcome> first200 =
                outcomes.stream().filter(o -> !o.refused).limit(200).toList();
        long batch =
                first200.stream().filter(o -> o.priority == PriorityClass.BATCH).count();
        // i0 took the idle bucket's token at once; then batch gets every token that keeps it at its 10% of the
        // last 50, so each run of 50 tokens holds 5 batch ones, and batch never gets more than it is owed
        assertThat(batch).as("batch tokens among the first 200").isBetween(19L, 20L);
        for (int from = 0; from + 50 <= 200; from++) {
            long inWindow = first200.subList(from, from + 50).stream()
                    .filter(o -> o.priority == PriorityClass.BATCH)
                    .count();
            assertThat(inWindow).as("batch tokens in window from %d", from).isGreaterThanOrEqualTo(5);
        }
    }

    @Test
    void withoutFloorsALowerClassWaitsForEveryHigherCall() {
        ClassGate gate = gate(true, 0);
        ask(gate, "i0", PriorityClass.INTERACTIVE, 60_000);
        for (int i = 1; i <= 30; i++) {
            ask(gate, "b" + i, PriorityClass.BATCH, 60_000);
            ask(gate, "i" + i, PriorityClass.INTERACTIVE, 60_000);
        }
        clock.advanceTimeBy(Duration.ofSeconds(10));
        assertThat(granted().subList(0, 31)).allMatch(n -> n.startsWith("i"));
    }

    @Test
    void withPrioritiesOffEveryClassIsServedInArrivalOrder() {
        ClassGate gate = gate(false, 10);
        ask(gate, "b0", PriorityClass.BATCH, 2_000);
        ask(gate, "b1", PriorityClass.BACKGROUND, 2_000);
        ask(gate, "i0", PriorityClass.INTERACTIVE, 2_000);
        clock.advanceTimeBy(Duration.ofSeconds(1));
        assertThat(granted()).containsExactly("b0", "b1", "i0");
    }

    @Test
    void aCancelledWaiterLeavesAndItsTokenGoesToTheNext() {
        ClassGate gate = gate(true, 10);
        ask(gate, "first", PriorityClass.BATCH, 2_000);
        long deadline = now() + TimeUnit.SECONDS.toNanos(2);
        var gone = bucket.reserve()
                .flatMap(r -> gate.await("c", new QuotaTicket("gone", PriorityClass.BATCH), r, deadline, 0))
                .subscribe();
        ask(gate, "third", PriorityClass.BATCH, 2_000);
        gone.dispose();
        clock.advanceTimeBy(Duration.ofSeconds(1));
        assertThat(granted()).containsExactly("first", "third");
        assertThat(outcomes.get(1).atMillis)
                .as("third got the token due at 100 ms")
                .isEqualTo(100L);
    }

    @Test
    void aClientOverItsShareWaitsUntilItsOldestTokenLeavesThePeriod() {
        ClassGate gate = gate(true, 10);
        ask(gate, "reporting", PriorityClass.BATCH, 2_000);
        clock.advanceTimeBy(Duration.ofSeconds(1));
        ask(gate, "reporting", PriorityClass.BATCH, 2_000);
        assertThat(gate.shareWait("reporting", 3)).isZero();
        assertThat(gate.shareWait("reporting", 2))
                .as("one waiting call counts too")
                .isEqualTo(TimeUnit.SECONDS.toNanos(9));
        assertThat(gate.shareWait("editor", 1)).isZero();
        QuotaUse use = gate.snapshot();
        assertThat(use.usedByClient()).containsEntry("reporting", 2);
        assertThat(use.usedByClass()).containsEntry(PriorityClass.BATCH, 2);
    }

    /** A bucket of one token every 100 ms that reserves in order and takes tokens back, like the real ones. */
    private final class PacedBucket implements TokenBucket {
        long next;
        int givenBack;

        @Override
        public Mono<Reservation> reserve() {
            return Mono.fromSupplier(() -> {
                long at = Math.max(now(), next);
                next = at + TOKEN;
                return new Reservation(at - now(), false);
            });
        }

        @Override
        public void giveBack(Reservation reservation) {
            next -= TOKEN;
            givenBack++;
        }

        @Override
        public Mono<Long> available() {
            return Mono.just(next <= now() ? 1L : -((next - now()) / TOKEN));
        }

        @Override
        public Mono<Void> drain(long debt) {
            return Mono.empty();
        }
    }
}
