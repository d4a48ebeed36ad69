package dev.tally.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.TallyException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of broken configs: each {@code config/broken/NAME.conf} shows one failure class and
 * {@code NAME.expected} holds the exact problem lines it must produce ({dir} stands for the corpus directory).
 */
class BrokenConfigTest {

    static Path corpus() throws URISyntaxException {
        return Path.of(BrokenConfigTest.class.getResource("/config/broken/model.onnx").toURI()).getParent();
    }

    static Stream<String> cases() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(corpus())) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".conf")).map(n -> n.substring(0, n.length() - 5)).sorted().toList();
            return names.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsExactlyTheExpectedProblems(String name) throws Exception {
        Path dir = corpus();
        String expected = Files.readString(dir.resolve(name + ".expected")).strip().replace("{dir}", dir.toString());
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve(name + ".conf")))
                .isInstanceOfSatisfying(TallyException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(TallyException.BAD_CONFIG);
                    assertThat(e.getMessage()).isEqualTo(expected);
                    assertThat(e.getCause()).isNull();
                });
    }

    @Test
    void corpusCoversAtLeast25FailureClassesEachWithItsExpectedText() throws Exception {
        List<String> names = cases().toList();
        assertThat(names).hasSizeGreaterThanOrEqualTo(25);
        for (String n : names) {
            assertThat(corpus().resolve(n + ".expected")).as(n).exists();
        }
    }
}
