package dev.vectorflow.agent.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vectorflow.adapter.vector.process.YamlVectorConfigRules;
import dev.vectorflow.agent.AgentMain;
import dev.vectorflow.agent.pipeline.Backoff;
import dev.vectorflow.agent.pipeline.PipelineSettings;
import dev.vectorflow.agent.pipeline.Pipelines;
import dev.vectorflow.agent.pipeline.SecretVault;
import dev.vectorflow.ports.protocol.PipelineConfig;
import dev.vectorflow.ports.out.vector.runtime.VectorConfigRules;
import dev.vectorflow.ports.out.vector.runtime.VectorFailure;
import dev.vectorflow.ports.out.vector.runtime.VectorLaunch;
import dev.vectorflow.ports.out.vector.runtime.VectorLog;
import dev.vectorflow.ports.out.vector.runtime.VectorProcess;
import dev.vectorflow.ports.out.vector.runtime.VectorProcesses;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The secret channel end to end as Vector uses it: the real `secrets` command in its own JVM, over the real socket. */
class SecretChannelTest {

    @TempDir
    Path dataDir;
    private SecretChannelServer server;
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
    }

    private JsonNode ask(String pipelineId, String vectorRequest) throws Exception {
        List<String> command = new ArrayList<>(AgentMain.secretCommand(dataDir));
        command.add("--pipeline");
        command.add(pipelineId);
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        p.getOutputStream().write(vectorRequest.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return json.readTree(out);
    }

    @Test
    void vectorsExecRequest_getsThePipelinesValues_andErrorsForTheRest() throws Exception {
        SecretVault vault = vaultWith("p1", Map.of("api_token", "t0ps3cret"));
        server = new SecretChannelServer(dataDir.resolve("run/secrets.sock"), vault);
        server.start();

        JsonNode answer = ask("p1", "{\"version\":\"1.0\",\"secrets\":[\"api_token\",\"missing\"]}");

        assertThat(answer.path("api_token").path("value").asText()).isEqualTo("t0ps3cret");
        assertThat(answer.path("api_token").path("error").isNull()).isTrue();
        assertThat(answer.path("missing").path("value").isNull()).isTrue();
        assertThat(answer.path("missing").path("error").asText()).contains("no secret named 'missing'");
        assertThat(ask("p2", "{\"version\":\"1.0\",\"secrets\":[\"api_token\"]}").path("api_token").path("error").asText())
                .contains("does not hold the secrets of pipeline p2");
        assertThat(Files.getPosixFilePermissions(server.socket())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(server.socket().getParent())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void withoutTheAgent_theCommandFailsSoVectorFailsTheLoad() throws Exception {
        List<String> command = new ArrayList<>(AgentMain.secretCommand(dataDir));
        command.addAll(List.of("--pipeline", "p1"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(20, TimeUnit.SECONDS);

        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(out).contains("cannot reach the VectorFlow agent's secret channel");
    }

    /** Fills a vault the way the agent does: through a deploy (the vault has no public setter). */
    private SecretVault vaultWith(String pipelineId, Map<String, String> secrets) {
        SecretVault vault = new SecretVault();
        VectorProcesses refuseAll = new VectorProcesses() {
            @Override
            public String version() {
                return "none";
            }

            @Override
            public Validation validate(List<Path> configFiles, Path workingDirectory) {
                return new Validation(true, List.of());
            }

            @Override
            public VectorProcess launch(VectorLaunch launch) throws VectorFailure {
                throw new VectorFailure("no Vector in this test");
            }

            @Override
            public Optional<VectorProcess> adopt(long pid, VectorLaunch launch) {
                return Optional.empty();
            }

            @Override
            public BatchRun runBatch(List<Path> configFiles, Path workingDirectory, byte[] input, Map<String, String> environment,
                                     java.time.Duration timeout) {
                return new BatchRun(false, -1, "no Vector in this test");
            }

            @Override
            public VectorLog tail(Path logFile, long offset) {
                return new VectorLog() {
                    @Override
                    public List<String> newLines() {
                        return List.of();
                    }

                    @Override
                    public long offset() {
                        return 0;
                    }
                };
            }
        };
        VectorConfigRules rules = new YamlVectorConfigRules();
        Pipelines pipelines = new Pipelines(new PipelineSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(1), new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1)), Duration.ofSeconds(1), 1,
                42000, 10, List.of()), refuseAll, null, rules, vault, dataDir, Clock.systemUTC(), () -> { });
        pipelines.deploy(new PipelineConfig(pipelineId, "n", 1, "c", null, "sources: {}\n", secrets, List.of()));
        return vault;
    }
}
