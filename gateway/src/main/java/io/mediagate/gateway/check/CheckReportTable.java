package io.mediagate.gateway.check;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A check report as a plain-text table, for the command line. */
final class CheckReportTable {
    private CheckReportTable() {}

    static String render(CheckReport r) {
        StringBuilder out = new StringBuilder();
        out.append("connection check of ")
                .append(r.connection())
                .append(" (")
                .append(r.vendor())
                .append("): ")
                .append(r.vendorCallsAtMost())
                .append(" vendor calls at most, writes ")
                .append(r.writes() ? "on" : "off")
                .append('\n');
        int name = width(r.probes().stream().map(CheckReport.Probe::name).toList(), "PROBE");
        int cap = width(
                r.probes().stream()
                        .map(p -> p.capability() == null ? "" : p.capability())
                        .toList(),
                "CAPABILITY");
        String format = "%-" + name + "s  %-9s  %-" + cap + "s  %s%n";
        out.append(String.format(format, "PROBE", "VERDICT", "CAPABILITY", "DETAIL"));
        for (CheckReport.Probe p : r.probes()) {
            String detail = p.detail() + (p.guessedCall() == null ? "" : " [guessed: " + p.guessedCall() + "]");
            out.append(
                    String.format(format, p.name(), p.verdict(), p.capability() == null ? "" : p.capability(), detail));
            if (p.fields() != null) {
                out.append(String.format(format, "", "", "", fields(p.fields())));
            }
        }
        out.append("trusted: ")
                .append(list(r.summary().trusted()))
                .append("; refuted: ")
                .append(list(r.summary().refuted()))
                .append("; unsettled: ")
                .append(list(r.summary().unsettled()))
                .append('\n');
        out.append("result: ").append(r.passed() ? "PASSED" : "FAILED").append('\n');
        return out.toString();
    }

    private static String fields(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    private static String list(List<String> values) {
        return values.isEmpty() ? "-" : String.join(", ", values);
    }

    private static int width(List<String> values, String header) {
        return Math.max(
                header.length(), values.stream().mapToInt(String::length).max().orElse(0));
    }
}
