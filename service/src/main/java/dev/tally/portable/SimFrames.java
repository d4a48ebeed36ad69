package dev.tally.portable;

import dev.tally.TallyException;
import dev.tally.sim.SimSpec;
import dev.tally.sim.WarehouseSim;
import java.net.URI;
import java.nio.ByteBuffer;

/** Adapts the synthetic warehouse camera ({@link WarehouseSim}) to {@link SyntheticFrames}. */
final class SimFrames implements SyntheticFrames {
    private final WarehouseSim sim;

    private SimFrames(WarehouseSim sim) {
        this.sim = sim;
    }

    static SyntheticFrames open(URI uri) {
        SimSpec spec;
        try {
            spec = SimSpec.fromUri(uri);
        } catch (IllegalArgumentException e) {
            throw TallyException.badConfig(e.getMessage());
        }
        return new SimFrames(new WarehouseSim(spec));
    }

    @Override
    public int width() {
        return sim.spec().width();
    }

    @Override
    public int height() {
        return sim.spec().height();
    }

    @Override
    public int fps() {
        return sim.spec().fps();
    }

    @Override
    public void next(ByteBuffer rgb) {
        sim.next(rgb);
    }
}
