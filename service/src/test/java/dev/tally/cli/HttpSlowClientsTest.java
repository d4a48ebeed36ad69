package dev.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.testing.TallyProcess;
import dev.tally.testing.TestSupport;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tally run} as a child process with its HTTP server on; raw TCP clients that send half a request or
 * nothing at all hold connections open while probes and a scrape must still be answered, and the server must
 * close the stalled connections by itself.
 */
class HttpSlowClientsTest {
    /** Clients that stall; more than the server has request threads. */
    private static final int STALLED = 24;

    @TempDir
    Path dir;

    static String config(int httpPort, String httpExtra) {
        return RunCommandTest.CONFIG.replace("http.enabled = false",
                "http { enabled = true, bind = \"127.0.0.1\", port = " + httpPort + " " + httpExtra + " }");
    }

    @Test
    void stalledClientsDoNotStarveProbesOrScrapesAndAreClosed() throws Exception {
        int port = TestSupport.freePort();
        Path conf = dir.resolve("tally.conf");
        Files.writeString(conf, config(port, ""));
        List<Socket> stalled = new ArrayList<>();
        try (TallyProcess p = new TallyProcess(dir, Map.of(), "run", "-c", conf.toString())) {
            assertThat(p.awaitErr("tally running", 60_000)).as("started: %s", p.err()).isTrue();
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            assertThat(get(client, port, "/healthz").statusCode()).isEqualTo(200);

            for (int i = 0; i < STALLED; i++) {
                Socket s = new Socket();
                s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
                if (i % 2 == 0) {
                    // half a request: the request line and one header, never the empty line that ends the head
                    s.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                } // odd ones: connected, silent
                stalled.add(s);
            }

            // While all of them stay open, probes and a scrape are answered (today: they hang with 2 stalled).
            assertThat(get(client, port, "/healthz").statusCode()).isEqualTo(200);
            assertThat(get(client, port, "/readyz").statusCode()).isIn(200, 503);
            HttpResponse<String> metrics = get(client, port, "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("tally_build_info");

            // The server closes every stalled connection itself (its idle timeout), whatever it sent first.
            for (Socket s : stalled) {
                assertThat(closedByServer(s, 120_000)).as("stalled connection closed by the server").isTrue();
            }
            assertThat(get(client, port, "/healthz").statusCode()).isEqualTo(200);
            assertThat(p.process.isAlive()).isTrue();
            assertThat(p.terminate(20)).isZero();
            assertThat(p.err()).noneMatch(l -> l.startsWith("\tat "));
        } finally {
            for (Socket s : stalled) {
                s.close();
            }
        }
    }

    @Test
    void moreStalledConnectionsThanTheLimitStillLetProbesThrough() throws Exception {
        int port = TestSupport.freePort();
        Path conf = dir.resolve("tally.conf");
        // a limit far below the stalled clients
        Files.writeString(conf, config(port, ", max-connections = 8, idle-timeout = 5s"));
        List<Socket> stalled = new ArrayList<>();
        try (TallyProcess p = new TallyProcess(dir, Map.of(), "run", "-c", conf.toString())) {
            assertThat(p.awaitErr("tally running", 60_000)).as("started: %s", p.err()).isTrue();
            for (int i = 0; i < 3 * 8; i++) {
                Socket s = new Socket();
                s.connect(new InetSocketAddress("127.0.0.1", port), 10_000); // the kernel's accept queue takes it
                s.getOutputStream().write("GET /metrics HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
                stalled.add(s);
            }
            // held connections are closed by the idle timeout (sooner while at the limit), so the probe that
            // waits in the accept queue behind the stalled ones gets its turn; 60 s stands for "at all"
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(60)).build();
            assertThat(get(client, port, "/healthz").statusCode()).isEqualTo(200);
            for (Socket s : stalled) {
                assertThat(closedByServer(s, 120_000)).as("stalled connection closed by the server").isTrue();
            }
            assertThat(p.terminate(20)).isZero();
        } finally {
            for (Socket s : stalled) {
                s.close();
            }
        }
    }

    static HttpResponse<String> get(HttpClient client, int port, String path) throws Exception {
        // 60 s stands for "answers at all": today the answer never comes while the stalled clients stay
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60)).build();
        return client.send(req, HttpResponse.BodyHandlers.ofString());
    }

    /** Reads (discarding any answer, e.g. a 408) until the server closes; false if still open after the limit. */
    private static boolean closedByServer(Socket s, long limitMs) throws IOException {
        long end = System.currentTimeMillis() + limitMs;
        s.setSoTimeout(1000);
        InputStream in = s.getInputStream();
        byte[] buf = new byte[1024];
        while (System.currentTimeMillis() < end) {
            try {
                if (in.read(buf) < 0) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                // still open
            } catch (IOException e) {
                return true; // reset by the server
            }
        }
        return false;
    }
}
