package dev.vectorflow.ports.out.vector;

import dev.vectorflow.core.pipeline.Problem;
import java.util.List;
import java.util.Optional;

/**
 * Driven port: lets Vector itself check a rendered config ({@code vector validate
 * --no-environment}) and run its unit tests ({@code vector test}). Empty when no {@code vector}
 * binary is available here.
 */
public interface VectorConfigCheck {

    Optional<Verdict> check(String configYaml);

    /** Runs the unit tests ({@code tests:}) of a rendered config; a failed test is an error naming it. */
    Optional<Verdict> test(String configYaml);

    /** What Vector said: its errors and warnings, mapped to components where it named one. */
    record Verdict(boolean valid, List<Problem> problems, String vectorVersion) {
        public Verdict {
            problems = List.copyOf(problems);
        }
    }
}
