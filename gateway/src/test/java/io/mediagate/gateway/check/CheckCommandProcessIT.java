package io.mediagate.gateway.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediagate.gateway.MediagateApplication;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code --check=<connection>} as an operator runs it: a process of its own that prints a table and exits. */
class CheckCommandProcessIT {

    private static Result run(String... args) throws Exception {
        Path out = Files.createTempFile("check", ".txt");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                MediagateApplication.class.getName(),
                "--spring.profiles.active=demo",
                "--spring.main.banner-mode=off",
                "--logging.level.root=warn"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the check did not exit within 120 s");
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        Files.deleteIfExists(out);
        return new Result(process.exitValue(), text);
    }

    private record Result(int exitCode, String output) {}

    @Test
    void checkModePrintsTheTableAndExitsWithTheVerdict() throws Exception {
        Result passed = run("--check=cincopa-demo");
        // exit codes 1 and 2 are covered in-process (ConnectionCheckIT); one fork proves the mode exits at all
        assertThat(passed.output())
                .contains("connection check of cincopa-demo (cincopa)")
                .contains("credentials")
                .contains("list.first-page")
                .contains("get.fields");
        assertThat(passed.exitCode()).as(passed.output()).isZero();
    }
}
