package dev.tally.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.analytics.CountEvent;
import dev.tally.testing.TestSupport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Pins what a real redis-server receives in the format docs/redis.md documents: the {@code P:{S}:notify} message
 * {@code {"daemon":"D","events":<n>}} (valid JSON whatever the daemon id holds) and the fields of an events stream
 * entry, in order.
 */
class RedisPayloadFormatTest {

    @Test
    void notifyMessageAndStreamEntryKeepTheirDocumentedFormat(@TempDir Path dir) throws Exception {
        int port = TestSupport.freePort();
        String daemon = "wh@dock \"7\"";
        CountEvent event = new CountEvent("wh:dock-1:r1:1", "wh", "dock-1", CountEvent.Kind.CROSSING, "person", 42,
                "door", "", "", "in", 0, 1_700_000_000_123L);
        try (AutoCloseable redis = TestServers.redis(dir.resolve("redis"), port);
             RedisClient sub = RedisClient.create("127.0.0.1", port);
             RedisClient c = RedisClient.create("127.0.0.1", port)) {
            BlockingQueue<String> messages = new LinkedBlockingQueue<>();
            JedisPubSub listener = new JedisPubSub() {
                @Override
                public void onMessage(String channel, String message) {
                    messages.add(message);
                }
            };
            Thread t = new Thread(() -> sub.subscribe(listener, "tally:{wh}:notify"), "notify-subscriber");
            t.setDaemon(true);
            t.start();
            for (int i = 0; i < 100 && listener.getSubscribedChannels() == 0; i++) {
                Thread.sleep(50);
            }
            RedisPublisher publisher = new RedisPublisher(Fixtures.redis(port, Duration.ofMillis(100)),
                    new RedisSchema("tally", "wh", daemon), dir.resolve("spool"));
            publisher.start();
            try {
                publisher.onCounts(null, List.of(event));
                String m = messages.poll(30, TimeUnit.SECONDS);
                while (m != null && !m.endsWith("\"events\":1}")) {
                    m = messages.poll(30, TimeUnit.SECONDS);
                }
                assertThat(m).isEqualTo("{\"daemon\":\"wh@dock \\\"7\\\"\",\"events\":1}");
            } finally {
                publisher.stop();
                listener.unsubscribe();
            }
            List<StreamEntry> entries = c.xrange("tally:{wh}:events", (StreamEntryID) null, (StreamEntryID) null);
            assertThat(entries).hasSize(1);
            Map<String, String> expected = new LinkedHashMap<>();
            String[] values = {"wh:dock-1:r1:1", "wh", "dock-1", "crossing", "person", "42", "door", "", "", "in",
                "0", "1700000000123", ""};
            String[] names = {"id", "site", "camera", "kind", "class", "track", "line", "zone", "rule", "direction",
                "dwell_ms", "ts_ms", "cause"};
            for (int i = 0; i < names.length; i++) {
                expected.put(names[i], values[i]);
            }
            assertThat(entries.get(0).getFields()).containsExactlyEntriesOf(expected);
        }
    }
}
