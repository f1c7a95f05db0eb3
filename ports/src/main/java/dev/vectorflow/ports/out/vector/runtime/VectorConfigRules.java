package dev.vectorflow.ports.out.vector.runtime;

import java.util.List;

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

    /** Component ids the agent reserves for its sidecar. */
    String RESERVED_PREFIX = "vf_";
}
