package dev.vectorflow.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.ports.protocol.PipelineReport;
import dev.vectorflow.standin.VectorStandin;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent as its own process ({@code AgentMain run}, production settings except the poll interval): stopped with
 * SIGTERM and started again, it finds the same Vector processes running and adopts them; its Vector's ports come from
 * {@code VF_PORT_RANGE}.
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

    /** Stops the agents and their Vectors and waits for them: a stopping agent still saves its state into the temp dir. */
    @AfterEach
    void cleanUp() throws InterruptedException {
        agents.forEach(Process::destroy);
        vectorPids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy));
        for (Process agent : agents) {
            if (!agent.waitFor(30, TimeUnit.SECONDS)) {
                agent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        for (long pid : vectorPids) {
            ProcessHandle.of(pid).ifPresent(h -> {
                try {
                    h.onExit().get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    h.destroyForcibly();
                }
            });
        }
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
        env.put("VF_PORT_RANGE", "19460-19469");
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
        Properties state = new Properties();
        try (Reader r = Files.newBufferedReader(tmp.resolve("data/pipelines/p1/agent-state.properties"))) {
            state.load(r);
        }
        assertThat(List.of(state.getProperty("apiPort"), state.getProperty("metricsPort"))).as("the ports come from VF_PORT_RANGE")
                .allSatisfy(port -> assertThat(Integer.parseInt(port)).isBetween(19460, 19469));
    }
}
