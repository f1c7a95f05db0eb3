package dev.vectorflow.standin;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the stand-in's launcher is, for tests in other modules: add {@code vector-standin} as a test dependency
 * and point {@code VF_VECTOR_BIN} at {@link #launcher()} ({@code vector-standin/bin/vector}).
 */
public final class VectorStandin {

    private VectorStandin() {
    }

    /** {@code vector-standin/bin/vector}, found from where this class was loaded (target/classes or the built jar). */
    public static Path launcher() {
        try {
            Path loadedFrom = Path.of(VectorStandin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = loadedFrom; dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve("bin").resolve("vector");
                if (Files.isExecutable(candidate) && Files.exists(dir.resolve("pom.xml"))) {
                    if (!Files.exists(dir.resolve("target/vector-standin.jar"))) {
                        throw new IllegalStateException("The stand-in jar is not built: run ./mvnw -pl vector-standin package ("
                                + dir.resolve("target/vector-standin.jar") + " is missing)");
                    }
                    return candidate;
                }
            }
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot tell where the stand-in was loaded from", e);
        }
        throw new IllegalStateException("vector-standin/bin/vector not found above " + VectorStandin.class.getProtectionDomain().getCodeSource());
    }
}
