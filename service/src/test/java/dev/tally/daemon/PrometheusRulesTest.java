package dev.tally.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.testing.TestSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** deploy/prometheus: config and alert rules pass promtool's checks, and the alerts fire as their unit tests say. */
class PrometheusRulesTest {
    private static final Path DIR = TestSupport.repoRoot().resolve("deploy/prometheus");

    static String promtool(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("promtool"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(DIR.toFile()).redirectErrorStream(true).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("promtool %s:%n%s", String.join(" ", args), out).isZero();
        return out;
    }

    @Test
    void rulesAreValid() throws Exception {
        assertThat(promtool("check", "rules", "alerts.yml")).contains("SUCCESS: 5 rules found");
    }

    @Test
    void configIsValid() throws Exception {
        assertThat(promtool("check", "config", "prometheus.yml")).contains("SUCCESS");
    }

    @Test
    void alertsFireAsSpecified() throws Exception {
        assertThat(promtool("test", "rules", "alerts-test.yml")).contains("SUCCESS");
    }
}
