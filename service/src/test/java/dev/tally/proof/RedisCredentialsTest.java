package dev.tally.proof;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.testing.TestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redis credentials in every documented form against real redis-servers whose default user is off (ACL): in the
 * URI ({@code redis://user:password@host}, URL-encoded), from the environment (TALLY_REDIS_USER /
 * TALLY_REDIS_PASSWORD), and over TLS ({@code rediss://} with {@code tls-ca-file}, a CA and server certificate
 * made by openssl, the server's certificate checked for 127.0.0.1). Each daemon publishes (read back with
 * redis-cli); a wrong password is reported as such; the password never appears in the log, /status.json,
 * /readyz or /metrics.
 */
class RedisCredentialsTest {
    static final String PASSWORD = "Pa@ss:w0rd-" + Long.toString(System.nanoTime(), 36);
    static final String ENCODED = PASSWORD.replace("@", "%40").replace(":", "%3A");

    @TempDir
    Path dir;

    @Test
    void everyCredentialFormWorksAndNoSecretIsShown() throws Exception {
        try (DaemonRig rig = new DaemonRig(dir)) {
            Path certs = Files.createDirectories(dir.resolve("certs"));
            makeCerts(certs);
            int plain = TestSupport.freePort();
            int tls = TestSupport.freePort();
            List<String> acl = List.of("--user", "default", "off", "--user", "tally", "on", ">" + PASSWORD, "~*",
                    "&*", "+@all");
            Process plainRedis = rig.start(List.of("redis-server", "--port", Integer.toString(plain), "--bind", "127.0.0.1", "--save", "",
                    "--appendonly", "no", "--dir", certs.toString()), acl, "redis-plain.log");
            Process tlsRedis = rig.start(List.of("redis-server", "--port", "0", "--tls-port", Integer.toString(tls), "--bind",
                    "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", certs.toString(),
                    "--tls-cert-file", certs.resolve("server.crt").toString(),
                    "--tls-key-file", certs.resolve("server.key").toString(),
                    "--tls-ca-cert-file", certs.resolve("ca.crt").toString(), "--tls-auth-clients", "no"),
                    acl, "redis-tls.log");
            DaemonRig.awaitListening(plainRedis, plain, "redis-server");
            DaemonRig.awaitListening(tlsRedis, tls, "redis-server (TLS)");
            int cam = TestSupport.freePort();
            Process sim = rig.simulate(cam, 3);

            // 1. user and password in the URI
            List<String> shown = new ArrayList<>();
            run(rig, cam, "uri", "redis { uri = \"redis://tally:" + ENCODED + "@127.0.0.1:" + plain + "\" }",
                    Map.of(), shown);
            assertThat(cli(plain, false, "HLEN", "tally:{uri}:daemons")).isEqualTo("1");
            // 2. from the environment
            run(rig, cam, "env", "redis { uri = \"redis://127.0.0.1:" + plain + "\" }",
                    Map.of("TALLY_REDIS_USER", "tally", "TALLY_REDIS_PASSWORD", PASSWORD), shown);
            assertThat(cli(plain, false, "HLEN", "tally:{env}:daemons")).isEqualTo("1");
            // 3. TLS with the CA file, credentials in the URI
            run(rig, cam, "tls", "redis { uri = \"rediss://tally:" + ENCODED + "@127.0.0.1:" + tls + "\", "
                    + "tls-ca-file = \"" + certs.resolve("ca.crt") + "\" }", Map.of(), shown);
            assertThat(cli(tls, true, "HLEN", "tally:{tls}:daemons")).isEqualTo("1");
            assertThat(Long.parseLong(cli(tls, true, "XLEN", "tally:{tls}:events"))).isPositive();
            // 4. a wrong password: reported, not shown, nothing published
            int http = TestSupport.freePort();
            Process bad = rig.daemon(config(rig, "wrong", cam, http, "redis { uri = \"redis://tally:wrong-"
                    + ENCODED + "@127.0.0.1:" + plain + "\" }"));
            assertThat(DaemonRig.await(Duration.ofSeconds(90), () -> rig.get(http, "/readyz")
                    .contains("WRONGPASS"))).as("/readyz names the error; log:%n%s", rig.log("daemon.log")).isTrue();
            shown.add(rig.get(http, "/readyz"));
            shown.add(rig.get(http, "/status.json"));
            shown.add(rig.get(http, "/metrics"));
            assertThat(DaemonRig.stop(bad)).isZero();
            assertThat(cli(plain, false, "EXISTS", "tally:{wrong}:daemons")).isEqualTo("0");
            DaemonRig.stop(sim);

            String log = rig.log("daemon.log");
            assertThat(log).contains("WRONGPASS").doesNotContain("\tat ");
            shown.add(log);
            for (String text : shown) {
                assertThat(text).isNotEmpty().doesNotContain(PASSWORD).doesNotContain(ENCODED);
            }
        }
    }

    /** A daemon of site {@code site} with the given redis block; waits for its first publish, then stops it. */
    private static void run(DaemonRig rig, int cam, String site, String redis, Map<String, String> env,
                            List<String> shown) throws Exception {
        int http = TestSupport.freePort();
        Process d = rig.daemon(config(rig, site, cam, http, redis), env);
        assertThat(DaemonRig.await(Duration.ofSeconds(90), () -> DaemonRig.sum(rig.metrics(http),
                "tally_redis_up", "") == 1 && DaemonRig.sum(rig.metrics(http), "tally_frames_processed_total", "") > 0))
                .as("%s: publishing; log:%n%s", site, rig.log("daemon.log")).isTrue();
        Thread.sleep(2_000);
        shown.add(rig.get(http, "/readyz"));
        shown.add(rig.get(http, "/status.json"));
        shown.add(rig.get(http, "/metrics"));
        assertThat(DaemonRig.stop(d)).as("%s: exit code", site).isZero();
    }

    private static Path config(DaemonRig rig, String site, int cam, int http, String redis) throws Exception {
        Path c = rig.config(site + ".conf", new int[] {cam}, 1, http, 16, redis);
        Files.writeString(c, Files.readString(c).replace("site = proof", "site = " + site)
                .replace("state\"", "state-" + site + "\""));
        return c;
    }

    /** redis-cli (a client Tally did not write) as user tally. */
    static String cli(int port, boolean tls, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(port),
                "--user", "tally", "--pass", PASSWORD, "--no-auth-warning"));
        if (tls) {
            cmd.addAll(List.of("--tls", "--cacert", "certs/ca.crt"));
        }
        cmd.addAll(List.of(args));
        return exec(cmd, certsParent).strip();
    }

    static Path certsParent;

    private void makeCerts(Path certs) throws Exception {
        certsParent = certs.getParent();
        Files.writeString(certs.resolve("ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        exec(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out",
                "ca.crt", "-days", "2", "-subj", "/CN=tally-test-ca"), certs);
        exec(List.of("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out",
                "server.csr", "-subj", "/CN=localhost"), certs);
        exec(List.of("openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
                "-CAcreateserial", "-out", "server.crt", "-days", "2", "-extfile", "ext"), certs);
    }

    static String exec(List<String> cmd, Path cwd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("%s: %s", cmd.get(0), out).isZero();
        return out;
    }
}
