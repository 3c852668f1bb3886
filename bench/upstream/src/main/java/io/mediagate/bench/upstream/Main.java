package io.mediagate.bench.upstream;

import java.util.Arrays;

/**
 * {@code java -jar bench-upstream.jar [serve] --port N --latency-ms N ...}, {@code ... probe --url ...} or
 * {@code ... floor --stack netty|webflux --port N --upstream URL}.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("probe")) {
            QuotaProbe.main(Arrays.copyOfRange(args, 1, args.length));
        } else if (args.length > 0 && args[0].equals("floor")) {
            FrameworkFloor.main(Arrays.copyOfRange(args, 1, args.length));
        } else if (args.length > 0 && args[0].equals("serve")) {
            FastUpstream.main(Arrays.copyOfRange(args, 1, args.length));
        } else {
            FastUpstream.main(args);
        }
    }

    /** The value after {@code --name}, or the default. */
    static String arg(String[] args, String name, String def) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--" + name)) {
                return args[i + 1];
            }
        }
        return def;
    }
}
