package dev.tally.lifecycle;

/** A pipeline backend (DeepStream or portable): a component that can say whether its pipeline plays (/readyz). */
public interface PipelineBackend extends Component {
    /** True between a successful start and stop. */
    boolean playing();

    /** Stands in until the backend is built: not playing, nothing to start or stop. */
    PipelineBackend NONE = new PipelineBackend() {
        @Override
        public String name() {
            return "no pipeline";
        }

        @Override
        public void start() {
        }

        @Override
        public void stop() {
        }

        @Override
        public boolean playing() {
            return false;
        }
    };
}
