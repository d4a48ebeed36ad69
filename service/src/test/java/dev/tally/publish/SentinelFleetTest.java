package dev.tally.publish;

import dev.tally.testing.ExternalProcess;

import static dev.tally.publish.ClusterFleetTest.await;
import static dev.tally.publish.ClusterFleetTest.cli;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.UnifiedJedis;

/**
 * A site of 4 daemons x 2 cameras on a real Sentinel group (a primary, a replica, three Sentinels with quorum 2)
 * through Jedis's Sentinel client. Half way, the primary is killed (SIGKILL); the Sentinels promote the replica
 * and the old primary, started again, is turned into its replica. One daemon restarts on the way. Afterwards
 * every event is in the stream once, the site totals and buckets equal what every daemon run counted, and the
 * daemons' /readyz told of the failover.
 */
class SentinelFleetTest {
    static final String MASTER = "tallymaster";

    @TempDir
    Path dir;

    @Test
    void siteTotalsExactThroughAPrimaryFailover() throws Exception {
        List<ExternalProcess> procs = new ArrayList<>();
        try {
            int primary = TestSupport.freePort();
            int replica = TestSupport.freePort();
            ExternalProcess p = data("primary", primary, List.of());
            procs.add(p.start());
            procs.add(data("replica", replica, List.of("--replicaof", "127.0.0.1", Integer.toString(primary))).start());
            await(() -> cli(replica, "INFO", "replication").contains("master_link_status:up"), "replica in sync");
            List<String> sentinels = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int port = TestSupport.freePort();
                Path d = Files.createDirectories(dir.resolve("sentinel" + i));
                Path conf = d.resolve("sentinel.conf");
                Files.writeString(conf, """
                        port %d
                        bind 127.0.0.1
                        dir %s
                        sentinel monitor %s 127.0.0.1 %d 2
                        sentinel down-after-milliseconds %s 1000
                        sentinel failover-timeout %s 5000
                        sentinel parallel-syncs %s 1
                        """.formatted(port, d, MASTER, primary, MASTER, MASTER, MASTER));
                procs.add(new ExternalProcess(List.of("redis-server", conf.toString(), "--sentinel"), port,
                        d.resolve("sentinel.log")).start());
                sentinels.add("127.0.0.1:" + port);
            }
            int s0 = Integer.parseInt(sentinels.get(0).split(":")[1]);
            await(() -> cli(s0, "SENTINEL", "REPLICAS", MASTER).contains(Integer.toString(replica))
                    && cli(s0, "SENTINEL", "CKQUORUM", MASTER).startsWith("OK"), "sentinels see the group");

            RedisConfig cfg = new RedisConfig(true, URI.create("redis://127.0.0.1:6379"), "", "", false, "tally",
                    Duration.ofMillis(200), 1_000_000, Duration.ofSeconds(1), 64L << 20, null, MASTER, sentinels, false,
                    1, ZoneOffset.UTC, Duration.ofDays(8), Duration.ofDays(400));
            FleetRig site = new FleetRig(dir, cfg);
            site.run(4, 2, Duration.ofSeconds(30), () -> {
                try {
                    p.kill();
                    await(() -> cli(s0, "SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER)
                            .contains(Integer.toString(replica)), "Sentinel promotes the replica");
                    p.start(); // the old primary returns and is made a replica of the new one
                    try {
                        await(() -> cli(replica, "INFO", "replication").contains("connected_slaves:1"),
                                "old primary replicates the new one", 120);
                    } catch (AssertionError e) {
                        System.out.println(Files.readString(dir.resolve("sentinel0/sentinel.log")));
                        throw e;
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (UnifiedJedis r = RedisClients.build(cfg)) {
                site.verify(r);
            }
            site.readyzProblems.forEach((d, l) -> System.out.println("sentinel failover, /readyz of " + d + ": " + l));
            assertThat(site.readyzProblems).as("daemons whose /readyz told of the failover").isNotEmpty();
            assertThat(site.readyzProblems.values().stream().flatMap(List::stream))
                    .anyMatch(j -> j.contains("\"redis_last_outage\""));
        } finally {
            for (int i = procs.size() - 1; i >= 0; i--) {
                procs.get(i).close();
            }
        }
    }

    private ExternalProcess data(String name, int port, List<String> extra) throws Exception {
        Path d = Files.createDirectories(dir.resolve(name));
        List<String> cmd = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port), "--bind",
                "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", d.toString()));
        cmd.addAll(extra);
        return new ExternalProcess(cmd, port, d.resolve("redis.log"));
    }
}
