package dev.vectorflow.ports.out.vector.runtime;

import java.util.List;
import java.util.function.Function;

/** Driven port: the Vector config knowledge the agent needs to run a pipeline it did not write. */
public interface VectorConfigRules {

    /**
     * The config the agent adds beside a pipeline's own: its {@code data_dir}, the {@code api} block (for
     * {@code /health}), an {@code internal_metrics} source into a loopback {@code prometheus_exporter} sink (ids
     * starting {@code vf_}), and the {@code exec} secret backend {@code vectorflow} when {@code secretCommand} is not empty.
     */
    String sidecar(String dataDir, String apiAddress, String metricsAddress, List<String> secretCommand);

    /** True when going from one config to the other changes a global option, which Vector refuses to reload. */
    boolean requiresRestart(String configBefore, String configAfter);

    /**
     * A throwaway config for a preview run of {@code configYaml}: every source replaced by one {@code stdin} source
     * ({@value #PREVIEW_SOURCE}, NDJSON) wired to whatever the sources fed, every sink by a {@code file} sink (json codec)
     * writing to {@code sinkFile} of its id, no {@code api}, {@code tests} or health checks, its own {@code data_dir}, and
     * the {@code exec} secret backend when {@code secretCommand} is not empty.
     *
     * @throws IllegalArgumentException when the config cannot be read or has no sink
     */
    PreviewConfig previewConfig(String configYaml, String dataDir, Function<String, String> sinkFile, List<String> secretCommand);

    /** A preview's config and the ids of the sinks it writes (in the config's order). */
    record PreviewConfig(String yaml, List<String> sinkIds) {
        public PreviewConfig {
            sinkIds = List.copyOf(sinkIds);
        }
    }

    /** The id of the source a preview config reads its events from. */
    String PREVIEW_SOURCE = "vf_preview_in";

    /** Component ids the agent reserves for its sidecar. */
    String RESERVED_PREFIX = "vf_";
}
