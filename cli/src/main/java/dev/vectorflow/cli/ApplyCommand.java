package dev.vectorflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vectorflow.adapter.vector.VectorPipelines;
import dev.vectorflow.core.pipeline.GraphImporter;
import dev.vectorflow.core.pipeline.GraphTree;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code apply -f DIR --env ENV}: makes an environment's pipelines match a directory of Vector config files (README
 * "Command line", apply rules). Every file is judged first; then the plan; then, unless {@code --dry-run}, the changes in
 * the plan's order, each published as a new version (and deployed with {@code --deploy}).
 */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = "Make an environment's pipelines match a directory of Vector config files (one pipeline per file, named after it).")
final class ApplyCommand implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Option(names = {"-f", "--filename"}, required = true, paramLabel = "DIR", description = "directory of *.yaml, *.yml, *.toml, *.json files")
    Path directory;
    @Option(names = {"-e", "--env"}, required = true, paramLabel = "ENV") String environment;
    @Option(names = "--dry-run", description = "print the plan (with a diff of every update) and change nothing") boolean dryRun;
    @Option(names = "--detailed-exitcode", description = "with --dry-run: exit 6 when the plan has changes, 0 when it has none")
    boolean detailedExitCode;
    @Option(names = "--prune", description = "delete the environment's pipelines that have no file") boolean prune;
    @Option(names = "--deploy", description = "deploy every version this apply publishes") boolean deploy;
    @Option(names = {"-l", "--selector"}, paramLabel = "KEY=VALUE", split = ",", description = "with --deploy: the nodes to deploy to (default all)")
    Map<String, String> selector = new LinkedHashMap<>();
    @Option(names = {"-m", "--message"}, description = "the message of the versions it publishes (default: vectorflow ctl apply FILE)")
    String message;

    @Override
    public Integer call() {
        VectorFlowCtl ctl = VectorFlowCtl.of(spec);
        if (!selector.isEmpty() && !deploy) {
            throw new CtlFailure(ExitCodes.USAGE, "--selector needs --deploy");
        }
        if (detailedExitCode && !dryRun) {
            throw new CtlFailure(ExitCodes.USAGE, "--detailed-exitcode needs --dry-run");
        }
        PipelineFiles files = new PipelineFiles(VectorPipelines.withBundledCatalog());
        List<PipelineFiles.Desired> desired = files.readDirectory(directory);
        Map<String, PipelineFiles.Desired> byName = new LinkedHashMap<>();
        desired.forEach(d -> byName.put(d.name().toLowerCase(Locale.ROOT), d));
        Map<String, String> secretValues = secretsOf(desired);

        ServerApi api = ctl.api();
        JsonNode env = api.environment(environment);
        String envId = env.path("id").asText();
        List<ApplyPlan.Existing> existing = new ArrayList<>();
        List<JsonNode> pipelines = api.pipelines(envId);
        ctl.progress("reading " + pipelines.size() + " pipeline(s) of " + env.path("name").asText() + " ...");
        for (JsonNode p : pipelines) {
            String id = p.path("id").asText();
            int latest = api.latestVersion(id);
            String normalized = latest == 0 ? "" : normalizedVersion(files, api.get("/api/pipelines/" + id + "/versions/" + latest)
                    .path("configYaml").asText());
            existing.add(new ApplyPlan.Existing(id, p.path("name").asText(), latest, normalized));
        }
        Map<String, String> desiredForms = new LinkedHashMap<>();
        desired.forEach(d -> desiredForms.put(d.name(), d.normalized()));
        ApplyPlan plan = ApplyPlan.compute(desiredForms, existing, prune);

        Output output = ctl.output();
        if (dryRun || !plan.hasChanges()) {
            if (output.forPeople()) {
                output.text(plan.describe());
            } else {
                output.data(report(env, plan, Map.of(), dryRun));
            }
            return dryRun && detailedExitCode && plan.hasChanges() ? ExitCodes.CHANGES_PENDING : ExitCodes.OK;
        }
        if (output.forPeople()) {
            output.text(plan.describe());
        }
        Map<String, Integer> published = execute(ctl, envId, plan, byName, secretValues);
        if (output.forPeople()) {
            output.text("Applied: " + plan.count(ApplyPlan.Action.CREATE) + " created, " + plan.count(ApplyPlan.Action.UPDATE) + " updated, "
                    + plan.count(ApplyPlan.Action.DELETE) + " deleted, " + plan.count(ApplyPlan.Action.UNCHANGED) + " unchanged"
                    + (deploy ? ", " + published.size() + " deployed" : "") + ".");
        } else {
            output.data(report(env, plan, published, false));
        }
        return ExitCodes.OK;
    }

    private static String normalizedVersion(PipelineFiles files, String yaml) {
        try {
            return files.normalizedYaml(yaml);
        } catch (RuntimeException e) {
            return yaml; // a version this library cannot read back: compared as stored, so it shows as an update
        }
    }

    /** The literal secrets the files hold, by secret name; two files giving one secret different values are refused. */
    private static Map<String, String> secretsOf(List<PipelineFiles.Desired> desired) {
        Map<String, String> values = new LinkedHashMap<>();
        for (PipelineFiles.Desired d : desired) {
            for (GraphImporter.MovedSecret m : d.imported().movedSecrets()) {
                String before = values.putIfAbsent(m.secretName(), m.value());
                if (before != null && !before.equals(m.value())) {
                    throw new CtlFailure(ExitCodes.REFUSED, "nothing was changed: two files hold different literal values for the secret "
                            + m.secretName() + " (" + d.file().getFileName() + "); use SECRET[vectorflow.NAME] references to distinct secrets");
                }
            }
        }
        return values;
    }

    private Map<String, Integer> execute(VectorFlowCtl ctl, String envId, ApplyPlan plan, Map<String, PipelineFiles.Desired> byName,
                                         Map<String, String> secretValues) {
        ServerApi api = ctl.api();
        Map<String, Integer> published = new LinkedHashMap<>();
        int done = 0;
        List<ApplyPlan.Change> changes = plan.changes().stream().filter(c -> c.action() == ApplyPlan.Action.CREATE
                || c.action() == ApplyPlan.Action.UPDATE || c.action() == ApplyPlan.Action.DELETE).toList();
        createMissingSecrets(ctl, envId, changes, byName, secretValues);
        for (ApplyPlan.Change change : changes) {
            ctl.progress("[" + (done + 1) + "/" + changes.size() + "] " + change.action().name().toLowerCase(Locale.ROOT) + " " + change.name());
            try {
                switch (change.action()) {
                    case CREATE, UPDATE -> {
                        PipelineFiles.Desired d = byName.get(change.name().toLowerCase(Locale.ROOT));
                        Map<String, Object> graph = GraphTree.of(d.graph());
                        String id = change.pipelineId();
                        if (change.action() == ApplyPlan.Action.CREATE) {
                            id = api.post("/api/environments/" + envId + "/pipelines", ServerApi.object("name", d.name(), "graph", graph))
                                    .path("id").asText();
                        } else {
                            api.put("/api/pipelines/" + id + "/graph", graph);
                        }
                        String text = message != null ? message : "vectorflow ctl apply " + d.file().getFileName();
                        int version = api.post("/api/pipelines/" + id + "/versions", ServerApi.object("message", text)).path("number").asInt();
                        published.put(change.name(), version);
                        ctl.progress("      published version " + version);
                        if (deploy) {
                            ObjectNode body = ServerApi.object("version", version, "selector", selector);
                            JsonNode deployed = api.post("/api/pipelines/" + id + "/deployments", body);
                            ctl.progress("      deployed to " + deployed.path("matchedNodes").asInt() + " matching node(s)");
                        }
                    }
                    case DELETE -> api.delete("/api/pipelines/" + change.pipelineId());
                    default -> throw new IllegalStateException(change.action().name());
                }
            } catch (CtlFailure e) {
                throw new CtlFailure(e.exitCode(), "apply stopped at " + change.name() + " after " + done + " of " + changes.size()
                        + " change(s): " + e.getMessage());
            }
            done++;
        }
        return published;
    }

    /** Stores the files' literal secrets that the environment does not have yet; an existing secret is never overwritten. */
    private static void createMissingSecrets(VectorFlowCtl ctl, String envId, List<ApplyPlan.Change> changes,
                                             Map<String, PipelineFiles.Desired> byName, Map<String, String> secretValues) {
        Set<String> needed = new HashSet<>();
        for (ApplyPlan.Change c : changes) {
            PipelineFiles.Desired d = byName.get(c.name().toLowerCase(Locale.ROOT));
            if (d != null) {
                d.imported().movedSecrets().forEach(m -> needed.add(m.secretName()));
            }
        }
        if (needed.isEmpty()) {
            return;
        }
        Set<String> present = new HashSet<>();
        ServerApi.items(ctl.api().get("/api/environments/" + envId + "/secrets")).forEach(s -> present.add(s.path("name").asText()));
        for (String name : needed.stream().sorted().toList()) {
            if (!present.contains(name)) {
                ctl.progress("creating secret " + name + " from a literal in the files");
                ctl.api().post("/api/environments/" + envId + "/secrets", ServerApi.object("name", name, "value", secretValues.get(name),
                        "description", "Created by vectorflow ctl apply from a literal in a pipeline file"));
            }
        }
    }

    private static ObjectNode report(JsonNode env, ApplyPlan plan, Map<String, Integer> published, boolean dryRun) {
        ArrayNode changes = ServerApi.JSON.createArrayNode();
        for (ApplyPlan.Change c : plan.changes()) {
            ObjectNode change = ServerApi.object("action", c.action().name().toLowerCase(Locale.ROOT), "name", c.name(), "pipelineId", c.pipelineId(),
                    "fromVersion", c.fromVersion() == 0 ? null : c.fromVersion(), "diff", c.diff());
            if (published.containsKey(c.name())) {
                change.put("version", published.get(c.name()));
            }
            changes.add(change);
        }
        return ServerApi.object("environment", env.path("name").asText(), "dryRun", dryRun, "changed", plan.hasChanges() && !dryRun,
                "changes", changes, "summary", plan.summary());
    }
}
