package io.mediagate.gateway.policy;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.netty.util.internal.ThreadExecutorMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The timers of a call's deadline and attempt bounds: armed on the Netty event loop that runs the call when there is
 * one, else on Reactor's parallel scheduler. Reactor's default timer is a separate thread, and arming a timer when
 * its queue is empty wakes that thread, once per uncached read at moderate load (~0.7 wake-ups per request measured
 * at half load), a context switch on the core the event loop is serving on. The loop's own timer queue is read
 * by the loop between its I/O rounds: arming and cancelling there wakes nobody.
 */
final class LoopTimers implements Scheduler {
    static final LoopTimers INSTANCE = new LoopTimers(Schedulers.parallel());

    private final Scheduler elsewhere;

    LoopTimers(Scheduler elsewhere) {
        this.elsewhere = elsewhere;
    }

    @Override
    public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
        // Netty keeps no other public record of the loop running the current thread
        EventExecutor loop = ThreadExecutorMap.currentExecutor();
        if (loop == null || !loop.inEventLoop() || loop.isShuttingDown()) {
            return elsewhere.schedule(task, delay, unit);
        }
        try {
            ScheduledFuture<?> timer = loop.schedule(task, delay, unit);
            return new Armed(timer);
        } catch (RejectedExecutionException closing) {
            return elsewhere.schedule(task, delay, unit);
        }
    }

    @Override
    public Disposable schedule(Runnable task) {
        return elsewhere.schedule(task);
    }

    @Override
    public Worker createWorker() {
        return elsewhere.createWorker();
    }

    /** A timer on the loop; cancelling it from the loop removes it there and then. */
    private record Armed(ScheduledFuture<?> timer) implements Disposable {
        @Override
        public void dispose() {
            timer.cancel(false);
        }

        @Override
        public boolean isDisposed() {
            return timer.isDone();
        }
    }
}
