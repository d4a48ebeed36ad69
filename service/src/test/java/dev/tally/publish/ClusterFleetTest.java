package dev.tally.publish;

import dev.tally.testing.ExternalProcess;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.config.RedisConfig;
import dev.tally.testing.TestSupport;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/**
 * A site of 4 daemons x 2 cameras on a real Redis Cluster of 3 masters and 3 replicas (redis-server in cluster
 * mode, made by {@code redis-cli --cluster create}). Half way, the master holding the site's slot is killed
 * (SIGKILL); the cluster fails over to its replica and the killed node is started again (it rejoins as a
 * replica). One daemon restarts on the way. Afterwards every event is in the stream once, the site totals and
 * hourly/daily buckets equal what every daemon run counted, and the daemons' /readyz told of the failover.
 */
class ClusterFleetTest {
    @TempDir
    Path dir;

    @Test
    void siteTotalsExactThroughAMasterFailover() throws Exception {
        List<ExternalProcess> nodes = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                int port = TestSupport.freePort();
                ports.add(port);
                nodes.add(node(i, port).start());
            }
            List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
            ports.forEach(p -> create.add("127.0.0.1:" + p));
            create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
            exec(create);
            for (int p : ports) {
                await(() -> cli(p, "CLUSTER", "INFO").contains("cluster_state:ok"), "cluster ok on " + p);
            }
            List<String> seeds = new ArrayList<>();
            ports.forEach(p -> seeds.add("127.0.0.1:" + p));
            RedisConfig cfg = new RedisConfig(true, URI.create("redis://127.0.0.1:6379"), "", "", false, "tally",
                    Duration.ofMillis(200), 1_000_000, Duration.ofSeconds(1), 64L << 20, null, "", seeds, true, 1,
                    ZoneOffset.UTC, Duration.ofDays(8), Duration.ofDays(400));
            FleetRig site = new FleetRig(dir, cfg);
            int[] killed = {-1};
            site.run(4, 2, Duration.ofSeconds(30), () -> {
                try {
                    int slot = Integer.parseInt(cli(ports.get(0), "CLUSTER", "KEYSLOT", "{" + FleetRig.SITE + "}"));
                    int master = masterOf(ports.get(0), slot);
                    killed[0] = master;
                    ExternalProcess victim = nodes.get(ports.indexOf(master));
                    victim.kill();
                    int survivor = ports.stream().filter(p -> p != master).findFirst().orElseThrow();
                    await(() -> {
                        int m = masterOf(survivor, slot);
                        return m > 0 && m != master;
                    }, "failover of slot " + slot);
                    victim.start(); // comes back as a replica of the new master
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(killed[0]).isPositive();
            try (UnifiedJedis r = RedisClients.build(cfg)) {
                site.verify(r);
            }
            site.readyzProblems.forEach((d, l) -> System.out.println("cluster failover, /readyz of " + d + ": " + l));
            assertThat(site.readyzProblems).as("daemons whose /readyz told of the failover").isNotEmpty();
            assertThat(site.readyzProblems.values().stream().flatMap(List::stream))
                    .anyMatch(j -> j.contains("\"redis_last_outage\""));
        } finally {
            for (ExternalProcess n : nodes) {
                n.close();
            }
        }
    }

    private ExternalProcess node(int i, int port) throws Exception {
        Path d = Files.createDirectories(dir.resolve("node" + i));
        int bus = TestSupport.freePort();
        return new ExternalProcess(List.of("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--cluster-enabled", "yes", "--cluster-config-file", d.resolve("nodes.conf").toString(),
                "--cluster-port", Integer.toString(bus), "--cluster-node-timeout", "2000", "--save", "",
                "--appendonly", "no", "--dir", d.toString()), port, d.resolve("redis.log"));
    }

    /** The port of the master serving a slot, as node {@code port} sees it; -1 if none. */
    static int masterOf(int port, int slot) {
        try {
            for (String line : cli(port, "CLUSTER", "NODES").split("\n")) {
                String[] f = line.split(" ");
                if (f.length < 9 || !f[2].contains("master") || f[2].contains("fail")) {
                    continue;
                }
                for (int k = 8; k < f.length; k++) {
                    String[] range = f[k].split("-");
                    int lo = Integer.parseInt(range[0]);
                    int hi = range.length > 1 ? Integer.parseInt(range[1]) : lo;
                    if (slot >= lo && slot <= hi) {
                        return Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1, f[1].indexOf('@')));
                    }
                }
            }
        } catch (Exception e) {
            return -1;
        }
        return -1;
    }

    static String cli(int port, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(port)));
        cmd.addAll(List.of(args));
        return exec(cmd).strip();
    }

    static String exec(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("%s: %s", cmd, out).isZero();
        return out;
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void await(Check c, String what) throws Exception {
        await(c, what, 60);
    }

    static void await(Check c, String what, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (c.ok()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting for " + what);
    }
}
