package io.mediagate.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** Renders the chart with helm-java and parses the multi-document output. */
final class ChartSupport {

    static final String RELEASE = "mg";
    static final String FULLNAME = "mg-mediagate";

    private ChartSupport() {}

    static Path chartDir() {
        String dir = System.getProperty("mediagate.chart.dir");
        Path p = dir != null ? Paths.get(dir) : Paths.get("mediagate");
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("chart not found at " + p.toAbsolutePath());
        }
        return p;
    }

    static Path valuesFile(String name) {
        try {
            return Paths.get(Objects.requireNonNull(
                            ChartSupport.class.getResource("/values/" + name), "missing test values " + name)
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Helm helm() {
        return new Helm(chartDir());
    }

    /** Template with the given values files (in order) and --set pairs (k1, v1, k2, v2, ...). */
    static String renderRaw(List<String> valuesFiles, String... sets) {
        TemplateCommand cmd = helm().template().withName(RELEASE).withNamespace("media");
        for (String f : valuesFiles) {
            cmd = cmd.withValuesFile(valuesFile(f));
        }
        for (int i = 0; i + 1 < sets.length; i += 2) {
            cmd = cmd.set(sets[i], sets[i + 1]);
        }
        return cmd.call();
    }

    static Rendered render(List<String> valuesFiles, String... sets) {
        return new Rendered(renderRaw(valuesFiles, sets));
    }

    /**
     * The {@code helm test} hooks rendered like ordinary templates: helm-java's template leaves hooks out, so a
     * copy of the chart gets each {@code templates/tests/*} file as a plain template, hook annotations renamed.
     */
    static Rendered renderTestHooks(String... sets) {
        try {
            Path copy = Files.createTempDirectory("mediagate-chart");
            try (var files = Files.walk(chartDir())) {
                for (Path f : files.toList()) {
                    Path target = copy.resolve(chartDir().relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(f, target);
                    }
                }
            }
            Path templates = copy.resolve("templates");
            try (var tests = Files.list(templates.resolve("tests"))) {
                for (Path t : tests.toList()) {
                    String text = Files.readString(t).replace("helm.sh/hook", "mediagate.io/was-helm-hook");
                    Files.writeString(templates.resolve("hook-" + t.getFileName()), text);
                }
            }
            TemplateCommand cmd = new Helm(copy).template().withName(RELEASE).withNamespace("media");
            for (int i = 0; i + 1 < sets.length; i += 2) {
                cmd = cmd.set(sets[i], sets[i + 1]);
            }
            return new Rendered(cmd.call());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Rendered render(String... sets) {
        return render(List.of(), sets);
    }

    /** The parsed manifests of one render. */
    static final class Rendered {
        final String yaml;
        final List<Map<String, Object>> docs = new ArrayList<>();

        @SuppressWarnings("unchecked")
        Rendered(String yaml) {
            this.yaml = yaml;
            LoaderOptions options = new LoaderOptions();
            for (Object doc : new Yaml(options).loadAll(yaml)) {
                if (doc instanceof Map<?, ?> m && !m.isEmpty()) {
                    docs.add((Map<String, Object>) m);
                }
            }
        }

        List<Map<String, Object>> ofKind(String kind) {
            return docs.stream().filter(d -> kind.equals(d.get("kind"))).toList();
        }

        Optional<Map<String, Object>> find(String kind, String name) {
            return ofKind(kind).stream()
                    .filter(d -> name.equals(path(d, "metadata.name")))
                    .findFirst();
        }

        Map<String, Object> get(String kind, String name) {
            return find(kind, name)
                    .orElseThrow(() -> new AssertionError("no " + kind + " named " + name + " in:\n" + yaml));
        }

        Map<String, Object> gateway() {
            return get("Deployment", FULLNAME);
        }

        Map<String, Object> gatewayContainer() {
            List<Map<String, Object>> containers = list(gateway(), "spec.template.spec.containers");
            return containers.get(0);
        }

        /** The application.yaml inside the gateway ConfigMap, parsed. */
        Map<String, Object> applicationConfig() {
            return new Yaml().load(applicationYaml());
        }

        String applicationYaml() {
            return (String) path(get("ConfigMap", FULLNAME), "data.application.yaml");
        }
    }

    /** Dotted-path lookup; "data.application.yaml" is resolved greedily for map keys containing dots. */
    @SuppressWarnings("unchecked")
    static Object path(Object root, String dotted) {
        Object cur = root;
        String[] parts = dotted.split("\\.");
        int i = 0;
        while (i < parts.length) {
            if (cur instanceof Map<?, ?> m) {
                boolean found = false;
                // try the longest key first so keys with dots resolve
                for (int j = parts.length; j > i; j--) {
                    String key = String.join(".", Arrays.copyOfRange(parts, i, j));
                    if (m.containsKey(key)) {
                        cur = m.get(key);
                        i = j;
                        found = true;
                        break;
                    }
                }
                if (!found) {
                    return null;
                }
            } else if (cur instanceof List<?> l && parts[i].matches("\\d+")) {
                int idx = Integer.parseInt(parts[i]);
                if (idx >= l.size()) {
                    return null;
                }
                cur = l.get(idx);
                i++;
            } else {
                return null;
            }
        }
        return cur;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object root, String dotted) {
        return (Map<String, Object>) path(root, dotted);
    }

    @SuppressWarnings("unchecked")
    static <T> List<T> list(Object root, String dotted) {
        return (List<T>) path(root, dotted);
    }
}
