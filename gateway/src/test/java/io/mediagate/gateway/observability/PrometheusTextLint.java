package io.mediagate.gateway.observability;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format (0.0.4) that reports what {@code promtool check
 * metrics} reports, and the format errors a scrape would fail on: HELP and TYPE present (HELP non-empty) before a
 * family's samples, metric and label name rules, snake_case names and labels, {@code _total} on counters and only
 * there, base units, histograms with cumulative {@code le} buckets ending in {@code +Inf} whose count matches
 * {@code _count}, a {@code _sum}, and no duplicate series. Problems are reported per family as
 * {@code "<family>: <problem>"}.
 */
final class PrometheusTextLint {
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern CAMEL = Pattern.compile("[a-z0-9][A-Z]");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");
    // promlint: "use base unit X instead of Y"
    private static final Map<String, String> NON_BASE_UNITS = Map.ofEntries(
            Map.entry("milliseconds", "seconds"),
            Map.entry("microseconds", "seconds"),
            Map.entry("nanoseconds", "seconds"),
            Map.entry("minutes", "seconds"),
            Map.entry("hours", "seconds"),
            Map.entry("days", "seconds"),
            Map.entry("kilobytes", "bytes"),
            Map.entry("megabytes", "bytes"),
            Map.entry("gigabytes", "bytes"),
            Map.entry("kilograms", "grams"),
            Map.entry("millis", "seconds"));

    // promlint: "metric names should not contain abbreviated units"
    private static final Set<String> ABBREVIATED_UNITS =
            Set.of("s", "ms", "us", "ns", "sec", "b", "kb", "mb", "gb", "tb", "pb", "m", "h", "d");

    /** One parsed sample. */
    record Sample(String name, Map<String, String> labels, double value) {}

    /** One metric family: its HELP, TYPE and samples. */
    static final class Family {
        final String name;
        String help;
        String type;
        final List<Sample> samples = new ArrayList<>();

        Family(String name) {
            this.name = name;
        }
    }

    private final Map<String, Family> families = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    private PrometheusTextLint() {}

    static PrometheusTextLint parse(String text) {
        PrometheusTextLint lint = new PrometheusTextLint();
        lint.read(text);
        lint.check();
        return lint;
    }

    List<String> problems() {
        return problems;
    }

    Map<String, Family> families() {
        return families;
    }

    List<Sample> samples(String name) {
        List<Sample> out = new ArrayList<>();
        families.values()
                .forEach(f ->
                        f.samples.stream().filter(s -> s.name().equals(name)).forEach(out::add));
        return out;
    }

    private void read(String text) {
        Set<String> closed = new HashSet<>();
        Family current = null;
        Set<String> series = new HashSet<>();
        int lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                String[] parts = line.split(" ", 4);
                if (parts.length >= 3 && (parts[1].equals("HELP") || parts[1].equals("TYPE"))) {
                    String name = parts[2];
                    if (!METRIC_NAME.matcher(name).matches()) {
                        problems.add(name + ": invalid metric name (line " + lineNo + ")");
                    }
                    Family f = families.get(name);
                    if (f == null) {
                        if (closed.contains(name)) {
                            problems.add(name + ": family appears twice, not contiguous (line " + lineNo + ")");
                        }
                        f = new Family(name);
                        families.put(name, f);
                    } else if (f != current) {
                        problems.add(name + ": family appears twice, not contiguous (line " + lineNo + ")");
                    }
                    if (current != null && current != f) {
                        closed.add(current.name);
                    }
                    current = f;
                    String rest = parts.length == 4 ? parts[3] : "";
                    if (parts[1].equals("HELP")) {
                        if (f.help != null) {
                            problems.add(name + ": second HELP line");
                        }
                        if (!f.samples.isEmpty()) {
                            problems.add(name + ": HELP after samples");
                        }
                        f.help = rest;
                    } else {
                        if (f.type != null) {
                            problems.add(name + ": second TYPE line");
                        }
                        if (!f.samples.isEmpty()) {
                            problems.add(name + ": TYPE after samples");
                        }
                        if (!TYPES.contains(rest)) {
                            problems.add(name + ": unknown type '" + rest + "'");
                        }
                        f.type = rest;
                    }
                }
                continue;
            }
            Sample s;
            try {
                s = sample(line);
            } catch (IllegalArgumentException e) {
                problems.add("line " + lineNo + ": " + e.getMessage() + ": " + line);
                continue;
            }
            Family f = current != null && belongs(s.name(), current) ? current : null;
            if (f == null) {
                problems.add(s.name() + ": sample without HELP/TYPE of its family (line " + lineNo + ")");
                f = families.computeIfAbsent(s.name(), Family::new);
                current = f;
            }
            f.samples.add(s);
            if (!series.add(s.name() + new TreeMap<>(s.labels()))) {
                problems.add(f.name + ": duplicate series " + s.name() + s.labels());
            }
        }
    }

    private static boolean belongs(String sample, Family f) {
        if (sample.equals(f.name)) {
            return true;
        }
        if ("histogram".equals(f.type)) {
            return sample.equals(f.name + "_bucket")
                    || sample.equals(f.name + "_sum")
                    || sample.equals(f.name + "_count");
        }
        if ("summary".equals(f.type)) {
            return sample.equals(f.name + "_sum") || sample.equals(f.name + "_count");
        }
        return false;
    }

    private static final Pattern SAMPLE = Pattern.compile("([^{\\s]+)(\\{(.*)})?\\s+(\\S+)(\\s+-?\\d+)?");

    static Sample sample(String line) {
        Matcher m = SAMPLE.matcher(line);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a sample line");
        }
        String name = m.group(1);
        if (!METRIC_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid metric name " + name);
        }
        Map<String, String> labels = m.group(3) == null ? Map.of() : labels(m.group(3));
        return new Sample(name, labels, value(m.group(4)));
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        int i = 0;
        while (i < text.length()) {
            int eq = text.indexOf('=', i);
            if (eq < 0) {
                throw new IllegalArgumentException("label without value");
            }
            String name = text.substring(i, eq);
            if (!LABEL_NAME.matcher(name).matches() || name.startsWith("__")) {
                throw new IllegalArgumentException("invalid label name '" + name + "'");
            }
            if (eq + 1 >= text.length() || text.charAt(eq + 1) != '"') {
                throw new IllegalArgumentException("label value not quoted");
            }
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            for (; j < text.length() && text.charAt(j) != '"'; j++) {
                char ch = text.charAt(j);
                if (ch == '\\') {
                    char next = j + 1 < text.length() ? text.charAt(++j) : 0;
                    switch (next) {
                        case 'n' -> value.append('\n');
                        case '\\' -> value.append('\\');
                        case '"' -> value.append('"');
                        default -> throw new IllegalArgumentException("bad escape in label value");
                    }
                } else if (ch == '\n') {
                    throw new IllegalArgumentException("raw newline in label value");
                } else {
                    value.append(ch);
                }
            }
            if (j >= text.length()) {
                throw new IllegalArgumentException("unterminated label value");
            }
            if (labels.put(name, value.toString()) != null) {
                throw new IllegalArgumentException("label " + name + " given twice");
            }
            i = j + 1;
            if (i < text.length()) {
                if (text.charAt(i) != ',') {
                    throw new IllegalArgumentException("labels not separated by ','");
                }
                i++;
            }
        }
        return labels;
    }

    private static double value(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("value is not a float");
                }
            }
        };
    }

    private void check() {
        for (Family f : families.values()) {
            String n = f.name;
            if (f.help == null) {
                problems.add(n + ": no HELP line");
            } else if (f.help.isBlank()) {
                problems.add(n + ": no help text");
            }
            if (f.type == null) {
                problems.add(n + ": no TYPE line");
                continue;
            }
            if (CAMEL.matcher(n).find()) {
                problems.add(n + ": metric names should be written in 'snake_case' not 'camelCase'");
            }
            for (String segment : n.split("_")) {
                if (ABBREVIATED_UNITS.contains(segment)) {
                    problems.add(n + ": metric names should not contain abbreviated units");
                }
                String base = NON_BASE_UNITS.get(segment);
                if (base != null) {
                    problems.add(n + ": use base unit \"" + base + "\" instead of \"" + segment + "\"");
                }
            }
            if (f.type.equals("counter") && !n.endsWith("_total")) {
                problems.add(n + ": counter metrics should have \"_total\" suffix");
            }
            if (!f.type.equals("counter") && n.endsWith("_total")) {
                problems.add(n + ": non-counter metrics should not have \"_total\" suffix");
            }
            if (!f.type.equals("histogram") && n.endsWith("_bucket")) {
                problems.add(n + ": non-histogram metrics should not have \"_bucket\" suffix");
            }
            if (!f.type.equals("histogram")
                    && !f.type.equals("summary")
                    && (n.endsWith("_count") || n.endsWith("_sum"))) {
                problems.add(n + ": non-histogram and non-summary metrics should not have \"_count\"/\"_sum\" suffix");
            }
            for (Sample s : f.samples) {
                for (String label : s.labels().keySet()) {
                    if (CAMEL.matcher(label).find()) {
                        problems.add(
                                n + ": label names should be written in 'snake_case' not 'camelCase' (" + label + ")");
                    }
                }
                if (f.type.equals("counter") && (s.value() < 0 || Double.isNaN(s.value()))) {
                    problems.add(n + ": counter with a negative or NaN value " + s.labels());
                }
            }
            if (f.type.equals("histogram")) {
                checkHistogram(f);
            }
        }
    }

    /** Per series (labels without {@code le}): cumulative buckets ending in +Inf, a _count equal to it, a _sum. */
    private void checkHistogram(Family f) {
        Map<Map<String, String>, TreeMap<Double, Double>> buckets = new LinkedHashMap<>();
        Map<Map<String, String>, Double> counts = new LinkedHashMap<>();
        Set<Map<String, String>> sums = new HashSet<>();
        for (Sample s : f.samples) {
            Map<String, String> key = new TreeMap<>(s.labels());
            if (s.name().equals(f.name + "_bucket")) {
                String le = key.remove("le");
                if (le == null) {
                    problems.add(f.name + ": bucket without le " + s.labels());
                    continue;
                }
                buckets.computeIfAbsent(key, k -> new TreeMap<>()).put(value(le), s.value());
            } else if (s.name().equals(f.name + "_count")) {
                counts.put(key, s.value());
            } else if (s.name().equals(f.name + "_sum")) {
                sums.add(key);
            } else {
                problems.add(f.name + ": unexpected sample " + s.name() + " in a histogram");
            }
        }
        if (buckets.isEmpty()) {
            problems.add(f.name + ": histogram without buckets");
        }
        for (Map.Entry<Map<String, String>, TreeMap<Double, Double>> e : buckets.entrySet()) {
            TreeMap<Double, Double> b = e.getValue();
            if (!b.containsKey(Double.POSITIVE_INFINITY)) {
                problems.add(f.name + ": no le=\"+Inf\" bucket " + e.getKey());
                continue;
            }
            double previous = 0;
            for (double v : b.values()) {
                if (v < previous) {
                    problems.add(f.name + ": buckets are not cumulative " + e.getKey());
                }
                previous = v;
            }
            Double count = counts.get(e.getKey());
            if (count == null) {
                problems.add(f.name + ": no _count " + e.getKey());
            } else if (count.doubleValue() != b.get(Double.POSITIVE_INFINITY).doubleValue()) {
                problems.add(f.name + ": _count differs from the +Inf bucket " + e.getKey());
            }
            if (!sums.contains(e.getKey())) {
                problems.add(f.name + ": no _sum " + e.getKey());
            }
        }
    }
}
