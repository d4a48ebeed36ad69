package dev.tally.http;

import com.google.gson.stream.JsonWriter;
import dev.tally.Json;
import dev.tally.analytics.CountsSnapshot;
import dev.tally.analytics.CountsSnapshot.CameraCounts;
import dev.tally.http.StatusSource.CameraStatus;
import dev.tally.http.StatusSource.SiteStatus;
import dev.tally.http.StatusSource.State;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes {@code /status.json} (documented field by field in docs/status-page.md). Per-class values are objects
 * keyed by class label; {@code counts} of a camera is null until analytics published counts for it.
 *
 * <pre>{"site":"wh","generated_at_ms":1700000000000,"counts_at_ms":1700000000000,"classes":["person"],
 *  "cameras_up":1,"cameras_total":1,"totals":{"present":{"person":2},"unique":{"person":9},"in":{"person":4},
 *  "out":{"person":3}},"cameras":[{"id":"dock-1","name":"Dock 1","state":"up","fps":29.9,
 *  "frames_processed":900,"frames_dropped":0,"last_frame_age_ms":20,"snapshot":"/snapshot/dock-1.jpg",
 *  "counts":{"present":{"person":2},"unique":{"person":9},"lines":[{"name":"door","in":4,"out":3}],
 *  "zones":[{"name":"bay","occupancy":1}],"rules":[{"name":"person-in-bay","active":true}]}}]}</pre>
 */
final class StatusJson {
    private StatusJson() {
    }

    static String write(SiteStatus s) {
        return Json.compact(w -> site(w, s));
    }

    private static void site(JsonWriter w, SiteStatus s) throws IOException {
        CountsSnapshot c = s.counts();
        List<String> classes = c == null ? List.of() : c.classes();
        w.beginObject();
        w.name("site").value(s.site());
        w.name("generated_at_ms").value(s.atMillis());
        w.name("counts_at_ms");
        if (c == null) {
            w.nullValue();
        } else {
            w.value(c.takenAtMillis());
        }
        Json.strings(w.name("classes"), classes);
        w.name("cameras_up").value(camerasUp(s));
        w.name("cameras_total").value(s.cameras().size());
        w.name("totals");
        if (c == null) {
            w.nullValue();
        } else {
            double[] present = new double[classes.size()];
            long[] unique = new long[classes.size()];
            long[] in = new long[classes.size()];
            long[] out = new long[classes.size()];
            for (int k = 0; k < classes.size(); k++) {
                present[k] = c.sitePresent(k);
                unique[k] = c.siteUnique(k);
                in[k] = c.siteCrossings(k, 0);
                out[k] = c.siteCrossings(k, 1);
            }
            w.beginObject();
            perClass(w.name("present"), classes, present);
            perClass(w.name("unique"), classes, unique);
            perClass(w.name("in"), classes, in);
            perClass(w.name("out"), classes, out);
            w.endObject();
        }
        w.name("cameras").beginArray();
        for (CameraStatus cam : s.cameras()) {
            camera(w, cam, c == null ? null : c.camera(cam.id()), c);
        }
        w.endArray().endObject();
    }

    static int camerasUp(SiteStatus s) {
        int up = 0;
        for (CameraStatus cam : s.cameras()) {
            if (cam.state() == State.UP) {
                up++;
            }
        }
        return up;
    }

    /** The snapshot path of a camera, its id percent-encoded as one path segment. */
    static String snapshotPath(String cameraId) {
        return "/snapshot/" + URLEncoder.encode(cameraId, StandardCharsets.UTF_8).replace("+", "%20") + ".jpg";
    }

    private static void camera(JsonWriter w, CameraStatus cam, CameraCounts cc, CountsSnapshot snap)
            throws IOException {
        w.beginObject();
        w.name("id").value(cam.id());
        w.name("name").value(cam.name());
        w.name("state").value(cam.state().key());
        Json.oneDecimal(w.name("fps"), cam.fps());
        w.name("frames_processed").value(cam.framesProcessed());
        w.name("frames_dropped").value(cam.framesDropped());
        w.name("last_frame_age_ms").value(cam.lastFrameAgeMillis());
        w.name("snapshot").value(snapshotPath(cam.id()));
        w.name("counts");
        if (cc == null) {
            w.nullValue().endObject();
            return;
        }
        List<String> classes = snap.classes();
        w.beginObject();
        perClass(w.name("present"), classes, cc.presentNow());
        perClass(w.name("unique"), classes, cc.unique());
        w.name("lines").beginArray();
        for (int l = 0; l < cc.lines().size(); l++) {
            long in = 0;
            long out = 0;
            for (long[] perDir : cc.crossings()[l]) {
                in += perDir[0];
                out += perDir[1];
            }
            w.beginObject().name("name").value(cc.lines().get(l)).name("in").value(in).name("out").value(out)
                    .endObject();
        }
        w.endArray();
        w.name("zones").beginArray();
        for (int z = 0; z < cc.zones().size(); z++) {
            long occ = 0;
            for (long v : cc.zoneOccupancy()[z]) {
                occ += v;
            }
            w.beginObject().name("name").value(cc.zones().get(z)).name("occupancy").value(occ).endObject();
        }
        w.endArray();
        w.name("rules").beginArray();
        boolean[] active = cc.ruleActive();
        for (int r = 0; r < snap.rules().size() && r < active.length; r++) {
            w.beginObject().name("name").value(snap.rules().get(r)).name("active").value(active[r]).endObject();
        }
        w.endArray().endObject().endObject();
    }

    private static void perClass(JsonWriter w, List<String> classes, double[] v) throws IOException {
        w.beginObject();
        for (int k = 0; k < classes.size(); k++) {
            Json.oneDecimal(w.name(classes.get(k)), v[k]);
        }
        w.endObject();
    }

    private static void perClass(JsonWriter w, List<String> classes, long[] v) throws IOException {
        w.beginObject();
        for (int k = 0; k < classes.size(); k++) {
            w.name(classes.get(k)).value(v[k]);
        }
        w.endObject();
    }
}
