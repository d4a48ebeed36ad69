package dev.tally.deepstream.meta;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.cli.TallyMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * tools/ds-layout-check.cpp is what a Jetson compiles against DeepStream's real headers to diff with
 * {@code tally deepstream layout}. Here it is compiled against shim headers that map DeepStream's type names onto
 * the test transcription, proving the tool builds, names the same fields and prints the same format.
 */
class LayoutCheckToolTest {

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void toolOutputMatchesTallyDeepstreamLayout(boolean ds9) throws Exception {
        Path shim = Path.of("target", "c", "shim").toAbsolutePath();
        Files.createDirectories(shim);
        Files.writeString(shim.resolve("nvdsmeta.h"), """
                #include "tally_dsmeta.h"
                typedef TGList GList;
                typedef TBatchMeta NvDsBatchMeta;
                typedef TFrameMeta NvDsFrameMeta;
                typedef TObjectMeta NvDsObjectMeta;
                typedef TUserMeta NvDsUserMeta;
                """);
        Files.writeString(shim.resolve("nvds_analytics_meta.h"), """
                #include "tally_dsanalytics.h"
                typedef TAnalyticsFrameMeta NvDsAnalyticsFrameMeta;
                """);
        Path exe = shim.resolve(ds9 ? "ds-layout-check-9" : "ds-layout-check-68");
        Process cc = new ProcessBuilder("g++", "-Wall", "-Werror", "-DTALLY_DS9=" + (ds9 ? 1 : 0), "-I", shim.toString(),
                "-I", "src/test/c", "-o", exe.toString(), "../tools/ds-layout-check.cpp")
                .redirectErrorStream(true).start();
        String log = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(cc.waitFor()).as(log).isZero();
        Process run = new ProcessBuilder(exe.toString()).redirectErrorStream(true).start();
        List<String> tool = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().sorted()
                .toList();
        assertThat(run.waitFor()).isZero();

        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            assertThat(TallyMain.execute("deepstream", "layout", "--version", ds9 ? "9.0" : "7.1")).isZero();
        } finally {
            System.setOut(old);
        }
        List<String> tally = out.toString(StandardCharsets.UTF_8).lines().skip(1).toList();
        assertThat(tool).isEqualTo(tally);
    }
}
