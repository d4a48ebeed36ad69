package dev.tally.lifecycle;

/** A pipeline backend (DeepStream or portable): a component that can say whether its pipeline plays (/readyz). */
public interface PipelineBackend extends Component {
    /** True between a successful start and stop. */
    boolean playing();
}
