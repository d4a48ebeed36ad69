package dev.tally.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.TallyException;
import dev.tally.config.RedisConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credentials read from the URI forms, masked everywhere they are shown; a CA file without a certificate. */
class RedisClientsTest {
    @TempDir
    Path dir;

    private static RedisConfig cfg(String uri, String user, String password, Path ca) {
        return new RedisConfig(true, URI.create(uri), user, password, false, "tally", Duration.ofSeconds(1), 1000,
                Duration.ofSeconds(1), 1 << 20, ca, "", List.of(), false, 0, ZoneOffset.UTC, Duration.ofDays(8),
                Duration.ofDays(400));
    }

    @Test
    void credentialsComeFromTheUriOrTheKeys() {
        RedisConfig both = cfg("redis://tally:p%40ss%3Aw@h:6380/2", "", "", null);
        assertThat(both.effectiveUser()).isEqualTo("tally");
        assertThat(both.effectivePassword()).isEqualTo("p@ss:w");
        assertThat(both.database()).isEqualTo(2);
        assertThat(both.safeUri()).isEqualTo("redis://tally:****@h:6380/2");
        assertThat(both.toString()).doesNotContain("p%40ss").doesNotContain("p@ss");
        RedisConfig pwOnly = cfg("redis://:secret@h", "", "", null);
        assertThat(pwOnly.effectiveUser()).isEmpty();
        assertThat(pwOnly.effectivePassword()).isEqualTo("secret");
        assertThat(pwOnly.describe()).doesNotContain("secret");
        RedisConfig keys = cfg("redis://h", "app", "k3y", null);
        assertThat(keys.effectiveUser()).isEqualTo("app");
        assertThat(keys.effectivePassword()).isEqualTo("k3y");
        assertThat(keys.toString()).doesNotContain("k3y");
    }

    @Test
    void aCaFileWithoutCertificatesIsAConfigErrorNamingTheKey() throws Exception {
        Path ca = dir.resolve("ca.pem");
        Files.writeString(ca, "not a certificate\n");
        RedisConfig c = cfg("rediss://h:6380", "", "", ca);
        assertThatThrownBy(() -> RedisClients.trusting(c)).isInstanceOf(RedisClients.SetupException.class)
                .hasMessageStartingWith("tally.redis.tls-ca-file " + ca);
        RedisPublisher p = new RedisPublisher(c, new RedisSchema("tally", "wh", "d"), dir.resolve("spool"));
        assertThatThrownBy(p::start).isInstanceOf(TallyException.class)
                .satisfies(e -> assertThat(((TallyException) e).exitCode()).isEqualTo(TallyException.BAD_CONFIG))
                .hasMessageContaining("tally.redis.tls-ca-file");
    }
}
