package dev.tally.proof;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The soak (see {@link Soak}) as a test, tagged {@code soak} and excluded from the default test run:
 * {@code mvn -B -Psoak test -Dtally.soak.minutes=5} (CI) or {@code tools/soak --minutes 60}. The CSV and
 * logs stay in service/target/soak-*.
 */
@Tag("soak")
class SoakTest {
    @Test
    void daemonRunsWithoutGrowthOrLoss() throws Exception {
        double minutes = Double.parseDouble(System.getProperty("tally.soak.minutes", "5"));
        Path dir = Files.createDirectories(Path.of("target", "soak-" + System.currentTimeMillis()));
        try (DaemonRig rig = new DaemonRig(dir)) {
            Soak.Result r = Soak.run(rig, minutes);
            System.out.println("soak: " + r.summary());
            assertThat(r.exitCode()).as("daemon exit code on SIGTERM").isZero();
            assertThat(r.rssGrowth()).as("RSS growth after warm-up (%s)", r.summary()).isLessThan(0.05);
            assertThat(r.metricCrossings()).as("crossings happened").isPositive();
            assertThat(r.redisCrossings()).as("Redis totals = daemon crossings").isEqualTo(r.metricCrossings());
            assertThat((double) r.streamCrossings()).as("crossing events in the stream")
                    .isEqualTo(r.metricCrossings());
            assertThat((double) r.streamEnters()).as("zone_enter events in the stream").isEqualTo(r.metricEnters());
            assertThat(r.spoolOverflow()).isZero();
            assertThat(r.eventsOverflow()).isZero();
        }
    }
}
