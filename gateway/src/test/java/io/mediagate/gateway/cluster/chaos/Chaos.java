package io.mediagate.gateway.cluster.chaos;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;

/** Small helpers of the chaos suite. */
final class Chaos {
    private Chaos() {}

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    /** Sends a POSIX signal with the system's {@code kill}: Java itself can only send TERM and KILL. */
    static void signal(String signal, long pid) {
        try {
            int rc = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                    .inheritIO()
                    .start()
                    .waitFor();
            if (rc != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " exited " + rc);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kill", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether this machine can run the suite: a POSIX {@code kill} that can signal our own process. */
    static boolean canSignal() {
        try {
            return new ProcessBuilder(
                                    "kill",
                                    "-0",
                                    Long.toString(ProcessHandle.current().pid()))
                            .start()
                            .waitFor()
                    == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The most entries of {@code sortedMillis} inside any window of {@code windowMillis}. */
    static int maxInAnyWindow(List<Long> sortedMillis, long windowMillis) {
        int best = 0;
        int from = 0;
        for (int to = 0; to < sortedMillis.size(); to++) {
            while (sortedMillis.get(to) - sortedMillis.get(from) >= windowMillis) {
                from++;
            }
            best = Math.max(best, to - from + 1);
        }
        return best;
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
