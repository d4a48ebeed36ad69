package dev.tally.http;

import dev.tally.publish.RedisPublisher;
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
    private final RedisPublisher redis;

    /** @param redis null when Redis publishing is disabled */
    public Readiness(BooleanSupplier pipelinePlaying, TallyMetrics metrics, RedisPublisher redis) {
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
        String redisState = redis == null ? "disabled" : redis.reachable() ? "ok" : "unreachable";
        if (redisState.equals("unreachable")) {
            problems.add("redis unreachable");
        }
        if (redis != null && redis.spoolUnwritable()) {
            problems.add("event spool unwritable (" + redis.unspooledEvents() + " events in memory)");
        }
        String status = fatal ? "not_ready" : problems.isEmpty() ? "ready" : "degraded";
        StringBuilder sb = new StringBuilder(256);
        sb.append("{\"status\":\"").append(status).append("\",\"pipeline\":\"")
                .append(playing ? "playing" : "stopped").append("\",\"cameras\":{\"up\":").append(up[0])
                .append(",\"total\":").append(up[1]).append(",\"down\":");
        strings(sb, down);
        sb.append("},\"redis\":\"").append(redisState).append('"');
        if (redis != null) {
            sb.append(",\"redis_pending_events\":").append(redis.pendingEvents());
        }
        sb.append(",\"problems\":");
        strings(sb, problems);
        sb.append('}');
        return new Answer(fatal ? 503 : 200, sb.toString());
    }

    private static void strings(StringBuilder sb, List<String> items) {
        sb.append('[');
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            dev.tally.JsonStrings.append(sb, items.get(i));
        }
        sb.append(']');
    }
}
