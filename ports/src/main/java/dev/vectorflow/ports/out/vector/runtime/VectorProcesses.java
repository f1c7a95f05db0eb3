package dev.vectorflow.ports.out.vector.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Driven port: the {@code vector} binary on this node: its version, {@code validate}, launching and adopting processes. */
public interface VectorProcesses {

    /** The first line of {@code vector --version}, or a sentence saying why there is none. */
    String version();

    /** {@code vector validate --no-environment} on these files, run in {@code workingDirectory}. */
    Validation validate(List<Path> configFiles, Path workingDirectory);

    /** Starts Vector with these files; its output goes to the launch's log file, not to this process. */
    VectorProcess launch(VectorLaunch launch) throws VectorFailure;

    /**
     * The running process {@code pid} when it is the Vector of this launch (its command line names the launch's
     * first config file); empty when it is gone or something else.
     */
    Optional<VectorProcess> adopt(long pid, VectorLaunch launch);

    /** What {@code vector validate} said: valid or not, and its error lines without the leading {@code x}. */
    record Validation(boolean valid, List<String> errors) {
        public Validation {
            errors = List.copyOf(errors);
        }
    }
}
