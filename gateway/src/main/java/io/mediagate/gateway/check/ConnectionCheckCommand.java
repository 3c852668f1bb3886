package io.mediagate.gateway.check;

import io.mediagate.gateway.connection.Connection;
import io.mediagate.gateway.connection.ConnectionRegistry;
import io.mediagate.gateway.policy.quota.QuotaExceededException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;

/**
 * The command-line mode {@code --check=<connection>} (with {@code --check-writes} for the write probes): runs the
 * connection check once, prints its table on standard output and sets the exit code (0 passed, 1 a probe was
 * refuted or the credentials failed, 2 the check could not run). {@link io.mediagate.gateway.MediagateApplication}
 * then exits.
 */
@Component
public class ConnectionCheckCommand implements ApplicationRunner, ExitCodeGenerator {
    static final String OPTION = "check";
    private static final Duration LIMIT = Duration.ofMinutes(5);
    private final ConnectionRegistry registry;
    private final ConnectionCheck check;
    private PrintStream out = System.out;
    private volatile int exitCode;

    public ConnectionCheckCommand(ConnectionRegistry registry, ConnectionCheck check) {
        this.registry = registry;
        this.check = check;
    }

    /** Whether the arguments ask for the check mode. */
    public static boolean requested(String... args) {
        return List.of(args).stream().anyMatch(a -> a.startsWith("--" + OPTION + "="));
    }

    void output(PrintStream stream) {
        this.out = stream;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!args.containsOption(OPTION)) {
            return;
        }
        exitCode = check(args.getOptionValues(OPTION).get(0), args.containsOption("check-writes"));
    }

    int check(String connectionId, boolean writes) {
        Connection c = registry.find(connectionId).orElse(null);
        if (c == null) {
            out.println("no connection named " + connectionId + " (configured: "
                    + String.join(
                            ", ", registry.all().stream().map(Connection::id).toList()) + ")");
            return 2;
        }
        out.println("checking " + c.id() + ": at most " + check.cost(c, writes) + " vendor calls");
        try {
            CheckReport report = check.run(c, writes).block(LIMIT);
            out.print(CheckReportTable.render(report));
            return report.passed() ? 0 : 1;
        } catch (QuotaExceededException e) {
            out.println("the connection's quota cannot afford the check now; retry in "
                    + Math.max(1, e.retryAfter().toSeconds()) + " s");
            return 2;
        }
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
