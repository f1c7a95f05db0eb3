package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The container and service files cannot be built or started here (no Docker engine, no systemd in the build), so
 * this checks the instructions they rely on, as a linter would: pinned base images, a non-root user, the health
 * check on {@code /api/ready}, the data volume, exec-form entry points, sources that exist and are not ignored, and
 * settings that the server or agent really reads.
 */
class PackagingFilesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** One instruction of a Dockerfile, continuation lines joined, comments dropped. */
    record Instruction(String keyword, String arguments) {
    }

    /** The stages of a Dockerfile: the instructions after each FROM (stage 0 holds the ARGs before the first FROM). */
    static List<List<Instruction>> stages(Path dockerfile) throws IOException {
        List<List<Instruction>> stages = new ArrayList<>();
        stages.add(new ArrayList<>());
        StringBuilder logical = new StringBuilder();
        for (String line : Files.readAllLines(dockerfile)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && logical.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                logical.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            logical.append(trimmed);
            String text = logical.toString().strip();
            logical.setLength(0);
            if (text.isEmpty()) {
                continue;
            }
            String[] parts = text.split("\\s+", 2);
            Instruction instruction = new Instruction(parts[0].toUpperCase(), parts.length > 1 ? parts[1] : "");
            if (instruction.keyword().equals("FROM")) {
                stages.add(new ArrayList<>());
            }
            stages.getLast().add(instruction);
        }
        return stages;
    }

    private static Map<String, String> args(List<List<Instruction>> stages) {
        Map<String, String> args = new HashMap<>();
        for (Instruction i : stages.getFirst()) {
            assertThat(i.keyword()).as("only ARG before the first FROM").isEqualTo("ARG");
            String[] nameValue = i.arguments().split("=", 2);
            args.put(nameValue[0], nameValue.length > 1 ? nameValue[1] : "");
        }
        return args;
    }

    private static List<Instruction> all(List<List<Instruction>> stages, String keyword) {
        return stages.stream().flatMap(List::stream).filter(i -> i.keyword().equals(keyword)).toList();
    }

    private static Map<String, String> env(List<Instruction> stage) {
        Map<String, String> env = new LinkedHashMap<>();
        Matcher pair = Pattern.compile("(\\w+)=(\\S+)").matcher("");
        for (Instruction i : stage) {
            if (i.keyword().equals("ENV")) {
                pair.reset(i.arguments());
                while (pair.find()) {
                    env.put(pair.group(1), pair.group(2));
                }
            }
        }
        return env;
    }

    private static List<String> ignored() throws IOException {
        return Files.readAllLines(ROOT.resolve(".dockerignore")).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    /** What every image of ours must do; returns the final stage. */
    private static List<Instruction> checkCommonRules(Path dockerfile) throws IOException {
        List<List<Instruction>> stages = stages(dockerfile);
        Map<String, String> args = args(stages);
        assertThat(stages.size() - 1).as("multi-stage: a build stage and a runtime stage").isGreaterThanOrEqualTo(2);
        for (Instruction from : all(stages, "FROM")) {
            String image = from.arguments().split("\\s+")[0];
            Matcher arg = Pattern.compile("\\$\\{(\\w+)}").matcher(image);
            if (arg.matches()) {
                assertThat(args).as("FROM %s names a declared ARG", image).containsKey(arg.group(1));
                image = args.get(arg.group(1));
            }
            assertThat(image).as("base image %s has a tag", image).matches("[\\w./-]+:[\\w.-]+");
            assertThat(image).as("base image is pinned").doesNotEndWith(":latest");
        }
        assertThat(all(stages, "ADD")).as("COPY, never ADD (no remote fetches, no auto-extraction)").isEmpty();
        List<String> ignored = ignored();
        for (Instruction copy : all(stages, "COPY")) {
            if (copy.arguments().contains("--from=")) {
                continue;
            }
            List<String> words = List.of(copy.arguments().split("\\s+"));
            words = words.stream().filter(w -> !w.startsWith("--")).toList();
            for (String source : words.subList(0, words.size() - 1)) {
                assertThat(ROOT.resolve(source)).as("COPY source %s exists in the repository", source).exists();
                assertThat(ignored).as("COPY source %s is not in .dockerignore", source).doesNotContain(source, "/" + source);
            }
        }
        for (Instruction run : all(stages, "RUN")) {
            if (run.arguments().contains("apt-get install")) {
                assertThat(run.arguments()).as("apt-get install stays small and leaves no lists behind")
                        .contains("--no-install-recommends", "-y", "rm -rf /var/lib/apt/lists/*").contains("apt-get update");
            }
        }
        List<Instruction> last = stages.getLast();
        List<Instruction> users = last.stream().filter(i -> i.keyword().equals("USER")).toList();
        assertThat(users).as("the runtime stage sets a user").isNotEmpty();
        String user = users.getLast().arguments().split(":")[0];
        assertThat(user).as("the runtime user is not root").isNotIn("root", "0");
        Instruction entrypoint = last.stream().filter(i -> i.keyword().equals("ENTRYPOINT")).findFirst().orElseThrow();
        assertThat(entrypoint.arguments()).as("exec form: signals reach the process").startsWith("[").endsWith("]");
        String launcher = entrypoint.arguments().replaceAll("[\\[\\]\"]", "").split(",")[0].strip();
        assertThat(last.stream().filter(i -> i.keyword().equals("COPY")).map(Instruction::arguments))
                .as("the entry point %s is copied into the image", launcher).anyMatch(a -> a.endsWith(" " + launcher));
        return last;
    }

    @Test
    void theServerImage_buildsWithTheWrapper_runsAsNonRoot_checksReadiness_andKeepsItsDataInAVolume() throws IOException {
        Path dockerfile = ROOT.resolve("Dockerfile");
        List<Instruction> runtime = checkCommonRules(dockerfile);
        List<List<Instruction>> stages = stages(dockerfile);

        assertThat(all(stages, "RUN")).as("built with the Maven wrapper").anyMatch(r -> r.arguments().contains("./mvnw") && r.arguments().contains("package"));
        Map<String, String> env = env(runtime);
        Set<String> settings = ServerSettings.VARIABLES.stream().map(ServerSettings.Variable::name).collect(Collectors.toSet());
        assertThat(settings).as("every VF_ variable the image sets is a server setting").containsAll(env.keySet());
        assertThat(env).containsEntry("VF_HTTP_HOST", "0.0.0.0");
        Instruction volume = runtime.stream().filter(i -> i.keyword().equals("VOLUME")).findFirst().orElseThrow();
        assertThat(volume.arguments()).as("the data directory is the volume").contains("\"" + env.get("VF_DATA_DIR") + "\"");
        Instruction expose = runtime.stream().filter(i -> i.keyword().equals("EXPOSE")).findFirst().orElseThrow();
        assertThat(expose.arguments()).isEqualTo(env.get("VF_HTTP_PORT"));
        Instruction health = runtime.stream().filter(i -> i.keyword().equals("HEALTHCHECK")).findFirst().orElseThrow();
        assertThat(health.arguments()).contains("CMD", "/api/ready", "${VF_HTTP_PORT}", "--start-period=");
        assertThat(runtime.stream().filter(i -> i.keyword().equals("RUN")).map(Instruction::arguments))
                .as("the health check's curl is installed").anyMatch(a -> a.contains("install") && a.contains("curl"));
    }

    @Test
    void theAgentImage_carriesVectorFromAStageThatABuildArgChooses_andRunsAsNonRoot() throws IOException {
        Path dockerfile = ROOT.resolve("packaging/agent/Dockerfile");
        List<Instruction> runtime = checkCommonRules(dockerfile);
        List<List<Instruction>> stages = stages(dockerfile);

        Map<String, String> args = args(stages);
        assertThat(args.get("VECTOR_IMAGE")).startsWith("timberio/vector:");
        assertThat(all(stages, "FROM")).anyMatch(f -> f.arguments().equals("${VECTOR_IMAGE} AS vector"));
        assertThat(runtime).anyMatch(i -> i.keyword().equals("COPY") && i.arguments().equals("--from=vector /usr/bin/vector /usr/bin/vector"));
        Map<String, String> env = env(runtime);
        assertThat(env).containsEntry("VF_VECTOR_BIN", "/usr/bin/vector");
        String agentDocs = Files.readString(ROOT.resolve("docs/operations.md"));
        for (String name : env.keySet()) {
            assertThat(agentDocs).as("%s is a documented agent setting", name).contains("| `" + name + "` |");
        }
        Instruction volume = runtime.stream().filter(i -> i.keyword().equals("VOLUME")).findFirst().orElseThrow();
        assertThat(volume.arguments()).contains("\"" + env.get("VF_DATA_DIR") + "\"");
        String header = Files.readString(dockerfile);
        assertThat(header).as("the Dockerfile says how to pick or replace the Vector binary").contains("--build-arg VECTOR_IMAGE=");
    }

    @Test
    void theDockerIgnore_keepsBuildOutputLocalStateAndGitOutOfTheContext() throws IOException {
        assertThat(ignored()).contains("**/target/", "**/node_modules/", "/data/", ".git/");
    }

    @Test
    void theComposeFile_runsTheServerOnAHealthyPostgres_withKnownSettings_andNoPasswordInIt() throws IOException {
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("docker-compose.yml").toFile());
        JsonNode postgres = compose.at("/services/postgres");
        JsonNode server = compose.at("/services/server");

        assertThat(postgres.get("image").asText()).matches("postgres:1[5-9](\\.\\d+)?");
        assertThat(postgres.at("/healthcheck/test").toString()).contains("pg_isready");
        assertThat(server.at("/build").asText()).isEqualTo(".");
        assertThat(server.at("/depends_on/postgres/condition").asText()).isEqualTo("service_healthy");
        Set<String> settings = ServerSettings.VARIABLES.stream().map(ServerSettings.Variable::name).collect(Collectors.toSet());
        List<String> names = new ArrayList<>();
        server.get("environment").fieldNames().forEachRemaining(names::add);
        assertThat(settings).containsAll(names);
        assertThat(server.at("/environment/VF_DATABASE_URL").asText()).isEqualTo("jdbc:postgresql://postgres:5432/vectorflow");
        assertThat(server.at("/environment/VF_DATABASE_PASSWORD").asText()).as("the password comes from .env").startsWith("${");
        assertThat(postgres.at("/environment/POSTGRES_PASSWORD").asText()).startsWith("${");
        for (JsonNode port : server.get("ports")) {
            assertThat(port.asText()).as("published on this machine only").startsWith("127.0.0.1:");
        }
        assertThat(server.get("volumes").get(0).asText()).endsWith(":/var/lib/vectorflow");
    }

    @Test
    void theServerUnit_runsUnprivileged_fromWhatTheInstallScriptInstalls_withItsSettingsFile() throws IOException {
        String unit = Files.readString(ROOT.resolve("packaging/server/vectorflow-server.service"));
        String install = Files.readString(ROOT.resolve("packaging/server/install.sh"));
        Map<String, String> service = new HashMap<>();
        for (String line : unit.lines().toList()) {
            String[] kv = line.split("=", 2);
            if (kv.length == 2 && !line.startsWith("#")) {
                service.merge(kv[0], kv[1], (a, b) -> a + "\n" + b);
            }
        }
        assertThat(service.get("User")).isEqualTo("vectorflow");
        String executable = service.get("ExecStart").split(" ")[0];
        assertThat(install).as("install.sh installs %s", executable).contains(" " + executable + "\n");
        String envFile = service.get("EnvironmentFile");
        assertThat(install).contains("env_file=" + envFile).contains("chmod 0600 \"$env_file\"");
        assertThat(service.get("Environment")).isEqualTo("VF_DATA_DIR=/var/lib/vectorflow");
        assertThat(service.get("RestartPreventExitStatus")).as("a bad configuration (78) is not restarted in a loop")
                .isEqualTo(String.valueOf(VectorFlowCli.BAD_CONFIG));
        assertThat(service).containsEntry("NoNewPrivileges", "yes").containsEntry("ProtectSystem", "full");
    }
}
