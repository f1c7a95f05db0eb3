package dev.vectorflow.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code env list|get}: the environments the token sees. */
@Command(name = "env", aliases = "environment", mixinStandardHelpOptions = true, description = "List or show environments.",
        subcommands = {EnvironmentCommands.ListEnvironments.class, EnvironmentCommands.GetEnvironment.class})
final class EnvironmentCommands {

    static final List<Output.Column> COLUMNS = List.of(Output.Column.of("ID", "id"), Output.Column.of("NAME", "name"),
            Output.Column.of("TEAM", "teamName"), Output.Column.of("DESCRIPTION", "description"));

    @Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true, description = "List the environments.")
    static final class ListEnvironments implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            VectorFlowCtl ctl = VectorFlowCtl.of(spec);
            ctl.output().list(ServerApi.items(ctl.api().get("/api/environments")), COLUMNS);
            return ExitCodes.OK;
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Show one environment (by name, TEAM/NAME or id).")
    static final class GetEnvironment implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "ENV") String environment;

        @Override
        public Integer call() {
            VectorFlowCtl ctl = VectorFlowCtl.of(spec);
            ctl.output().object(ctl.api().environment(environment), COLUMNS);
            return ExitCodes.OK;
        }
    }
}
