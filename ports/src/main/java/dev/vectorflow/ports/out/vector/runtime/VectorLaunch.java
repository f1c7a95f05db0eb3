package dev.vectorflow.ports.out.vector.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** How to start one pipeline's Vector: its directory, config files, log file and extra environment. */
public record VectorLaunch(Path workingDirectory, List<Path> configFiles, Path logFile, Map<String, String> environment) {

    public VectorLaunch {
        if (configFiles.isEmpty()) {
            throw new IllegalArgumentException("'configFiles' must name at least one file");
        }
        configFiles = List.copyOf(configFiles);
        environment = Map.copyOf(environment);
    }
}
