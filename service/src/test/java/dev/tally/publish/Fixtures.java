package dev.tally.publish;

import dev.tally.config.RedisConfig;
import java.net.URI;
import java.time.Duration;

final class Fixtures {
    private Fixtures() {
    }

    static RedisConfig redis(int port, Duration interval) {
        return new RedisConfig(true, URI.create("redis://127.0.0.1:" + port), "", "", false, "tally", interval,
                100_000, Duration.ofMillis(500), 64L << 20);
    }
}
