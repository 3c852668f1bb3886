package io.mediagate.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultEventLoop;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

class LoopTimersTest {
    private final DefaultEventLoop loop = new DefaultEventLoop();
    private final Scheduler elsewhere = Schedulers.newSingle("elsewhere");
    private final LoopTimers timers = new LoopTimers(elsewhere);

    @AfterEach
    void stop() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        elsewhere.dispose();
    }

    @Test
    void aTimerArmedOnAnEventLoopFiresOnThatLoopWithoutAnotherThread() throws Exception {
        Thread loopThread = loop.submit(Thread::currentThread).get(5, TimeUnit.SECONDS);
        CompletableFuture<Thread> firedOn = new CompletableFuture<>();

        loop.execute(() -> timers.schedule(() -> firedOn.complete(Thread.currentThread()), 20, TimeUnit.MILLISECONDS));

        assertThat(firedOn.get(5, TimeUnit.SECONDS)).isSameAs(loopThread);
    }

    @Test
    void aTimerArmedOffAnyLoopFiresOnTheFallbackScheduler() throws Exception {
        CompletableFuture<String> firedOn = new CompletableFuture<>();

        timers.schedule(() -> firedOn.complete(Thread.currentThread().getName()), 20, TimeUnit.MILLISECONDS);

        assertThat(firedOn.get(5, TimeUnit.SECONDS)).startsWith("elsewhere");
    }

    @Test
    void aDisposedLoopTimerNeverFires() throws Exception {
        CountDownLatch fired = new CountDownLatch(1);
        AtomicReference<Disposable> timer = new AtomicReference<>();
        loop.submit(() -> timer.set(timers.schedule(fired::countDown, 50, TimeUnit.MILLISECONDS)))
                .get(5, TimeUnit.SECONDS);

        loop.submit(() -> timer.get().dispose()).get(5, TimeUnit.SECONDS);

        assertThat(fired.await(300, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(timer.get().isDisposed()).isTrue();
    }

    @Test
    void aTimeoutOnTheLoopStillEndsACallThatNeverAnswers() throws Exception {
        CompletableFuture<Throwable> ended = new CompletableFuture<>();

        loop.execute(() -> Mono.never().timeout(Duration.ofMillis(30), timers).subscribe(v -> {}, ended::complete));

        assertThat(ended.get(5, TimeUnit.SECONDS)).isInstanceOf(TimeoutException.class);
    }
}
