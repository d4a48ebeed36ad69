package dev.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.TallyException;
import dev.tally.testing.TestSupport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code tally validate} through TallyMain.execute with captured stdout and stderr. */
class ValidateCommandTest {
    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private PrintStream oldErr;

    @BeforeEach
    void capture() throws IOException {
        oldOut = System.out;
        oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        // the demo model: validate loads it as tally run would
        Files.copy(TestSupport.repoRoot().resolve("models/demo/tally-demo.onnx"), dir.resolve("m.onnx"));
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
        System.setErr(oldErr);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void validConfigPrintsTheResolvedConfigWithSecretsMasked() throws IOException {
        Path f = dir.resolve("site.conf");
        Files.writeString(f, """
                tally {
                  cameras = [ { id = dock-1, uri = "rtsp://viewer:campw@10.0.0.21:554/stream1" } ]
                  model { onnx = m.onnx, input-width = 480, input-height = 272 }
                  redis { uri = "rediss://app:redispw@redis.example:6380" }
                  rtsp { port = %d, users = [ { user = operator, password = rtsppw } ] }
                  http { port = %d, bearer-token = "http-token-0123456789" }
                }
                """.formatted(TestSupport.freePort(), TestSupport.freePort()));
        assertThat(TallyMain.execute("validate", "-c", f.toString())).isZero();
        assertThat(out()).contains("uri = \"rtsp://viewer:****@10.0.0.21:554/stream1\"",
                "uri = \"rediss://app:****@redis.example:6380\"", "user = \"operator\"", "password = \"****\"",
                "onnx = \"" + dir.resolve("m.onnx") + "\"", "type = \"detectnet_v2\"", "output = \"per-camera\"",
                "# " + f + " is valid: 1 camera(s), model detectnet_v2 with 3 classes");
        assertThat(out()).contains("bearer-token = \"****\"");
        assertThat(out()).doesNotContain("campw", "redispw", "rtsppw", "http-token");
        assertThat(err()).isEmpty();
    }

    @Test
    void invalidConfigListsEveryProblemAndExits2() throws IOException {
        Path f = dir.resolve("bad.conf");
        Files.writeString(f, """
                tally {
                  cameras = [ { id = dock-1, uri = "ftp://x/y" } ]
                  model { onnx = m.onnx, precison = fp16 }
                }
                """);
        assertThat(TallyMain.execute("validate", "-c", f.toString())).isEqualTo(TallyException.BAD_CONFIG);
        assertThat(err().lines()).containsExactly(
                "bad.conf:2: tally.cameras[0].uri: unsupported URI scheme \"ftp\" (expected rtsp, rtsps, file or sim)",
                "bad.conf:3: tally.model.precison: unknown key (did you mean \"precision\"?)");
        assertThat(out()).isEmpty();
    }

    @Test
    void missingFileExits2() {
        Path f = dir.resolve("nope.conf");
        assertThat(TallyMain.execute("validate", "-c", f.toString())).isEqualTo(TallyException.BAD_CONFIG);
        assertThat(err()).isEqualTo(f + ": config file not found" + System.lineSeparator());
    }

    @ParameterizedTest
    @ValueSource(strings = {"validate", "run", "reload", "version"})
    void everySubcommandHasHelp(String cmd) {
        assertThat(TallyMain.execute(cmd, "--help")).isZero();
        assertThat(out()).startsWith("Usage: tally " + cmd);
    }

    @Test
    void reloadWithoutARunningDaemonExits1() throws IOException {
        Path f = dir.resolve("site.conf");
        Files.writeString(f, "tally { state-dir = st, cameras = [ { id = a, uri = \"sim://warehouse\" } ], model.onnx = m.onnx }");
        assertThat(TallyMain.execute("reload", "-c", f.toString())).isEqualTo(TallyException.FAILURE);
        assertThat(err()).isEqualTo("tally: no running tally (no live pid in " + dir.resolve("st/tally.pid") + ")"
                + System.lineSeparator());
    }
}
