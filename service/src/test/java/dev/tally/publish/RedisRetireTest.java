package dev.tally.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a publish after a reload removes: hashes of removed cameras, fields of removed lines, zones and rules. */
class RedisRetireTest {
    @Test
    void keysAndFieldsNoLongerWrittenAreRetiredAndNothingElse() {
        Map<String, Set<String>> before = new LinkedHashMap<>();
        before.put("tally:wh:cam:a:totals", Set.of("unique:person", "line:l1:person:in", "rule:r"));
        before.put("tally:wh:cam:b:totals", Set.of("unique:person"));
        before.put("tally:wh:cam:b:now", Set.of("person", "updated_ms"));
        before.put("tally:daemon:wh@h", Set.of("unique:person"));
        Map<String, Map<String, String>> now = new LinkedHashMap<>();
        now.put("tally:wh:cam:a:totals", Map.of("unique:person", "3", "line:l2:person:in", "0", "rule:r", "0"));
        now.put("tally:wh:cam:c:totals", Map.of("unique:person", "0"));
        now.put("tally:daemon:wh@h", Map.of("unique:person", "4"));

        Map<String, List<String>> gone = RedisSchema.retired(before, now);
        assertThat(gone).containsOnlyKeys("tally:wh:cam:a:totals", "tally:wh:cam:b:totals", "tally:wh:cam:b:now");
        assertThat(gone.get("tally:wh:cam:a:totals")).containsExactly("line:l1:person:in");
        assertThat(gone.get("tally:wh:cam:b:totals")).isNull(); // DEL
        assertThat(gone.get("tally:wh:cam:b:now")).isNull();
        assertThat(RedisSchema.retired(null, now)).isEmpty(); // nothing written yet by this run
    }
}
