package dev.vectorflow.ports.out.vector.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

    /**
     * Follows a pipeline's log file from byte {@code offset} ({@link #FROM_END}: from its end now), whichever Vector
     * process writes it: one tail per pipeline outlives its processes, so no line is lost between a stop and a start.
     */
    VectorLog tail(Path logFile, long offset);

    /** For {@link #tail}: start at the current end of the file (nothing written before is read). */
    long FROM_END = -1;

    /**
     * Runs Vector once on these files in {@code workingDirectory} with {@code input} as its standard input, until it
     * exits (it does when a {@code stdin} source reaches the end) or {@code timeout} passes (then it is killed). No
     * session of its own, no adoption: a throwaway process (a preview).
     */
    BatchRun runBatch(List<Path> configFiles, Path workingDirectory, byte[] input, Map<String, String> environment, Duration timeout);

    /** How a batch run ended: {@code finished} false when it was killed at the time limit; its output, at most 64 KiB. */
    record BatchRun(boolean finished, int exitCode, String output) {
    }

    /** What {@code vector validate} said: valid or not, and its error lines without the leading {@code x}. */
    record Validation(boolean valid, List<String> errors) {
        public Validation {
            errors = List.copyOf(errors);
        }
    }
}
