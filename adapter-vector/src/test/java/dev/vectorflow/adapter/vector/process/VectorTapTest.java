package dev.vectorflow.adapter.vector.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.vectorflow.ports.protocol.SampleResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Samples through a `vector` executable that taps the way Vector 0.57's `vector tap` does: the flags of
 * docs/vector.md, JSON lines until its duration ends, exit 69 when the API cannot be reached.
 */
class VectorTapTest {

    @TempDir
    Path dir;

    private Path fakeVector() throws IOException {
        Path script = dir.resolve("vector");
        Files.writeString(script, """
                #!/bin/sh
                here=$(dirname "$0")
                echo "$*" > "$here/tap-args"
                echo $$ > "$here/tap-pid"
                case "$3" in *:1) echo "[tap] Couldn't connect to Vector API via \\"$3\\""; exit 69;; esac
                echo "[tap] Pattern '$5' successfully matched."
                i=0
                while true; do
                  echo "{\\"message\\":\\"line $i\\",\\"status\\":200,\\"http\\":{\\"path\\":\\"/a\\"}}"
                  i=$((i+1))
                  sleep 0.05
                done
                """);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    @Test
    void aSample_usesTheTapFlagsOfVector_andStopsTheTapOnceTheLimitIsIn() throws Exception {
        VectorApiTelemetry telemetry = new VectorApiTelemetry(fakeVector());

        SampleResult sample = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> telemetry.sample("127.0.0.1:18686", "req-1", "parse", 3, Duration.ofSeconds(60)));

        assertThat(Files.readString(dir.resolve("tap-args")).strip())
                .isEqualTo("tap -u http://127.0.0.1:18686 --outputs-of parse -l 3 -f json -d 60000 -q");
        assertThat(sample.error()).isNull();
        assertThat(sample.events()).hasSize(3);
        assertThat(sample.schema()).anySatisfy(f -> {
            assertThat(f.path()).isEqualTo(".http.path");
            assertThat(f.type()).isEqualTo("string");
        });
        long pid = Long.parseLong(Files.readString(dir.resolve("tap-pid")).strip());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("the endless tap was stopped").isFalse();
    }

    @Test
    void anUnreachableApi_isSaidSo() throws Exception {
        SampleResult sample = new VectorApiTelemetry(fakeVector()).sample("127.0.0.1:1", "req-2", "parse", 3, Duration.ofSeconds(5));

        assertThat(sample.events()).isEmpty();
        assertThat(sample.error()).contains("Vector's API at 127.0.0.1:1 cannot be reached (vector tap exited with 69)")
                .contains("Couldn't connect to Vector API");
    }
}
