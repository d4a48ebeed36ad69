package dev.tally.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.analytics.CountsSnapshot;
import dev.tally.analytics.CountsSnapshot.CameraCounts;
import dev.tally.http.StatusSource.CameraStatus;
import dev.tally.http.StatusSource.SiteStatus;
import dev.tally.http.StatusSource.State;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.Yaml;

/**
 * /status.json against the counts of a real analytics engine, string escaping, the no-counts-yet state, and
 * every HTTP answer of the status page's endpoints.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusPageTest {
    private StatusFixture site;
    private SiteStatus status;

    @BeforeAll
    void feed() throws Exception {
        site = new StatusFixture();
        site.monitor.sourceState(0, true);
        site.monitor.sourceState(1, true);
        site.monitor.reconnectAttempt(2);
        site.feed(0, Math.min(site.scenes[0].frames(), site.scenes[1].frames()), 2);
        status = site.settle();
    }

    @AfterAll
    void stop() {
        site.close();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String json) {
        return (Map<String, Object>) new Yaml().load(json);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @Test
    @SuppressWarnings("unchecked")
    void statusJsonCarriesEveryCameraStateAndTheEnginesCounts() {
        CountsSnapshot counts = status.counts();
        assertThat(counts).isNotNull();
        Map<String, Object> j = parse(StatusJson.write(status));
        assertThat(j.get("site")).isEqualTo("north-dc");
        assertThat(j.get("classes")).isEqualTo(List.of("forklift", "person", "pallet"));
        assertThat(j.get("cameras_up")).isEqualTo(2);
        assertThat(j.get("cameras_total")).isEqualTo(3);
        assertThat(((Number) j.get("counts_at_ms")).longValue()).isEqualTo(counts.takenAtMillis());

        List<Map<String, Object>> cams = (List<Map<String, Object>>) j.get("cameras");
        assertThat(cams).extracting(c -> c.get("id")).containsExactly("dock-1", "dock-2", "gate-3");
        assertThat(cams).extracting(c -> c.get("state")).containsExactly("up", "up", "reconnecting");
        assertThat(cams).extracting(c -> c.get("snapshot"))
                .containsExactly("/snapshot/dock-1.jpg", "/snapshot/dock-2.jpg", "/snapshot/gate-3.jpg");
        assertThat(cams.get(0).get("fps")).isEqualTo(30);  // frames arrive every 33.3 ms of the test clock
        assertThat(cams.get(2).get("last_frame_age_ms")).isEqualTo(-1);

        long sumIn = 0;
        for (int c = 0; c < 2; c++) {
            CameraCounts cc = counts.cameras().get(c);
            Map<String, Object> jc = map(cams.get(c).get("counts"));
            assertThat(cams.get(c).get("frames_processed")).isEqualTo((int) cc.framesProcessed());
            for (int k = 0; k < 3; k++) {
                String label = counts.classes().get(k);
                assertThat(((Number) map(jc.get("unique")).get(label)).longValue()).isEqualTo(cc.unique()[k]);
                assertThat(((Number) map(jc.get("present")).get(label)).doubleValue())
                        .isEqualTo(Math.round(cc.presentNow()[k] * 10) / 10.0);
            }
            Map<String, Object> line = ((List<Map<String, Object>>) jc.get("lines")).get(0);
            assertThat(line.get("name")).isEqualTo("dock");
            long in = cc.crossings(0, 0, 0) + cc.crossings(0, 1, 0) + cc.crossings(0, 2, 0);
            long out = cc.crossings(0, 0, 1) + cc.crossings(0, 1, 1) + cc.crossings(0, 2, 1);
            assertThat(((Number) line.get("in")).longValue()).isEqualTo(in);
            assertThat(((Number) line.get("out")).longValue()).isEqualTo(out);
            assertThat(in + out).isPositive();             // the scene crosses the line: the numbers are real
            sumIn += in;
            Map<String, Object> zone = ((List<Map<String, Object>>) jc.get("zones")).get(0);
            long occ = cc.zoneOccupancy()[0][0] + cc.zoneOccupancy()[0][1] + cc.zoneOccupancy()[0][2];
            assertThat(zone).containsEntry("name", "bay");
            assertThat(((Number) zone.get("occupancy")).longValue()).isEqualTo(occ);
            assertThat((List<Map<String, Object>>) jc.get("rules"))
                    .containsExactly(Map.of("name", "person-in-bay", "active", cc.ruleActive()[0]));
        }
        Map<String, Object> totals = map(j.get("totals"));
        long totalIn = 0;
        for (Object v : map(totals.get("in")).values()) {
            totalIn += ((Number) v).longValue();
        }
        assertThat(totalIn).isEqualTo(sumIn);
        assertThat(((Number) map(totals.get("unique")).get("person")).longValue())
                .isEqualTo(counts.siteUnique(1));
    }

    @Test
    void stringsAreEscapedInJsonAndHtml() {
        String name = "Dock \"A\" <b>&\\ \n\u0001\u2028é";
        SiteStatus s = new SiteStatus("site</script>", 1L,
                List.of(new CameraStatus("d 1/x", name, State.DOWN, Double.NaN, 0, 0, -1)), null);
        String json = StatusJson.write(s);
        assertThat(json).contains("\"name\":\"Dock \\\"A\\\" \\u003cb\\u003e\\u0026\\\\ \\n\\u0001\\u2028é\"")
                .contains("\"site\":\"site\\u003c/script\\u003e\"", "\"fps\":null",
                        "\"snapshot\":\"/snapshot/d%201%2Fx.jpg\"")
                .doesNotContain("<", ">");
        Map<String, Object> back = parse(json.replace("\u2028", ""));
        assertThat(back.get("site")).isEqualTo("site</script>");

        String html = new StatusHtml().render(s);
        assertThat(html).contains("<h2>Dock &quot;A&quot; &lt;b&gt;&amp;\\ \n\u0001\u2028é</h2>",
                        "<title>Tally · site&lt;/script&gt;</title>", "src=\"/snapshot/d%201%2Fx.jpg\"")
                .doesNotContain("<b>&", "site</script>");
    }

    @Test
    void beforeTheFirstCountsEveryCameraSaysSo() {
        SiteStatus s = new SiteStatus("wh", 5L, List.of(new CameraStatus("c", "C", State.STARTING, 0, 0, 0, -1)),
                null);
        assertThat(StatusJson.write(s)).isEqualTo("{\"site\":\"wh\",\"generated_at_ms\":5,\"counts_at_ms\":null,"
                + "\"classes\":[],\"cameras_up\":0,\"cameras_total\":1,\"totals\":null,\"cameras\":[{\"id\":\"c\","
                + "\"name\":\"C\",\"state\":\"starting\",\"fps\":0,\"frames_processed\":0,\"frames_dropped\":0,"
                + "\"last_frame_age_ms\":-1,\"snapshot\":\"/snapshot/c.jpg\",\"counts\":null}]}");
        assertThat(new StatusHtml().render(s)).contains("no counts yet", "counts none yet", "class=\"cam starting\"",
                "0/1 cameras up");
    }

    @Test
    void endpointsAnswerPageJsonSnapshotsAndErrors() throws Exception {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, (byte) 0xFF, (byte) 0xD9};
        HttpEndpoint http = site.endpoint(site.live, id -> id.equals("dock-1") ? jpeg : null);
        HttpClient client = HttpClient.newHttpClient();
        try {
            String base = "http://127.0.0.1:" + http.port();
            HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(page.body()).contains("Dock 1 · north door", "Dock 2 · yard", "Gate 3",
                    "<img alt=\"latest frame of Dock 1 · north door\" src=\"/snapshot/dock-1.jpg\">",
                    "<noscript><meta http-equiv=\"refresh\" content=\"10\"></noscript>", "fetch('/status.json'")
                    .doesNotContain("http://", "https://");   // self-contained: no external assets
            assertThat(get(client, base + "/status").statusCode()).isEqualTo(200);

            HttpResponse<String> json = get(client, base + "/status.json");
            assertThat(json.statusCode()).isEqualTo(200);
            assertThat(json.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
            assertThat(parse(json.body())).containsEntry("site", "north-dc").containsEntry("cameras_total", 3);

            HttpResponse<byte[]> img = client.send(
                    HttpRequest.newBuilder(URI.create(base + "/snapshot/dock-1.jpg?t=1")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(img.statusCode()).isEqualTo(200);
            assertThat(img.headers().firstValue("Content-Type")).hasValue("image/jpeg");
            assertThat(img.body()).isEqualTo(jpeg);

            HttpResponse<String> none = get(client, base + "/snapshot/gate-3.jpg");
            assertThat(none.statusCode()).isEqualTo(503);
            assertThat(none.body()).isEqualTo("camera 'gate-3' has no frame yet\n");
            HttpResponse<String> unknown = get(client, base + "/snapshot/dock-7.jpg");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).isEqualTo("unknown camera 'dock-7'\n");
            assertThat(get(client, base + "/snapshot/dock-1.png").statusCode()).isEqualTo(404);
            assertThat(get(client, base + "/favicon.ico").statusCode()).isEqualTo(404);
            assertThat(get(client, base + "/status.jsonx").statusCode()).isEqualTo(404);
            HttpResponse<String> post = client.send(HttpRequest.newBuilder(URI.create(base + "/status.json"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(get(client, base + "/metrics").body()).contains("tally_frames_processed_total");
            assertThat(get(client, base + "/healthz").statusCode()).isEqualTo(200);
        } finally {
            http.stop();
        }
    }

    private static HttpResponse<String> get(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
