package dev.tally.proof;

import java.util.List;
import java.util.Map;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;

/** What Redis holds for site "proof": line crossings in the per-camera totals, and events by kind. */
record CountCheck(double totalsCrossings, long streamCrossings, long streamEnters) {

    static CountCheck read(int redisPort, int cameras) {
        double crossings = 0;
        long sc = 0;
        long se = 0;
        try (Jedis j = new Jedis("127.0.0.1", redisPort)) {
            for (int c = 1; c <= cameras; c++) {
                for (Map.Entry<String, String> e : j.hgetAll("tally:{proof}:cam:cam-" + c + ":totals").entrySet()) {
                    if (e.getKey().startsWith("line:")) {
                        crossings += Double.parseDouble(e.getValue());
                    }
                }
            }
            StreamEntryID from = new StreamEntryID(0, 0);
            while (true) {
                List<StreamEntry> batch = j.xrange("tally:{proof}:events", from, (StreamEntryID) null, 1000);
                for (StreamEntry e : batch) {
                    String kind = e.getFields().get("kind");
                    sc += "crossing".equals(kind) ? 1 : 0;
                    se += "zone_enter".equals(kind) ? 1 : 0;
                }
                if (batch.size() < 1000) {
                    break;
                }
                StreamEntryID last = batch.get(batch.size() - 1).getID();
                from = new StreamEntryID(last.getTime(), last.getSequence() + 1);
            }
        }
        return new CountCheck(crossings, sc, se);
    }
}
