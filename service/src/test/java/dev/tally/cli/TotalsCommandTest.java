package dev.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.analytics.CountsSnapshot;
import dev.tally.config.RedisConfig;
import dev.tally.publish.RedisPublisher;
import dev.tally.publish.RedisSchema;
import dev.tally.publish.TestServers;
import dev.tally.testing.TallyCli;
import dev.tally.testing.TestSupport;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tally totals} against a real redis-server that two daemons of site "wh" and one of site "yard" published
 * to: the site's totals are the daemons' sum, today's and this hour's buckets hold the same (all counted now),
 * --all-sites adds the fleet's sum, --camera reads one camera; an unreachable Redis is one line and exit 1.
 */
class TotalsCommandTest {
    @TempDir
    Path dir;

    @Test
    void printsSiteFleetAndCameraTotalsWithBuckets() throws Exception {
        int port = TestSupport.freePort();
        Files.write(dir.resolve("m.onnx"), new byte[] {1});
        try (AutoCloseable redis = TestServers.redis(dir.resolve("redis"), port)) {
            publish(port, "wh", "wh@a", "dock-1", 3);
            publish(port, "wh", "wh@b", "dock-2", 4);
            publish(port, "yard", "yard@a", "gate", 10);
            Path conf = dir.resolve("site.conf");
            Files.writeString(conf, """
                    tally {
                      site = wh
                      cameras = [ { id = dock-1, uri = "sim://warehouse" } ]
                      model.onnx = m.onnx
                      redis { uri = "redis://127.0.0.1:%d", time-zone = UTC }
                    }
                    """.formatted(port));
            TallyCli.Run site = TallyCli.run("totals", "-c", conf.toString(), "--hours", "1");
            assertThat(site.code()).as(site.err()).isZero();
            assertThat(site.out()).contains("site wh: 2 daemon(s), wh@a published", "wh@b published");
            assertThat(site.out()).containsPattern("crossings:pallet:in +7 +7 +7 +0");
            assertThat(site.out()).containsPattern("unique:person +14 +14 +14 +0");

            TallyCli.Run fleet = TallyCli.run("totals", "-c", conf.toString(), "--all-sites");
            assertThat(fleet.code()).isZero();
            assertThat(fleet.out()).contains("site yard: 1 daemon(s)", "fleet: 2 sites");
            assertThat(fleet.out()).containsPattern("(?s)fleet: 2 sites.*crossings:pallet:in +17");

            TallyCli.Run cam = TallyCli.run("totals", "-c", conf.toString(), "--camera", "dock-2");
            assertThat(cam.out()).contains("camera dock-2 of site wh").containsPattern("line:door:pallet:in +4 +4 +4");
        }
        Path conf = dir.resolve("down.conf");
        Files.writeString(conf, """
                tally { site = wh, cameras = [ { id = a, uri = "sim://warehouse" } ], model.onnx = m.onnx
                        redis { uri = "redis://u:secret@127.0.0.1:%d", timeout = 200ms } }
                """.formatted(port));
        TallyCli.Run down = TallyCli.run("totals", "-c", conf.toString());
        assertThat(down.code()).isEqualTo(dev.tally.TallyException.FAILURE);
        assertThat(down.err().strip()).startsWith("tally: cannot read totals from Redis redis://u:****@127.0.0.1:" + port)
                .doesNotContain("secret").doesNotContain("\n");
    }

    /** One daemon with one camera publishing {@code n} pallet crossings in and 2n people counted. */
    private void publish(int port, String site, String daemon, String camera, int n) throws Exception {
        RedisConfig cfg = new RedisConfig(true, URI.create("redis://127.0.0.1:" + port), "", "", false, "tally",
                Duration.ofMillis(100), 1000, Duration.ofSeconds(1), 1 << 20, null, "", List.of(), false, 0,
                ZoneOffset.UTC, Duration.ofDays(8), Duration.ofDays(400));
        RedisPublisher p = new RedisPublisher(cfg, new RedisSchema("tally", site, daemon, ZoneOffset.UTC),
                dir.resolve("spool-" + daemon));
        p.start();
        List<String> classes = List.of("forklift", "person", "pallet");
        long[][][] crossings = {{{0, 0}, {0, 0}, {n, 0}}};
        CountsSnapshot.CameraCounts cc = new CountsSnapshot.CameraCounts(camera, List.of("door"), List.of(),
                new double[3], new long[] {0, 2L * n, 0}, crossings, new long[0][], new long[0][], new long[0][],
                new long[0][], new boolean[0], 100, 0, 0);
        p.onCounts(new CountsSnapshot(site, System.currentTimeMillis(), classes, List.of(), List.of(cc), 0), List.of());
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!p.reachable() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(300);
        p.stop();
    }
}
