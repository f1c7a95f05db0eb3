package dev.vectorflow.adapter.vector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.core.pipeline.Problem;
import dev.vectorflow.ports.out.vector.VectorConfigCheck;
import dev.vectorflow.standin.ConfigFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.vectorflow.standin.VectorStandin;

/** Runs a stand-in `vector` executable that answers `validate` the way Vector 0.57 does. */
class VectorCliCheckTest {

    private static Path fakeVector(Path dir) throws IOException {
        Path script = dir.resolve("vector");
        Files.writeString(script, """
                #!/bin/sh
                [ "$1" = "validate" ] && [ "$2" = "--no-environment" ] || { echo "unexpected arguments: $*"; exit 2; }
                if grep -q reject-me "$3"; then
                  echo '~ Source "spare" has no consumers'
                  echo 'x Input "ghost" for sink "out" doesn'"'"'t match any components.'
                  exit 78
                fi
                if grep -q hang "$3"; then sleep 30; fi
                echo "√ Loaded [\\"$3\\"]"
                echo 'Validated'
                """);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    @Test
    void aValidConfigPasses_andTheTemporaryFilesAreGone(@TempDir Path dir) throws IOException {
        VectorCliCheck check = new VectorCliCheck(Optional.of(fakeVector(dir)), Duration.ofSeconds(10));

        Optional<VectorConfigCheck.Verdict> verdict = check.check("sources: {}\n");

        assertThat(verdict).hasValueSatisfying(v -> {
            assertThat(v.valid()).isTrue();
            assertThat(v.problems()).isEmpty();
        });
    }

    @Test
    void vectorsErrorsAndWarningsAreMappedToComponents(@TempDir Path dir) throws IOException {
        VectorConfigCheck.Verdict verdict = new VectorCliCheck(Optional.of(fakeVector(dir)), Duration.ofSeconds(10))
                .check("# reject-me\n").orElseThrow();

        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.problems()).extracting(Problem::toString).containsExactly(
                "WARNING spare: Vector: Source \"spare\" has no consumers",
                "ERROR out: Vector: Input \"ghost\" for sink \"out\" doesn't match any components.");
    }

    @Test
    void aHangingVectorIsStoppedAtTheTimeout(@TempDir Path dir) throws IOException {
        VectorConfigCheck.Verdict verdict = new VectorCliCheck(Optional.of(fakeVector(dir)), Duration.ofMillis(500))
                .check("# hang\n").orElseThrow();

        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.problems().getFirst().message()).contains("did not finish");
    }

    @Test
    void vectorTest_passesOrNamesTheFailedTestWithItsReasons() {
        VectorCliCheck check = new VectorCliCheck(Optional.of(VectorStandin.launcher()), Duration.ofSeconds(30));

        assertThat(check.test(ConfigFixtures.withUnitTests("keeps the message", "true"))).hasValueSatisfying(v -> assertThat(v.valid()).isTrue());
        VectorConfigCheck.Verdict failed = check.test(ConfigFixtures.withUnitTests("keeps the message", "false")).orElseThrow();
        assertThat(failed.valid()).isFalse();
        assertThat(failed.problems()).extracting(Problem::toString).singleElement().asString()
                .startsWith("ERROR tests: Vector: unit test 'keeps the message' failed: check transform 'parse' failed conditions:");
        VectorConfigCheck.Verdict broken = check.test(ConfigFixtures.withUnitTests("keeps the message", "frobnicate(.x)")).orElseThrow();
        assertThat(broken.valid()).isFalse();
        assertThat(broken.problems()).extracting(Problem::toString).singleElement().asString().startsWith("ERROR tests: vector test failed (exit code 78)");
    }

    @Test
    void withoutABinaryNothingIsChecked(@TempDir Path dir) throws IOException {
        assertThat(VectorCliCheck.fromEnvironment(Map.of("PATH", dir.toString())).check("x")).isEmpty();
        assertThat(VectorCliCheck.fromEnvironment(Map.of("PATH", dir.toString())).test("x")).isEmpty();
        fakeVector(dir);
        assertThat(VectorCliCheck.fromEnvironment(Map.of("PATH", dir.toString())).binary()).contains(dir.resolve("vector"));
        assertThat(VectorCliCheck.fromEnvironment(Map.of("VF_VECTOR_BIN", "/opt/vector/bin/vector")).binary())
                .contains(Path.of("/opt/vector/bin/vector"));
    }
}
