package dev.vectorflow.adapter.vector.process;

import dev.vectorflow.ports.out.vector.runtime.VectorLog;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A bounded ring of a pipeline's output lines, fed by tailing its log file (Vector writes to a file, not to a pipe of
 * the agent, so that it survives an agent restart; every process of the pipeline appends to the same file, so one
 * ring follows them all). Whole lines only; a partial last line waits for its end. When more than {@code capacity}
 * lines arrive between two drains, the oldest go and the drain says how many.
 */
final class OutputRing implements VectorLog {

    private final Path file;
    private final int capacity;
    private final long truncateAbove;
    private final Deque<String> lines = new ArrayDeque<>();
    private long offset;
    private long dropped;
    private final StringBuilder partial = new StringBuilder();

    /** Reads from byte {@code start}; a negative start means the current end of the file (0 when there is none). */
    OutputRing(Path file, int capacity, long truncateAbove, long start) {
        this.file = file;
        this.capacity = capacity;
        this.truncateAbove = truncateAbove;
        long end;
        try {
            end = Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            end = 0;
        }
        // a file shorter than the offset was cut (or replaced) since: start again at its beginning
        this.offset = start < 0 ? end : start > end ? 0 : start;
    }

    @Override
    public synchronized List<String> newLines() {
        readNew();
        List<String> out = new ArrayList<>(lines.size() + 1);
        if (dropped > 0) {
            out.add("[vectorflow-agent] " + dropped + " output lines dropped (ring of " + capacity + " lines)");
            dropped = 0;
        }
        out.addAll(lines);
        lines.clear();
        return out;
    }

    @Override
    public synchronized long offset() {
        return offset;
    }

    private void readNew() {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            long size = raf.length();
            if (size < offset) {
                offset = 0; // truncated by someone else
            }
            if (size > offset) {
                raf.seek(offset);
                byte[] chunk = new byte[(int) Math.min(size - offset, 4 * 1024 * 1024)];
                raf.readFully(chunk);
                offset += chunk.length;
                append(new String(chunk, StandardCharsets.UTF_8));
            }
            // Vector appends (O_APPEND), so cutting the file keeps its next writes at the new end.
            if (offset >= truncateAbove && offset == raf.length()) {
                raf.setLength(0);
                offset = 0;
            }
        } catch (IOException e) {
            // no log file yet (or gone): nothing new to read
        }
    }

    private void append(String text) {
        partial.append(text);
        int start = 0;
        for (int i = 0; i < partial.length(); i++) {
            if (partial.charAt(i) == '\n') {
                add(partial.substring(start, i));
                start = i + 1;
            }
        }
        partial.delete(0, start);
    }

    private void add(String line) {
        if (lines.size() == capacity) {
            lines.removeFirst();
            dropped++;
        }
        lines.addLast(line);
    }
}
