package dev.tally.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.testing.TestSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** systemd/tally.service passes {@code systemd-analyze verify} with no warning at all. */
class SystemdUnitTest {

    @Test
    void unitVerifiesCleanly(@TempDir Path dir) throws Exception {
        Path root = TestSupport.repoRoot();
        String unit = Files.readString(root.resolve("systemd/tally.service"));
        assertThat(unit).contains("Type=notify", "WatchdogSec=", "NotifyAccess=main")
                .doesNotContainPattern("(?m)^(MemoryDenyWriteExecute|PrivateDevices)=");
        // verify checks that ExecStart exists: point it at the checkout's launcher.
        Path copy = dir.resolve("tally.service");
        Files.writeString(copy, unit.replace("/opt/tally/bin/tally", root.resolve("bin/tally").toString()));
        Process p = new ProcessBuilder("systemd-analyze", "verify", copy.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(out).as("systemd-analyze output").doesNotContain("tally.service");
        assertThat(p.exitValue()).as(out).isZero();
    }
}
