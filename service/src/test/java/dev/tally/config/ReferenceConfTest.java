package dev.tally.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** reference.conf is the documentation of every option: each key has a comment line directly above it. */
class ReferenceConfTest {
    private static final Pattern KEY = Pattern.compile("^\\s*([a-z][a-z0-9-]*)\\s*(=|\\{)");

    @Test
    void everyKeyHasACommentDirectlyAbove() throws IOException {
        List<String> lines;
        try (InputStream in = ReferenceConfTest.class.getResourceAsStream("/reference.conf")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        List<String> undocumented = new ArrayList<>();
        int keys = 0;
        for (int i = 0; i < lines.size(); i++) {
            var m = KEY.matcher(lines.get(i));
            if (!m.find()) {
                continue;
            }
            keys++;
            String above = i > 0 ? lines.get(i - 1).strip() : "";
            // `uri = ${?TALLY_REDIS_URI}` right below `uri = "..."` is the same key's environment override.
            boolean envOverride = above.matches(Pattern.quote(m.group(1)) + "\\s*=.*")
                    && lines.get(i).contains("${?");
            if (!above.startsWith("#") && !envOverride) {
                undocumented.add((i + 1) + ": " + lines.get(i).strip());
            }
        }
        assertThat(keys).isGreaterThan(80);
        assertThat(undocumented).isEmpty();
    }
}
