package dev.vectorflow.bench.footprint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One look at a process through {@code /proc}: resident and proportional set size, threads and CPU ticks so far.
 * Sizes in kB as the kernel reports them.
 */
record ProcSample(long rssKb, long hwmKb, long pssKb, long pssAnonKb, long pssFileKb, int threads, long cpuTicks) {

    static ProcSample of(long pid) throws IOException {
        Path proc = Path.of("/proc", Long.toString(pid));
        List<String> status = Files.readAllLines(proc.resolve("status"));
        List<String> rollup = Files.readAllLines(proc.resolve("smaps_rollup"));
        return new ProcSample(number(status, "VmRSS:"), number(status, "VmHWM:"), number(rollup, "Pss:"),
                number(rollup, "Pss_Anon:"), number(rollup, "Pss_File:"), (int) number(status, "Threads:"), cpuTicks(Files.readString(proc.resolve("stat"))));
    }

    /** utime + stime, fields 14 and 15 of {@code /proc/<pid>/stat} (counted after the parenthesised command name). */
    static long cpuTicks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** The process's threads by name, digits folded ({@code vf-scrape-3} counts as {@code vf-scrape-#}). */
    static Map<String, Integer> threadNames(long pid) throws IOException {
        Map<String, Integer> names = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip().replaceAll("[0-9]+", "#");
                    names.merge(name, 1, Integer::sum);
                } catch (IOException gone) {
                    // the thread ended while we looked
                }
            }
        }
        return names;
    }

    private static long number(List<String> lines, String key) {
        for (String line : lines) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.substring(key.length()).strip().split("\\s+")[0]);
            }
        }
        return -1;
    }
}
