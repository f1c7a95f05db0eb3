package dev.vectorflow.adapter.vector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ReadmeExampleTest {

    @Test
    void theReadmesLibraryExampleRunsAndValidatesRendersAndImports() {
        ReadmeExample.Result result = ReadmeExample.run();

        assertThat(result.problems()).isEmpty();
        assertThat(result.yaml()).startsWith("sources:").contains("app_logs:").contains("type: file").contains("- parse");
        assertThat(result.imported().hasErrors()).isFalse();
        assertThat(result.imported().graph().components()).hasSize(3);
        assertThat(result.imported().graph().edges()).hasSize(2);
    }

    @Test
    void theReadmeShowsExactlyTheCodeThisTestRuns() throws IOException {
        String source = Files.readString(Path.of("src/test/java/dev/vectorflow/adapter/vector/ReadmeExample.java"));
        String example = source.substring(source.indexOf("// README-START") + "// README-START".length(), source.indexOf("// README-END"))
                .strip();
        String readme = Files.readString(Path.of("../README.md"));

        assertThat(normalise(readme)).contains(normalise(example));
    }

    private static String normalise(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).reduce("", (a, b) -> a + "\n" + b);
    }
}
