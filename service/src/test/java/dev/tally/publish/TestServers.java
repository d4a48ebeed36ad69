package dev.tally.publish;

import dev.tally.testing.ExternalProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Real servers for tests, on free loopback ports; close() stops them. */
public final class TestServers {
    private TestServers() {
    }

    /** A started redis-server (no persistence of its own). */
    public static AutoCloseable redis(Path dir, int port) throws Exception {
        Files.createDirectories(dir);
        return ExternalProcess.redis(dir, port).start();
    }

    /** A started Prometheus scraping 127.0.0.1:{@code targetPort}/metrics every second. */
    public static AutoCloseable prometheus(Path dir, int port, int targetPort) throws Exception {
        return prometheusWith(dir, port, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: tally
                    scrape_interval: 1s
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(targetPort));
    }

    /** A started Prometheus with this configuration file's text (scrape jobs, auth). */
    public static AutoCloseable prometheusWith(Path dir, int port, String yaml) throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Path cfg = dir.resolve("prometheus.yml");
        Files.writeString(cfg, yaml);
        return new ExternalProcess(List.of("prometheus", "--config.file=" + cfg,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port), port,
                dir.resolve("prometheus.log")).start();
    }
}
