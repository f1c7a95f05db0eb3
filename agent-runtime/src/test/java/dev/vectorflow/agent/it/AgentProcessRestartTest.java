package dev.vectorflow.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.ports.protocol.PipelineReport;
import dev.vectorflow.standin.VectorStandin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent as its own process ({@code AgentMain run}, production settings except the poll interval): stopped with
 * SIGTERM and started again, it finds the same Vector processes running and adopts them.
 */
class AgentProcessRestartTest {

    @TempDir
    Path tmp;
    private final FakeControlPlane server;
    private final List<Process> agents = new ArrayList<>();
    private final List<Long> vectorPids = new ArrayList<>();

    AgentProcessRestartTest() throws Exception {
        server = new FakeControlPlane();
    }

    @AfterEach
    void cleanUp() {
        agents.forEach(Process::destroy);
        vectorPids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy));
        server.close();
    }

    private Process startAgent(boolean withToken) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), "dev.vectorflow.agent.AgentMain", "run")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("agent-" + agents.size() + ".log").toFile());
        Map<String, String> env = pb.environment();
        env.put("VF_URL", server.url());
        env.put("VF_DATA_DIR", tmp.resolve("data").toString());
        env.put("VF_VECTOR_BIN", VectorStandin.launcher().toString());
        env.put("VF_POLL_INTERVAL", "300ms");
        if (withToken) {
            env.put("VF_TOKEN", FakeControlPlane.ENROLLMENT_TOKEN);
        } else {
            env.remove("VF_TOKEN");
        }
        Process p = pb.start();
        agents.add(p);
        return p;
    }

    private PipelineReport awaitRunning(int heartbeatsBefore) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (System.nanoTime() < deadline) {
            List<?> beats = server.heartbeats;
            if (beats.size() > heartbeatsBefore) {
                PipelineReport r = server.lastReport("p1");
                if (r != null && "RUNNING".equals(r.status())) {
                    return r;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("p1 never RUNNING; last report " + server.lastReport("p1"));
    }

    @Test
    void anAgentProcessStoppedAndStartedAgain_adoptsTheSameVector() throws Exception {
        server.want("p1", 1, "sources:\n  demo: {type: demo_logs, format: json}\nsinks:\n  out: {type: blackhole, inputs: [demo]}\n",
                Map.of(), List.of());
        Process first = startAgent(true);
        long pid = awaitRunning(0).pid();
        vectorPids.add(pid);

        first.destroy(); // SIGTERM
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);

        int heartbeats = server.heartbeats.size();
        startAgent(false);
        PipelineReport adopted = awaitRunning(heartbeats);

        assertThat(adopted.pid()).isEqualTo(pid);
        assertThat(server.calls.stream().filter(c -> c.equals("POST /api/agent/enroll"))).hasSize(1);
        assertThat(server.calls).contains("GET /api/agent/config");
    }
}
