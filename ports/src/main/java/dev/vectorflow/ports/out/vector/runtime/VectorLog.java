package dev.vectorflow.ports.out.vector.runtime;

import java.util.List;

/**
 * The output of one pipeline's Vector: its log file, followed across reloads, restarts and agent restarts (whichever
 * process writes it), read in whole lines from a bounded ring.
 */
public interface VectorLog {

    /** Lines written since the last call, oldest first; when more arrived than the ring holds, the first line says how many were dropped. */
    List<String> newLines();

    /** How far the file has been read (bytes), to resume there after an agent restart. */
    long offset();
}
