package dev.vectorflow.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The server serves the UI page for exactly the UI's own routes: its list follows the UI's router. */
class UiRoutesTest {

    /** The first path segments the UI's routers match ({@code a === 'pipelines'}, {@code path === '/setup'}, ...). */
    static Set<String> firstSegmentsIn(String source) {
        Set<String> segments = new TreeSet<>();
        Matcher m = Pattern.compile("(?:\\ba === '|\\bpath === '/)([a-z-]+)['/]").matcher(source);
        while (m.find()) {
            segments.add(m.group(1));
        }
        return segments;
    }

    @Test
    void theServersUiRoutes_areTheFirstSegmentsTheUiRoutesBy() throws IOException {
        Path ui = Path.of("..", "ui", "src");
        Set<String> inUi = new TreeSet<>(firstSegmentsIn(Files.readString(ui.resolve("routes.ts"))));
        inUi.addAll(firstSegmentsIn(Files.readString(ui.resolve("forms.ts"))));
        inUi.add(""); // the overview

        assertThat(inUi).as("segments found in the UI's routers").contains("pipelines", "fleet", "setup");
        assertThat(new TreeSet<>(HttpApi.UI_ROUTES)).isEqualTo(inUi);
    }

    @Test
    void theExtraction_findsTheSegmentsOfARouter() {
        assertThat(firstSegmentsIn("if (a === 'pipelines' && !b) ...; if (a === 'fleet-x') ...; if (path === '/account/password')"))
                .containsExactly("account", "fleet-x", "pipelines");
    }
}
