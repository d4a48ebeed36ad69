package dev.tally.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongIntMapTest {
    @Test
    void behavesLikeAHashMapUnderRandomOperations() {
        LongIntMap m = new LongIntMap(256);
        Map<Long, Integer> ref = new HashMap<>();
        Random r = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            long k = r.nextInt(400);
            if (r.nextBoolean() && ref.size() < 256) {
                m.put(k, i);
                ref.put(k, i);
            } else {
                assertThat(m.remove(k)).isEqualTo(ref.getOrDefault(k, LongIntMap.MISSING));
                ref.remove(k);
            }
            long q = r.nextInt(400);
            assertThat(m.get(q)).isEqualTo(ref.getOrDefault(q, LongIntMap.MISSING));
            assertThat(m.size()).isEqualTo(ref.size());
        }
    }
}
