package dev.vectorflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vectorflow.adapter.vector.VectorPipelines;
import dev.vectorflow.ports.out.vector.ConfigFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pipeline …}: pipelines, their versions, import and export, publish, deploy, undeploy and rollback. */
@Command(name = "pipeline", aliases = "pipelines", mixinStandardHelpOptions = true, description = "Work with pipelines.",
        subcommands = {PipelineCommands.ListPipelines.class, PipelineCommands.GetPipeline.class, PipelineCommands.Versions.class,
                PipelineCommands.Export.class, PipelineCommands.Import.class, PipelineCommands.Publish.class, PipelineCommands.Deploy.class,
                PipelineCommands.Undeploy.class, PipelineCommands.Rollback.class})
final class PipelineCommands {

    static final List<Output.Column> COLUMNS = List.of(Output.Column.of("ID", "id"), Output.Column.of("NAME", "name"),
            Output.Column.of("COMPONENTS", "components"), Output.Column.of("UPDATED", "updatedAt"), Output.Column.of("BY", "updatedBy"));

    /** A pipeline given by name (with --env) or id. */
    abstract static class OnePipeline implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "PIPELINE", description = "name (with --env) or id") String pipeline;
        @Option(names = {"-e", "--env"}, paramLabel = "ENV", description = "the environment of a pipeline given by name") String environment;

        VectorFlowCtl ctl() {
            return VectorFlowCtl.of(spec);
        }

        JsonNode found() {
            return ctl().api().pipeline(pipeline, environment);
        }

        String id() {
            return ServerApi.isId(pipeline) ? pipeline : found().path("id").asText();
        }
    }

    @Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true, description = "List the pipelines of an environment.")
    static final class ListPipelines implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Option(names = {"-e", "--env"}, required = true, paramLabel = "ENV") String environment;

        @Override
        public Integer call() {
            VectorFlowCtl ctl = VectorFlowCtl.of(spec);
            String envId = ctl.api().environment(environment).path("id").asText();
            ctl.output().list(ServerApi.JSON.valueToTree(ctl.api().pipelines(envId)), COLUMNS);
            return ExitCodes.OK;
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Show a pipeline (its draft graph in json/yaml output).")
    static final class GetPipeline extends OnePipeline {
        @Override
        public Integer call() {
            JsonNode p = found();
            ObjectNode shown = p.deepCopy();
            shown.put("latestVersion", ctl().api().latestVersion(p.path("id").asText()));
            JsonNode deployment = ctl().api().get("/api/pipelines/" + p.path("id").asText() + "/deployments").path("current");
            shown.set("deployment", deployment.isObject() ? deployment : ServerApi.JSON.nullNode());
            ctl().output().object(shown, List.of(Output.Column.of("ID", "id"), Output.Column.of("NAME", "name"),
                    Output.Column.of("ENVIRONMENT", "environmentId"), Output.Column.of("COMPONENTS", "components"),
                    Output.Column.of("LATEST VERSION", "latestVersion"), Output.Column.of("DEPLOYED VERSION", "/deployment/version"),
                    Output.Column.of("SELECTOR", "/deployment/selector"), Output.Column.of("UPDATED", "updatedAt"),
                    Output.Column.of("UPDATED BY", "updatedBy")));
            return ExitCodes.OK;
        }
    }

    @Command(name = "versions", mixinStandardHelpOptions = true, description = "List the published versions of a pipeline.")
    static final class Versions extends OnePipeline {
        @Override
        public Integer call() {
            JsonNode versions = ServerApi.items(ctl().api().get("/api/pipelines/" + id() + "/versions"));
            ctl().output().list(versions, List.of(Output.Column.of("VERSION", "number"), Output.Column.of("CREATED", "createdAt"),
                    Output.Column.of("AUTHOR", "author"), Output.Column.of("RESTORED FROM", "restoredFrom"), Output.Column.of("MESSAGE", "message")));
            return ExitCodes.OK;
        }
    }

    // no standard -V/--version here: --version picks a pipeline version
    @Command(name = "export",
            description = "Print a pipeline as a Vector config file: the draft, or a published version with --version.")
    static final class Export extends OnePipeline {
        @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", description = "yaml (default), toml or json") ConfigFormat format = ConfigFormat.YAML;
        @Option(names = "--version", paramLabel = "N", description = "a published version instead of the draft") Integer version;
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.") boolean help;

        @Override
        public Integer call() {
            String id = id();
            String text;
            if (version == null) {
                text = ctl().api().getText("/api/pipelines/" + id + "/config?format=" + format.name().toLowerCase(Locale.ROOT));
            } else {
                String yaml = ctl().api().get("/api/pipelines/" + id + "/versions/" + version).path("configYaml").asText();
                text = format == ConfigFormat.YAML ? yaml : new PipelineFiles(VectorPipelines.withBundledCatalog()).convert(yaml, format);
            }
            ctl().output().text(text);
            return ExitCodes.OK;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Create a pipeline from a Vector config file (literal secrets become secrets of the environment).")
    static final class Import implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "FILE") Path file;
        @Option(names = {"-e", "--env"}, required = true, paramLabel = "ENV") String environment;
        @Option(names = "--name", description = "the pipeline's name (default: the file name without its extension)") String name;

        @Override
        public Integer call() {
            VectorFlowCtl ctl = VectorFlowCtl.of(spec);
            String text = PipelineFiles.readText(file);
            String fileName = file.getFileName().toString();
            String pipelineName = name != null ? name : fileName.contains(".") ? fileName.substring(0, fileName.lastIndexOf('.')) : fileName;
            ObjectNode body = ServerApi.object("name", pipelineName, "config", text);
            PipelineFiles.formatOf(file).ifPresent(f -> body.put("format", f.name().toLowerCase(Locale.ROOT)));
            String envId = ctl.api().environment(environment).path("id").asText();
            JsonNode imported = ctl.api().post("/api/environments/" + envId + "/pipelines/import", body);
            Output output = ctl.output();
            if (output.forPeople()) {
                StringBuilder text2 = new StringBuilder("Imported '" + pipelineName + "' as " + imported.at("/pipeline/id").asText() + "\n");
                for (JsonNode m : imported.path("movedSecrets")) {
                    text2.append("  secret ").append(m.path("secret").asText()).append(" now holds the literal of ")
                            .append(m.path("component").asText()).append('.').append(m.path("option").asText()).append('\n');
                }
                for (JsonNode p : imported.path("problems")) {
                    text2.append("  ").append(p.path("severity").asText().toLowerCase(Locale.ROOT)).append(' ')
                            .append(p.path("component").asText("pipeline")).append(": ").append(p.path("message").asText()).append('\n');
                }
                output.text(text2.toString());
            } else {
                output.data(imported);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "publish", mixinStandardHelpOptions = true, description = "Publish the draft as a new version.")
    static final class Publish extends OnePipeline {
        @Option(names = {"-m", "--message"}) String message = "";

        @Override
        public Integer call() {
            JsonNode published = ctl().api().post("/api/pipelines/" + id() + "/versions", ServerApi.object("message", message));
            printVersion(ctl(), published, "Published version ");
            return ExitCodes.OK;
        }
    }

    static void printVersion(VectorFlowCtl ctl, JsonNode published, String what) {
        Output output = ctl.output();
        if (output.forPeople()) {
            output.text(what + published.path("number").asInt() + (published.path("checkedByVector").asBoolean() ? " (checked by vector)" : ""));
        } else {
            output.data(published);
        }
    }

    @Command(name = "deploy",
            description = "Deploy a version (the latest by default) to the nodes a selector matches (all nodes without one).")
    static final class Deploy extends OnePipeline {
        @Option(names = "--version", paramLabel = "N", description = "the version to deploy (default the latest)") Integer version;
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.") boolean help;
        @Option(names = {"-l", "--selector"}, paramLabel = "KEY=VALUE", description = "node labels to match (repeat or comma-separate)",
                split = ",") Map<String, String> selector = new LinkedHashMap<>();
        @Option(names = "--wait", description = "wait until every matched node runs the version (progress on stderr)") boolean await;
        @Option(names = "--timeout", paramLabel = "SECONDS", description = "how long --wait waits (default 300)") int timeoutSeconds = 300;

        @Override
        public Integer call() throws InterruptedException {
            String id = id();
            JsonNode deployed = deploy(ctl(), id, version, selector);
            if (await && !heldForApproval(deployed)) {
                waitForNodes(ctl(), id, deployed.path("version").asInt(), Duration.ofSeconds(timeoutSeconds));
            }
            return ExitCodes.OK;
        }
    }

    static JsonNode deploy(VectorFlowCtl ctl, String pipelineId, Integer version, Map<String, String> selector) {
        ObjectNode body = ServerApi.object("selector", selector);
        if (version != null) {
            body.put("version", version);
        }
        JsonNode deployed = ctl.api().post("/api/pipelines/" + pipelineId + "/deployments", body);
        Output output = ctl.output();
        if (output.forPeople() && heldForApproval(deployed)) {
            output.text("Sent for approval: the environment requires approval, so version " + deployed.path("version").asInt()
                    + " is deployed when another admin of the team approves request " + deployed.path("id").asText() + " (it expires "
                    + deployed.path("expiresAt").asText() + "). Nothing was deployed yet.");
        } else if (output.forPeople()) {
            output.text("Deployed version " + deployed.path("version").asInt() + " to " + deployed.path("matchedNodes").asInt() + " matching node(s)"
                    + (selector.isEmpty() ? "" : " (selector " + Output.scalar(deployed.path("selector")) + ")")
                    + (deployed.path("environmentVariables").isEmpty() ? ""
                    : "; the nodes need the environment variables " + Output.scalar(deployed.path("environmentVariables"))));
        } else {
            output.data(deployed);
        }
        return deployed;
    }

    /** True for the server's 202 answer: the environment requires approval and the deploy waits as an approval request. */
    static boolean heldForApproval(JsonNode answer) {
        return answer.path("kind").asText().equals("deploy") && answer.path("state").asText().equals("PENDING") && answer.has("requestedBy");
    }

    /** Polls the deployment status until every node it targets reports the version in sync, or the time is up (exit 1). */
    static void waitForNodes(VectorFlowCtl ctl, String pipelineId, int version, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (true) {
            JsonNode nodes = ctl.api().get("/api/pipelines/" + pipelineId + "/deployments").path("nodes");
            int total = 0;
            int done = 0;
            for (JsonNode n : nodes) {
                if (n.path("desiredVersion").asInt() == version) {
                    total++;
                    if (n.path("inSync").asBoolean()) {
                        done++;
                    }
                }
            }
            String line = "waiting: " + done + "/" + total + " node(s) run version " + version;
            if (!line.equals(last)) {
                ctl.progress(line);
                last = line;
            }
            if (done == total) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new CtlFailure(ExitCodes.ERROR, "timed out: " + done + " of " + total + " node(s) run version " + version
                        + " (see: vectorflow ctl pipeline get " + pipelineId + " -o yaml)");
            }
            Thread.sleep(2000);
        }
    }

    @Command(name = "undeploy", mixinStandardHelpOptions = true, description = "Stop the pipeline on every node.")
    static final class Undeploy extends OnePipeline {
        @Override
        public Integer call() {
            ctl().api().delete("/api/pipelines/" + id() + "/deployments");
            if (ctl().output().forPeople()) {
                ctl().output().text("Undeployed");
            } else {
                ctl().output().data(ServerApi.object("undeployed", true));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = "Publish an older version again as a new version; --deploy also deploys it with the current selector.")
    static final class Rollback extends OnePipeline {
        @Option(names = "--to", required = true, paramLabel = "N", description = "the version to go back to") int to;
        @Option(names = {"-m", "--message"}) String message = "";
        @Option(names = "--deploy", description = "deploy the new version where the pipeline is deployed now") boolean deploy;

        @Override
        public Integer call() {
            String id = id();
            JsonNode published = ctl().api().post("/api/pipelines/" + id + "/versions/" + to + "/rollback", ServerApi.object("message", message));
            printVersion(ctl(), published, "Rolled back to version " + to + " as version ");
            if (deploy) {
                JsonNode current = ctl().api().get("/api/pipelines/" + id + "/deployments").path("current");
                Map<String, String> selector = new LinkedHashMap<>();
                current.path("selector").fields().forEachRemaining(e -> selector.put(e.getKey(), e.getValue().asText()));
                PipelineCommands.deploy(ctl(), id, published.path("number").asInt(), selector);
            }
            return ExitCodes.OK;
        }
    }
}
