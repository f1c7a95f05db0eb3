package dev.vectorflow.adapter.vector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class VectorVersionTest {

    @Test
    void parsesAFullVersionLine() {
        VectorVersion v = VectorVersion.parse("vector 0.57.0 (x86_64-unknown-linux-gnu 8832452 2026-07-14 10:00:00.000000000)\n").orElseThrow();

        assertThat(v.version()).isEqualTo("0.57.0");
        assertThat(v.target()).isEqualTo("x86_64-unknown-linux-gnu");
        assertThat(v.commit()).contains("8832452");
        assertThat(v.buildDate()).contains("2026-07-14 10:00:00.000000000");
    }

    @Test
    void parsesALineWithoutCommit() {
        VectorVersion v = VectorVersion.parse("vector 0.57.0 (aarch64-unknown-linux-musl)").orElseThrow();

        assertThat(v.target()).isEqualTo("aarch64-unknown-linux-musl");
        assertThat(v.commit()).isEmpty();
    }

    @Test
    void rejectsOtherOutput() {
        assertThat(VectorVersion.parse("command not found: vector")).isEqualTo(Optional.empty());
        assertThat(VectorVersion.parse(null)).isEmpty();
    }
}
