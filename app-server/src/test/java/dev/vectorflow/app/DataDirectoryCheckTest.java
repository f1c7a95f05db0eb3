package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data directory's readiness on a real file system: space below the minimum, a directory that cannot be written. */
class DataDirectoryCheckTest {

    @TempDir
    Path dir;

    @Test
    void givenAWritableDirectoryWithSpace_thereIsNoProblem_andNoProbeFileIsLeft() throws Exception {
        DataDirectoryCheck check = new DataDirectoryCheck(dir, 1024 * 1024);

        assertThat(check.problem()).isEmpty();
        try (var left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void givenLessSpaceThanTheMinimum_theProblemSaysHowMuchIsFreeAndTheMinimum() throws Exception {
        long free = Files.getFileStore(dir).getUsableSpace();
        DataDirectoryCheck check = new DataDirectoryCheck(dir, free + 1024L * 1024 * 1024);

        assertThat(check.problem()).hasValueSatisfying(p -> assertThat(p).contains("MB free in " + dir.toAbsolutePath())
                .contains("MB minimum (VF_DATA_DIR_MIN_FREE_MB)"));
    }

    @Test
    void givenADataDirectoryThatCannotBeWritten_theProblemNamesTheWriteFailure_andItClearsWhenItCanAgain() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("data"), "a file where the directory should be");
        DataDirectoryCheck check = new DataDirectoryCheck(notADirectory, 0);

        assertThat(check.problem()).hasValueSatisfying(p -> assertThat(p).startsWith("cannot write to " + notADirectory));

        Files.delete(notADirectory);
        Files.createDirectory(notADirectory);
        assertThat(check.problem()).isEmpty();
    }
}
