package dev.tally.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.testing.TestSupport;
import dev.tally.analytics.CountsSnapshot;
import dev.tally.http.StatusSource.SiteStatus;
import dev.tally.http.StatusSource.State;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status page in a real browser (Debian's headless {@code chromium}): the page the endpoint serves,
 * refreshed by its own script from {@code /status.json}, with real JPEG snapshots.
 *
 * <p>The site is real analytics over synthetic tracker output (see {@link StatusFixture}). Two states of it are
 * captured: v1 (two cameras up) and v2 (more frames counted, dock-2 lost). The endpoint renders the page from
 * v1 and answers every later request with v2, so values of v2 in the DOM prove that the script refreshed it.
 *
 * <p>Regenerate docs/status-page.png (not rewritten by ordinary runs):
 * {@code mvn -B -o test -Dtest=StatusPageBrowserTest -Dtally.statuspage.screenshot=true}
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusPageBrowserTest {
    @TempDir
    Path tmp;
    private StatusFixture site;
    private SiteStatus v1;
    private SiteStatus v2;
    private HttpEndpoint http;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeAll
    void start() throws Exception {
        site = new StatusFixture();
        site.monitor.sourceState(0, true);
        site.monitor.sourceState(1, true);
        site.monitor.reconnectAttempt(2);
        int frames = Math.min(site.scenes[0].frames(), site.scenes[1].frames());
        site.feed(0, frames / 2, 2);
        v1 = site.settle();
        site.feed(frames / 2, frames * 3 / 5, 2);
        site.monitor.sourceState(1, false);   // dock-2 lost; dock-1 keeps streaming
        site.feed(frames * 3 / 5, frames, 1);
        v2 = site.settle();
        Map<String, byte[]> jpegs = Map.of("dock-1", SimSnapshots.jpeg(7, 90), "dock-2", SimSnapshots.jpeg(11, 30));
        StatusSource staged = () -> requests.getAndIncrement() == 0 ? v1 : v2;
        http = site.endpoint(staged, jpegs::get);
    }

    @AfterAll
    void stop() {
        if (http != null) {
            http.stop();
        }
        site.close();
    }

    @Test
    void scriptRefreshesThePageFromStatusJson() throws Exception {
        int person = v2.counts().classIndex("person");
        String v1Totals = totals(v1.counts(), person);
        String v2Totals = totals(v2.counts(), person);
        assertThat(v1.cameras().get(1).state()).isEqualTo(State.UP);
        assertThat(v2.cameras().get(1).state()).isEqualTo(State.DOWN);
        assertThat(v2Totals).isNotEqualTo(v1Totals);   // the two versions differ where the test looks

        String dom = chromium("--dump-dom");
        assertThat(requests.get()).as("requests: page, status.json, snapshots").isGreaterThanOrEqualTo(3);
        assertThat(dom).contains("Dock 1 · north door", "Dock 2 · yard", "Gate 3", "north-dc")
                .contains(v2Totals).doesNotContain(v1Totals)
                .contains("1/3 cameras up")
                .containsPattern("<article class=\"cam up\" data-camera=\"dock-1\">")
                .containsPattern("<article class=\"cam down\" data-camera=\"dock-2\">")
                .containsPattern("<article class=\"cam reconnecting noframe\" data-camera=\"gate-3\">")
                .containsPattern("<img alt=\"latest frame of Dock 1 · north door\" src=\"/snapshot/dock-1\\.jpg\\?t=\\d+\"")
                .contains("<div class=\"u\">" + v2.counts().camera("dock-1").unique()[person] + " seen</div>")
                .contains("<span class=\"rule");
    }

    @Test
    void screenshotShowsTheSiteAtAGlance() throws Exception {
        boolean forDocs = Boolean.getBoolean("tally.statuspage.screenshot");
        Path png = forDocs ? TestSupport.repoRoot().resolve("docs/status-page.png")
                : tmp.resolve("status-page.png");
        chromium("--screenshot=" + png.toAbsolutePath());
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(1280);
        assertThat(img.getHeight()).isEqualTo(900);
        int red = 0;
        int green = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                int r = p >> 16 & 0xFF;
                int g = p >> 8 & 0xFF;
                int b = p & 0xFF;
                red += r > 180 && g < 70 && b < 70 ? 1 : 0;
                green += r < 70 && g > 110 && g < 140 && b < 70 ? 1 : 0;
            }
        }
        assertThat(red).as("red header of the lost camera and the cameras-up pill").isGreaterThan(10_000);
        assertThat(green).as("green UP badge").isGreaterThan(300);
    }

    private static String totals(CountsSnapshot c, int k) {
        return "in view · " + c.siteUnique(k) + " seen · ↓" + c.siteCrossings(k, 0) + " in · ↑"
                + c.siteCrossings(k, 1) + " out";
    }

    /** Runs headless Chromium on the page with {@code action}; returns its standard output. */
    private String chromium(String action) throws IOException, InterruptedException {
        requests.set(0);
        Path profile = Files.createTempDirectory(tmp, "chromium");
        Path outFile = tmp.resolve("chromium-" + System.nanoTime() + ".out");
        Path errFile = tmp.resolve("chromium-" + System.nanoTime() + ".err");
        List<String> cmd = new ArrayList<>(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,900",
                "--virtual-time-budget=5000", action, "http://127.0.0.1:" + http.port() + "/"));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectOutput(outFile.toFile()).redirectError(errFile.toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("chromium not found: run tools/install-deps.sh (Debian package chromium)", e);
        }
        try {
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                throw new AssertionError("chromium did not finish in 90 s: " + Files.readString(errFile));
            }
            assertThat(p.exitValue()).as("chromium exit; stderr: %s", Files.readString(errFile)).isZero();
            return Files.readString(outFile, StandardCharsets.UTF_8);
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }
}
