package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackupSettingsTest {

    @Test
    void givenNothing_backupsGoToTheDataDirectory_onDemandOnly_keepingTheNewestSeven() {
        BackupSettings b = ServerSettings.fromEnvironment(Map.of("VF_DATA_DIR", "/srv/vf")).backup();

        assertThat(b.schedule()).isEmpty();
        assertThat(b.directory()).isEqualTo(Path.of("/srv/vf/backups"));
        assertThat(b.s3Target()).isFalse();
        assertThat(b.retention().keepLast()).isEqualTo(7);
        assertThat(b.retention().keepDays()).isZero();
        assertThat(b.telemetryInScheduled()).isFalse();
        assertThat(b.openStorage().description()).isEqualTo("directory /srv/vf/backups");
    }

    @Test
    void anS3Target_readsEverySetting_andNeverPrintsTheSecretKey() {
        ServerSettings s = ServerSettings.fromEnvironment(Map.of("VF_BACKUP_SCHEDULE", "@daily", "VF_BACKUP_KEEP_LAST", "0",
                "VF_BACKUP_KEEP_DAYS", "30", "VF_BACKUP_TARGET", "S3", "VF_BACKUP_S3_BUCKET", "ops-backups", "VF_BACKUP_S3_PREFIX", "/vf/prod",
                "VF_BACKUP_S3_ENDPOINT", "https://minio.example.com:9000", "VF_BACKUP_S3_PATH_STYLE", "true",
                "VF_BACKUP_S3_ACCESS_KEY", "AKIA0EXAMPLE", "VF_BACKUP_S3_SECRET_KEY", "super-secret-key"));

        BackupSettings b = s.backup();
        assertThat(b.schedule().orElseThrow().toString()).isEqualTo("@daily (UTC)");
        assertThat(b.s3().orElseThrow().prefix()).isEqualTo("vf/prod/");
        assertThat(b.openStorage().description()).isEqualTo("s3://ops-backups/vf/prod/ at https://minio.example.com:9000");
        assertThat(String.join("\n", s.describe())).contains("VF_BACKUP_TARGET = s3", "secretKey=****", "VF_BACKUP_KEEP_DAYS = 30")
                .doesNotContain("super-secret-key");
        assertThat(ServerSettings.unknownVariables(Map.of("VF_BACKUP_S3_BUCKET", "b", "VF_BACKUP_SHEDULE", "x"), java.util.Set.of()))
                .containsExactly("VF_BACKUP_SHEDULE");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "VF_BACKUP_SCHEDULE|0 25 * * *|VF_BACKUP_SCHEDULE",
            "VF_BACKUP_SCHEDULE|daily|five fields",
            "VF_BACKUP_KEEP_LAST|-1|VF_BACKUP_KEEP_LAST",
            "VF_BACKUP_TARGET|ftp|must be local or s3",
            "VF_BACKUP_INCLUDE_TELEMETRY|yes|must be true or false"})
    void anInvalidBackupSetting_isRefusedNamingTheVariable(String name, String value, String message) {
        assertThatThrownBy(() -> ServerSettings.fromEnvironment(Map.of(name, value))).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining(message);
    }

    @Test
    void anS3TargetWithoutABucket_orWithHalfTheCredentials_isRefused() {
        assertThatThrownBy(() -> ServerSettings.fromEnvironment(Map.of("VF_BACKUP_TARGET", "s3"))).hasMessageContaining("VF_BACKUP_S3_BUCKET");
        assertThatThrownBy(() -> ServerSettings.fromEnvironment(Map.of("VF_BACKUP_TARGET", "s3", "VF_BACKUP_S3_BUCKET", "Bad_Bucket")))
                .hasMessageContaining("bucket name");
        assertThatThrownBy(() -> ServerSettings.fromEnvironment(Map.of("VF_BACKUP_TARGET", "s3", "VF_BACKUP_S3_BUCKET", "ok-bucket",
                "VF_BACKUP_S3_ACCESS_KEY", "a"))).hasMessageContaining("must be set together");
        assertThatThrownBy(() -> ServerSettings.fromEnvironment(Map.of("VF_BACKUP_TARGET", "s3", "VF_BACKUP_S3_BUCKET", "ok-bucket",
                "VF_BACKUP_S3_ENDPOINT", "minio:9000"))).hasMessageContaining("http(s) URL");
    }
}
