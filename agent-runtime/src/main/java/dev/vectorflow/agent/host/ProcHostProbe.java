package dev.vectorflow.agent.host;

import dev.vectorflow.agent.port.HostProbe;
import dev.vectorflow.ports.protocol.HostMetrics;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@link HostProbe} from Linux's {@code /proc} ({@code stat}, {@code loadavg}, {@code meminfo}, {@code diskstats},
 * {@code net/dev}) and the file system holding the agent's data directory. A file that cannot be read leaves its
 * fields null.
 */
public final class ProcHostProbe implements HostProbe {

    private static final double USER_HZ = 100.0;

    private final Path proc;
    private final Path sysBlock;
    private final Path dataDirectory;

    public ProcHostProbe(Path proc, Path sysBlock, Path dataDirectory) {
        this.proc = proc;
        this.sysBlock = sysBlock;
        this.dataDirectory = dataDirectory;
    }

    public static ProcHostProbe ofThisHost(Path dataDirectory) {
        return new ProcHostProbe(Path.of("/proc"), Path.of("/sys/block"), dataDirectory);
    }

    @Override
    public HostMetrics probe() {
        Double cpuTotal = null;
        Double cpuIdle = null;
        for (String line : lines("stat")) {
            if (line.startsWith("cpu ")) {
                String[] f = line.trim().split("\\s+");
                double total = 0;
                // user nice system idle iowait irq softirq steal (guest time is already inside user)
                for (int i = 1; i < Math.min(f.length, 9); i++) {
                    total += Double.parseDouble(f[i]);
                }
                cpuTotal = total / USER_HZ;
                cpuIdle = (Double.parseDouble(f[4]) + (f.length > 5 ? Double.parseDouble(f[5]) : 0)) / USER_HZ;
            }
        }
        Double load1 = null;
        Double load5 = null;
        Double load15 = null;
        List<String> loadavg = lines("loadavg");
        if (!loadavg.isEmpty()) {
            String[] f = loadavg.getFirst().trim().split("\\s+");
            load1 = Double.parseDouble(f[0]);
            load5 = Double.parseDouble(f[1]);
            load15 = Double.parseDouble(f[2]);
        }
        Long memTotal = null;
        Long memAvailable = null;
        Long memFree = null;
        for (String line : lines("meminfo")) {
            String[] f = line.split("\\s+");
            if (f.length >= 2) {
                long bytes = Long.parseLong(f[1]) * 1024;
                switch (f[0]) {
                    case "MemTotal:" -> memTotal = bytes;
                    case "MemAvailable:" -> memAvailable = bytes;
                    case "MemFree:" -> memFree = bytes;
                    default -> {
                        // other fields are not reported
                    }
                }
            }
        }
        Long memUsed = memTotal != null && memAvailable != null ? memTotal - memAvailable : null;
        Long memFreeReported = memAvailable != null ? memAvailable : memFree;
        Long fsTotal = null;
        Long fsFree = null;
        Long fsUsed = null;
        try {
            FileStore store = Files.getFileStore(existing(dataDirectory));
            fsTotal = store.getTotalSpace();
            fsFree = store.getUsableSpace();
            fsUsed = fsTotal - store.getUnallocatedSpace();
        } catch (IOException ignored) {
            // no file system figures this time
        }
        long read = 0;
        long written = 0;
        boolean disks = false;
        for (String line : lines("diskstats")) {
            String[] f = line.trim().split("\\s+");
            // whole devices only (those under /sys/block), not loop or ram devices, so partitions are not counted twice
            if (f.length > 9 && Files.isDirectory(sysBlock.resolve(f[2])) && !f[2].startsWith("loop") && !f[2].startsWith("ram")) {
                read += Long.parseLong(f[5]) * 512;
                written += Long.parseLong(f[9]) * 512;
                disks = true;
            }
        }
        long rx = 0;
        long tx = 0;
        boolean nets = false;
        for (String line : lines("net/dev")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            String[] f = line.substring(colon + 1).trim().split("\\s+");
            if (!name.equals("lo") && f.length >= 9) {
                rx += Long.parseLong(f[0]);
                tx += Long.parseLong(f[8]);
                nets = true;
            }
        }
        return new HostMetrics(cpuTotal, cpuIdle, load1, load5, load15, memTotal, memUsed, memFreeReported, fsTotal, fsUsed, fsFree,
                disks ? read : null, disks ? written : null, nets ? rx : null, nets ? tx : null);
    }

    private static Path existing(Path dir) {
        Path p = dir.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p == null ? Path.of("/") : p;
    }

    private List<String> lines(String name) {
        try {
            return Files.readAllLines(proc.resolve(name));
        } catch (IOException e) {
            return List.of();
        }
    }
}
