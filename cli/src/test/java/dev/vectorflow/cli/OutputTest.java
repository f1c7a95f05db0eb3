package dev.vectorflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputTest {

    private static final List<Output.Column> COLUMNS = List.of(Output.Column.of("NAME", "name"), Output.Column.of("LABELS", "labels"),
            Output.Column.of("VERSION", "/current/version"));

    private static JsonNode rows() throws Exception {
        return ServerApi.JSON.readTree("""
                [{"name":"web","labels":{"role":"edge","zone":"a"},"current":{"version":3}},
                 {"name":"a-much-longer-name\\u001b[31m","labels":{},"current":null}]""");
    }

    private static String print(Output.Format format, JsonNode rows) {
        StringWriter text = new StringWriter();
        new Output(format, new PrintWriter(text)).list(rows, COLUMNS);
        return text.toString();
    }

    @Test
    void aTable_alignsColumns_showsMapsAsPairs_andNothingAsDash_withoutControlCharacters() throws Exception {
        String table = print(Output.Format.TABLE, rows());

        assertThat(table).isEqualTo("""
                NAME                     LABELS            VERSION
                web                      role=edge,zone=a  3
                a-much-longer-name [31m  -                 -
                """);
    }

    @Test
    void jsonAndYaml_carryTheWholeEntries_andParse() throws Exception {
        JsonNode json = ServerApi.JSON.readTree(print(Output.Format.JSON, rows()));
        JsonNode yaml = new YAMLMapper().readTree(print(Output.Format.YAML, rows()));

        assertThat(json).isEqualTo(rows());
        assertThat(yaml).isEqualTo(rows());
    }

    @Test
    void aLongCell_isCutWithAnEllipsis() {
        assertThat(Output.clip("x".repeat(100))).hasSize(60).endsWith("…");
    }
}
