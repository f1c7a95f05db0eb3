package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.core.settings.SettingsSnapshot;
import dev.vectorflow.core.validation.InvalidValueException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackupSettingsTest {

    /** What the settings are when the store holds nothing: the environment's values, else the defaults. */
    private static SettingsSnapshot fromEnvironment(Map<String, String> env) {
        return SettingsSnapshot.resolve(ServerSettings.fromEnvironment(env).storedSettingOverrides(), Map.of());
    }

    @Test
    void givenNothing_backupsGoToTheDataDirectory_onDemandOnly_keepingTheNewestSeven() {
        BackupSettings b = ServerSettings.fromEnvironment(Map.of("VF_DATA_DIR", "/srv/vf")).backup();
        SettingsSnapshot s = fromEnvironment(Map.of("VF_DATA_DIR", "/srv/vf"));

        assertThat(BackupSettings.policy(s).schedule()).isEmpty();
        assertThat(b.directory()).isEqualTo(Path.of("/srv/vf/backups"));
        assertThat(BackupSettings.s3(s)).isEmpty();
        assertThat(BackupSettings.policy(s).retention().keepLast()).isEqualTo(7);
        assertThat(BackupSettings.policy(s).retention().keepDays()).isZero();
        assertThat(BackupSettings.policy(s).telemetryInScheduled()).isFalse();
        assertThat(b.openStorage(s).description()).isEqualTo("directory /srv/vf/backups");
    }

    @Test
    void anS3Target_readsEverySetting_andNeverPrintsTheSecretKey() {
        Map<String, String> env = Map.of("VF_BACKUP_SCHEDULE", "@daily", "VF_BACKUP_KEEP_LAST", "0",
                "VF_BACKUP_KEEP_DAYS", "30", "VF_BACKUP_TARGET", "S3", "VF_BACKUP_S3_BUCKET", "ops-backups", "VF_BACKUP_S3_PREFIX", "/vf/prod",
                "VF_BACKUP_S3_ENDPOINT", "https://minio.example.com:9000", "VF_BACKUP_S3_PATH_STYLE", "true",
                "VF_BACKUP_S3_ACCESS_KEY", "AKIA0EXAMPLE", "VF_BACKUP_S3_SECRET_KEY", "super-secret-key");
        ServerSettings settings = ServerSettings.fromEnvironment(env);
        SettingsSnapshot s = fromEnvironment(env);

        assertThat(BackupSettings.policy(s).schedule().orElseThrow().toString()).isEqualTo("@daily (UTC)");
        assertThat(BackupSettings.s3(s).orElseThrow().prefix()).isEqualTo("vf/prod/");
        assertThat(settings.backup().openStorage(s).description()).isEqualTo("s3://ops-backups/vf/prod/ at https://minio.example.com:9000");
        assertThat(String.join("\n", s.describe())).contains("VF_BACKUP_TARGET = s3 (environment)", "VF_BACKUP_S3_SECRET_KEY = **** (environment)",
                "VF_BACKUP_KEEP_DAYS = 30 (environment)").doesNotContain("super-secret-key");
        assertThat(String.join("\n", settings.describe()) + s + settings).doesNotContain("super-secret-key");
        assertThat(s.crossFieldProblems()).isEmpty();
        assertThat(ServerSettings.unknownVariables(Map.of("VF_BACKUP_S3_BUCKET", "b", "VF_BACKUP_SHEDULE", "x"), java.util.Set.of()))
                .containsExactly("VF_BACKUP_SHEDULE");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "VF_BACKUP_SCHEDULE|0 25 * * *|VF_BACKUP_SCHEDULE",
            "VF_BACKUP_SCHEDULE|daily|five fields",
            "VF_BACKUP_KEEP_LAST|-1|VF_BACKUP_KEEP_LAST",
            "VF_BACKUP_TARGET|ftp|must be one of local, s3",
            "VF_BACKUP_INCLUDE_TELEMETRY|yes|must be true or false",
            "VF_BACKUP_S3_BUCKET|Bad_Bucket|bucket name",
            "VF_BACKUP_S3_ENDPOINT|minio:9000|http(s) URL"})
    void anInvalidBackupSetting_isRefusedNamingTheVariable(String name, String value, String message) {
        assertThatThrownBy(() -> ServerSettings.fromEnvironment(Map.of(name, value))).isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith(name + " ").hasMessageContaining(message);
    }

    @Test
    void anInvalidSecretKey_isRefusedWithoutRepeatingIt() {
        assertThatThrownBy(() -> ServerSettings.fromEnvironment(Map.of("VF_BACKUP_S3_SECRET_KEY", "has spaces in it")))
                .isInstanceOf(InvalidSettingException.class).hasMessageStartingWith("VF_BACKUP_S3_SECRET_KEY ").hasMessageNotContaining("spaces in it");
    }

    @Test
    void anS3TargetWithoutABucket_orWithHalfTheCredentials_doesNotFitTogether() {
        assertThat(fromEnvironment(Map.of("VF_BACKUP_TARGET", "s3")).crossFieldProblems()).extracting(InvalidValueException::field)
                .containsExactly("backup.s3Bucket");
        assertThat(fromEnvironment(Map.of("VF_BACKUP_TARGET", "s3", "VF_BACKUP_S3_BUCKET", "ok-bucket", "VF_BACKUP_S3_ACCESS_KEY", "a"))
                .crossFieldProblems()).extracting(InvalidValueException::problem).singleElement().asString().contains("must be set together");
    }
}
