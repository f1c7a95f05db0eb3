package dev.vectorflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Checking the connection and the token. */
final class SessionCommands {

    private SessionCommands() {
    }

    /** {@code login}: checks the server address and the token and says who the token acts as. */
    @Command(name = "login", mixinStandardHelpOptions = true,
            description = "Check the server address and the API token; print the kind of token and its teams with their roles.")
    static final class Login implements Callable<Integer> {

        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            VectorFlowCtl ctl = VectorFlowCtl.of(spec);
            ServerApi api = ctl.api();
            JsonNode teams = api.get("/api/teams");
            // personal tokens may list their own tokens; a team token is refused there (it is nobody's)
            String kind = api.status("/api/me/tokens") == 200 ? "personal" : "team";
            ArrayNode teamList = ServerApi.JSON.createArrayNode();
            List<String> described = new ArrayList<>();
            for (JsonNode t : ServerApi.items(teams)) {
                teamList.add(ServerApi.object("id", t.path("id").asText(), "name", t.path("name").asText(), "role", t.path("role").asText()));
                described.add(t.path("name").asText() + " (" + t.path("role").asText() + ")");
            }
            Output output = ctl.output();
            if (output.forPeople()) {
                output.text("Signed in to " + api.server() + " with a " + kind + " API token; teams: "
                        + (described.isEmpty() ? "none" : String.join(", ", described)));
            } else {
                output.data(ServerApi.object("server", api.server().toString(), "token", kind, "teams", teamList));
            }
            return ExitCodes.OK;
        }
    }
}
