package dev.vectorflow.adapter.vector.process;

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
 * A bounded ring of a Vector process's output lines, fed by tailing its log file (Vector writes to a file, not to a
 * pipe of the agent, so that it survives an agent restart). Whole lines only; a partial last line waits for its end.
 * When more than {@code capacity} lines arrive between two drains, the oldest go and the drain says how many.
 */
final class OutputRing {

    private final Path file;
    private final int capacity;
    private final long truncateAbove;
    private final Deque<String> lines = new ArrayDeque<>();
    private long offset;
    private long dropped;
    private final StringBuilder partial = new StringBuilder();

    OutputRing(Path file, int capacity, long truncateAbove, boolean fromEnd) {
        this.file = file;
        this.capacity = capacity;
        this.truncateAbove = truncateAbove;
        try {
            this.offset = fromEnd && Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            this.offset = 0;
        }
    }

    synchronized List<String> drain() {
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
