package dev.vectorflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code node list|get}, {@code logs} and {@code status}: the fleet. */
@Command(name = "node", aliases = "nodes", mixinStandardHelpOptions = true, description = "List or show the nodes of an environment.",
        subcommands = {NodeCommands.ListNodes.class, NodeCommands.GetNode.class})
final class NodeCommands {

    static final List<Output.Column> COLUMNS = List.of(Output.Column.of("ID", "id"), Output.Column.of("HOSTNAME", "hostname"),
            Output.Column.of("STATUS", "status"), Output.Column.of("AGENT", "agentVersion"), Output.Column.of("LABELS", "labels"),
            new Output.Column("PIPELINES", n -> Integer.toString(n.path("pipelines").size())), Output.Column.of("LAST HEARTBEAT", "lastHeartbeatAt"));

    @Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true, description = "List the nodes of an environment.")
    static final class ListNodes implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Option(names = {"-e", "--env"}, required = true, paramLabel = "ENV") String environment;
        @Option(names = "--status", description = "HEALTHY, DEGRADED or UNREACHABLE") String status;
        @Option(names = {"-l", "--label"}, paramLabel = "KEY=VALUE", split = ",") Map<String, String> labels = new LinkedHashMap<>();

        @Override
        public Integer call() {
            VectorFlowCtl ctl = VectorFlowCtl.of(spec);
            String envId = ctl.api().environment(environment).path("id").asText();
            StringBuilder query = new StringBuilder("?");
            if (status != null) {
                query.append("status=").append(ServerApi.encode(status)).append('&');
            }
            labels.forEach((k, v) -> query.append("label=").append(ServerApi.encode(k + "=" + v)).append('&'));
            ctl.output().list(ServerApi.items(ctl.api().get("/api/environments/" + envId + "/nodes" + query)), COLUMNS);
            return ExitCodes.OK;
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Show a node with the pipelines it runs.")
    static final class GetNode implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "NODE", description = "host name (with --env) or id") String node;
        @Option(names = {"-e", "--env"}, paramLabel = "ENV") String environment;

        @Override
        public Integer call() {
            VectorFlowCtl ctl = VectorFlowCtl.of(spec);
            JsonNode n = ctl.api().node(node, environment);
            Output output = ctl.output();
            output.object(n, COLUMNS);
            if (output.forPeople() && !n.path("pipelines").isEmpty()) {
                output.text("");
                output.list(n.path("pipelines"), List.of(Output.Column.of("PIPELINE", "pipelineName"), Output.Column.of("VERSION", "version"),
                        Output.Column.of("STATUS", "status"), Output.Column.of("ERROR", "error")));
            }
            return ExitCodes.OK;
        }
    }

    /** {@code logs}: the log lines a node's agent sent for its pipelines, optionally followed. */
    @Command(name = "logs", mixinStandardHelpOptions = true, description = "Print the pipeline log lines of a node; --follow keeps printing new ones.")
    static final class Logs implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Option(names = {"-n", "--node"}, required = true, paramLabel = "NODE", description = "host name (with --env) or id") String node;
        @Option(names = {"-e", "--env"}, paramLabel = "ENV") String environment;
        @Option(names = {"-p", "--pipeline"}, paramLabel = "PIPELINE", description = "only this pipeline (name with --env, or id)") String pipeline;
        @Option(names = "--limit", description = "lines per request, 1-1000 (default 500)") int limit = 500;
        @Option(names = {"-f", "--follow"}, description = "keep polling for new lines until interrupted") boolean follow;

        @Override
        public Integer call() throws InterruptedException {
            if (limit < 1 || limit > 1000) {
                throw new CtlFailure(ExitCodes.USAGE, "--limit must be 1-1000 but was " + limit);
            }
            VectorFlowCtl ctl = VectorFlowCtl.of(spec);
            String nodeId = ctl.api().node(node, environment).path("id").asText();
            String pipelineId = pipeline == null ? null : ServerApi.isId(pipeline) ? pipeline : ctl.api().pipeline(pipeline, environment).path("id").asText();
            long after = 0;
            List<JsonNode> all = new ArrayList<>();
            do {
                JsonNode lines = ServerApi.items(ctl.api().get("/api/nodes/" + nodeId + "/logs?limit=" + limit + "&after=" + after
                        + (pipelineId == null ? "" : "&pipelineId=" + pipelineId)));
                for (JsonNode line : lines) {
                    after = Math.max(after, line.path("seq").asLong());
                    if (ctl.output().forPeople()) {
                        ctl.out().println(line.path("at").asText() + " " + Output.clipLine(line.path("line").asText()));
                    } else if (follow) {
                        ctl.output().data(line);
                    } else {
                        all.add(line);
                    }
                }
                ctl.out().flush();
                if (follow) {
                    Thread.sleep(2000);
                }
            } while (follow);
            if (!ctl.output().forPeople()) {
                ctl.output().data(all);
            }
            return ExitCodes.OK;
        }
    }

    /** {@code status}: the fleet overview of an environment. */
    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show an environment's fleet: nodes and pipeline runs by status, rates, attention list.")
    static final class Status implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Option(names = {"-e", "--env"}, required = true, paramLabel = "ENV") String environment;
        @Option(names = "--range", description = "15m, 1h (default), 6h, 24h or 7d") String range = "1h";

        @Override
        public Integer call() {
            VectorFlowCtl ctl = VectorFlowCtl.of(spec);
            JsonNode env = ctl.api().environment(environment);
            JsonNode o = ctl.api().get("/api/environments/" + env.path("id").asText() + "/fleet/overview?range=" + ServerApi.encode(range));
            Output output = ctl.output();
            if (!output.forPeople()) {
                output.data(o);
                return ExitCodes.OK;
            }
            StringBuilder text = new StringBuilder();
            text.append("Environment ").append(env.path("name").asText()).append(" (").append(o.path("range").asText()).append(")\n");
            text.append("Nodes:      ").append(o.at("/nodes/total").asLong()).append(" (").append(Output.scalar(o.at("/nodes/byStatus")))
                    .append(", maintenance=").append(o.at("/nodes/maintenance").asLong()).append(")\n");
            text.append("Pipelines:  ").append(o.at("/pipelines/defined").asInt()).append(" defined, ").append(o.at("/pipelines/deployed").asInt())
                    .append(" deployed; runs ").append(Output.scalar(o.at("/pipelines/runsByStatus"))).append('\n');
            text.append(String.format(java.util.Locale.ROOT, "Live:       %.1f events/s in, %.1f out, %.1f errors/s (%d node(s) reporting)%n",
                    o.at("/live/eventsInPerSec").asDouble(), o.at("/live/eventsOutPerSec").asDouble(), o.at("/live/errorsPerSec").asDouble(),
                    o.at("/live/nodesReporting").asInt()));
            text.append("Attention:  ").append(o.at("/attention/total").asLong()).append('\n');
            output.text(text.toString());
            if (!o.at("/attention/items").isEmpty()) {
                output.list(o.at("/attention/items"), List.of(Output.Column.of("KIND", "kind"), Output.Column.of("NODE", "hostname"),
                        Output.Column.of("PIPELINE", "pipelineName"), Output.Column.of("STATUS", "status"), Output.Column.of("REASON", "reason")));
            }
            return ExitCodes.OK;
        }
    }
}
