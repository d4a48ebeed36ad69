package dev.tally.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class SimSpecTest {

    @Test
    void defaultsApplyToABareUri() {
        SimSpec s = SimSpec.fromUri(URI.create("sim://warehouse?seed=7"));
        assertThat(s).isEqualTo(new SimSpec(7, 1280, 720, 30, 6, 2, 4));
        assertThat(s.frameBytes()).isEqualTo(1280 * 720 * 3);
        assertThat(SimSpec.fromUri(URI.create("sim://warehouse")).seed()).isZero();
    }

    @Test
    void parsesEveryKeyAndRoundTrips() {
        SimSpec s = SimSpec.fromUri(URI.create(
                "sim://warehouse?seed=-3&width=640&height=360&fps=15&people=9&forklifts=1&pallets=0"));
        assertThat(s).isEqualTo(new SimSpec(-3, 640, 360, 15, 9, 1, 0));
        assertThat(SimSpec.fromUri(s.toUri())).isEqualTo(s);
    }

    @Test
    void unknownKeyIsNamed() {
        assertThatThrownBy(() -> SimSpec.fromUri(URI.create("sim://warehouse?seed=1&peple=3")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("synthetic camera URI 'sim://warehouse?seed=1&peple=3': unknown key 'peple' "
                        + "(allowed: seed, width, height, fps, people, forklifts, pallets)");
    }

    @Test
    void badValuesAreNamed() {
        assertThatThrownBy(() -> SimSpec.fromUri(URI.create("sim://warehouse?width=wide")))
                .hasMessage("synthetic camera URI 'sim://warehouse?width=wide': width must be an integer, got 'wide'");
        assertThatThrownBy(() -> SimSpec.fromUri(URI.create("sim://warehouse?fps=500")))
                .hasMessage("synthetic camera URI 'sim://warehouse?fps=500': fps must be in 1..120, got 500");
        assertThatThrownBy(() -> SimSpec.fromUri(URI.create("sim://office?seed=1")))
                .hasMessage("synthetic camera URI 'sim://office?seed=1' must start with sim://warehouse");
        assertThatThrownBy(() -> SimSpec.fromUri(URI.create("sim://warehouse/x")))
                .hasMessageContaining("must have no path");
    }
}
