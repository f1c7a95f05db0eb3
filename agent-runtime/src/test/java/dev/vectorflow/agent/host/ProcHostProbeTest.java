package dev.vectorflow.agent.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.ports.protocol.HostMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcHostProbeTest {

    @TempDir
    Path root;

    @Test
    void readsCpuLoadMemoryDisksAndNetworkFromProc() throws Exception {
        Path proc = Files.createDirectories(root.resolve("proc"));
        Path sys = Files.createDirectories(root.resolve("sys/block/sda"));
        Files.createDirectories(proc.resolve("net"));
        Files.writeString(proc.resolve("stat"), "cpu  100 0 50 800 50 0 0 0 0 0\ncpu0 100 0 50 800 50 0 0 0 0 0\n");
        Files.writeString(proc.resolve("loadavg"), "0.50 0.40 0.30 1/100 1234\n");
        Files.writeString(proc.resolve("meminfo"), "MemTotal:       1000 kB\nMemFree:         200 kB\nMemAvailable:    600 kB\n");
        Files.writeString(proc.resolve("diskstats"), """
                   8       0 sda 10 0 100 0 20 0 200 0 0 0 0
                   8       1 sda1 10 0 100 0 20 0 200 0 0 0 0
                   7       0 loop0 10 0 999 0 20 0 999 0 0 0 0
                """);
        Files.writeString(proc.resolve("net/dev"), """
                Inter-|   Receive                                                |  Transmit
                 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
                    lo: 5000 1 0 0 0 0 0 0 5000 1 0 0 0 0 0 0
                  eth0: 3000 1 0 0 0 0 0 0 4000 1 0 0 0 0 0 0
                """);

        HostMetrics m = new ProcHostProbe(proc, sys.getParent(), root).probe();

        assertThat(m.cpuSecondsTotal()).isEqualTo(10.0);
        assertThat(m.cpuSecondsIdle()).isEqualTo(8.5);
        assertThat(m.loadAvg1()).isEqualTo(0.5);
        assertThat(m.loadAvg15()).isEqualTo(0.3);
        assertThat(m.memoryTotalBytes()).isEqualTo(1_024_000);
        assertThat(m.memoryUsedBytes()).isEqualTo(409_600);
        assertThat(m.memoryFreeBytes()).isEqualTo(614_400);
        assertThat(m.diskReadBytes()).as("whole disks only").isEqualTo(100 * 512);
        assertThat(m.diskWrittenBytes()).isEqualTo(200 * 512);
        assertThat(m.netRxBytes()).as("loopback left out").isEqualTo(3000);
        assertThat(m.netTxBytes()).isEqualTo(4000);
        assertThat(m.fsTotalBytes()).isPositive();
        assertThat(m.fsFreeBytes()).isLessThanOrEqualTo(m.fsTotalBytes());
    }

    @Test
    void withoutProc_theFieldsAreAbsent_notMadeUp() {
        HostMetrics m = new ProcHostProbe(root.resolve("nothing"), root.resolve("nothing"), root).probe();

        assertThat(m.cpuSecondsTotal()).isNull();
        assertThat(m.memoryTotalBytes()).isNull();
        assertThat(m.netRxBytes()).isNull();
        assertThat(m.fsTotalBytes()).isPositive();
    }
}
