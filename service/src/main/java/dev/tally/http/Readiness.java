package dev.tally.http;

import dev.tally.Json;
import dev.tally.publish.PublisherHealth;
import dev.tally.publish.TallyMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Decides what /readyz answers. Not ready (HTTP 503) when the pipeline is not playing or no camera is up;
 * ready but {@code degraded} (HTTP 200) when some cameras are down, Redis is unreachable (counts keep
 * accumulating and events are spooled meanwhile) or the event spool cannot be written (events wait in memory);
 * {@code ready} otherwise. The JSON body spells out each state:
 *
 * <pre>{"status":"degraded","pipeline":"playing","cameras":{"up":1,"total":2,"down":["dock-2"]},
 *  "redis":"unreachable","redis_pending_events":12,"problems":["camera dock-2 down","redis unreachable"]}</pre>
 */
public final class Readiness {
    private final BooleanSupplier pipelinePlaying;
    private final TallyMetrics metrics;
    private final PublisherHealth redis;

    /** @param redis the publisher, {@link PublisherHealth#DISABLED} when Redis publishing is disabled */
    public Readiness(BooleanSupplier pipelinePlaying, TallyMetrics metrics, PublisherHealth redis) {
        this.pipelinePlaying = pipelinePlaying;
        this.metrics = metrics;
        this.redis = redis;
    }

    /** The answer: HTTP status and JSON body. */
    public record Answer(int httpStatus, String json) {}

    public Answer check() {
        boolean playing = pipelinePlaying.getAsBoolean();
        int[] up = metrics.sourcesUp();
        List<String> down = metrics.camerasDown();
        List<String> problems = new ArrayList<>();
        if (!playing) {
            problems.add("pipeline not playing");
        }
        if (up[1] > 0 && up[0] == 0) {
            problems.add("no camera up");
        }
        boolean fatal = !problems.isEmpty();
        for (String d : down) {
            problems.add("camera " + d + " down");
        }
        String redisState = !redis.enabled() ? "disabled" : redis.reachable() ? "ok" : "unreachable";
        if (redisState.equals("unreachable")) {
            problems.add("redis unreachable");
        }
        if (redis.spoolUnwritable()) {
            problems.add("event spool unwritable (" + redis.unspooledEvents() + " events in memory)");
        }
        String status = fatal ? "not_ready" : problems.isEmpty() ? "ready" : "degraded";
        String json = Json.compact(w -> {
            w.beginObject().name("status").value(status).name("pipeline").value(playing ? "playing" : "stopped");
            w.name("cameras").beginObject().name("up").value(up[0]).name("total").value(up[1]);
            Json.strings(w.name("down"), down).endObject();
            w.name("redis").value(redisState);
            if (redis.enabled()) {
                w.name("redis_pending_events").value(redis.pendingEvents());
            }
            Json.strings(w.name("problems"), problems).endObject();
        });
        return new Answer(fatal ? 503 : 200, json);
    }
}
