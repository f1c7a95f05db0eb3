package dev.vectorflow.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.core.network.Cidr;
import dev.vectorflow.core.validation.InvalidValueException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsCatalogTest {

    @Test
    void everySetting_hasItsOwnKeyAndVariable_aValidDefault_andNeedsNoRestart() {
        Set<String> keys = new HashSet<>();
        Set<String> variables = new HashSet<>();
        for (SettingDefinition d : SettingsCatalog.all()) {
            assertThat(keys.add(d.key())).as(d.key()).isTrue();
            assertThat(variables.add(d.environmentVariable())).as(d.environmentVariable()).isTrue();
            assertThat(d.environmentVariable()).startsWith("VF_");
            assertThat(d.canonical(d.defaultValue())).as(d.key()).isEqualTo(d.defaultValue());
            assertThat(d.restartRequired()).as(d.key()).isFalse();
        }
        assertThat(SettingsCatalog.all()).extracting(SettingDefinition::group).contains(SettingGroup.values());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "fleet.pollIntervalMs| 5000 |5000",
            "auth.localSignIn|TRUE|true",
            "backup.target|S3|s3",
            "auth.publicUrl|https://vf.example.com/|https://vf.example.com",
            "backup.s3Prefix|/vf/prod|vf/prod/",
            "auth.breakGlassEmail|Root@Example.COM|root@example.com",
            "alerts.allowedPrivateNetworks|10.0.0.0/8, FD00::/8|10.0.0.0/8,fd00::/8",
            "backup.schedule|@daily|@daily"})
    void aValidText_becomesItsCanonicalForm(String key, String text, String canonical) {
        assertThat(SettingsCatalog.get(key).canonical(text)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "fleet.pollIntervalMs|499|from 500 to 3600000",
            "fleet.pollIntervalMs|fast|whole number",
            "fleet.unhealthyThreshold|''|must not be empty",
            "auth.localSignIn|yes|true or false",
            "backup.target|ftp|one of local, s3",
            "auth.publicUrl|vf.example.com|http(s) URL",
            "auth.publicUrl|ftp://vf.example.com|http(s) URL",
            "backup.schedule|0 25 * * *|hour",
            "backup.s3Bucket|Bad_Bucket|bucket name",
            "alerts.allowedPrivateNetworks|10.0.0.0/33|prefix length",
            "alerts.allowedPrivateNetworks|intranet|networks like",
            "auth.breakGlassEmail|root|e-mail address"})
    void anInvalidText_isRefusedNamingTheSetting(String key, String text, String problem) {
        assertThatThrownBy(() -> SettingsCatalog.get(key).canonical(text)).isInstanceOf(InvalidValueException.class)
                .satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo(key)).hasMessageContaining(problem);
    }

    @Test
    void theEnvironmentWinsOverTheStore_whichWinsOverTheDefault() {
        SettingsSnapshot s = SettingsSnapshot.resolve(Map.of(SettingsCatalog.POLL_INTERVAL_MS, "2000"),
                Map.of(SettingsCatalog.POLL_INTERVAL_MS, "9000", SettingsCatalog.UNHEALTHY_THRESHOLD, "5"));

        assertThat(s.effective(SettingsCatalog.POLL_INTERVAL_MS)).isEqualTo(new SettingsSnapshot.Effective("2000", SettingSource.ENVIRONMENT));
        assertThat(s.effective(SettingsCatalog.UNHEALTHY_THRESHOLD)).isEqualTo(new SettingsSnapshot.Effective("5", SettingSource.STORED));
        assertThat(s.effective(SettingsCatalog.METRICS_RETENTION_DAYS)).isEqualTo(new SettingsSnapshot.Effective("7", SettingSource.DEFAULT));
        assertThat(s.whole(SettingsCatalog.POLL_INTERVAL_MS)).isEqualTo(2000);
    }

    @Test
    void describe_namesEveryVariableWithItsSource_andMasksSecrets() {
        SettingsSnapshot s = SettingsSnapshot.resolve(Map.of(), Map.of(SettingsCatalog.BACKUP_S3_SECRET_KEY, "s3cr3t-key"));

        assertThat(s.describe()).hasSize(SettingsCatalog.all().size())
                .contains("VF_BACKUP_S3_SECRET_KEY = **** (stored)", "VF_POLL_INTERVAL_MS = 15000 (default)");
        assertThat(s.toString()).doesNotContain("s3cr3t-key");
    }

    @Test
    void settingsThatMustGoTogether_areEachReportedOnTheSettingToChange() {
        SettingsSnapshot s = SettingsSnapshot.resolve(Map.of(), Map.of(SettingsCatalog.BACKUP_TARGET, "s3", SettingsCatalog.BACKUP_S3_SECRET_KEY,
                "k", SettingsCatalog.LOCAL_SIGN_IN, "false"));

        assertThat(s.crossFieldProblems()).extracting(InvalidValueException::field)
                .containsExactly(SettingsCatalog.BACKUP_S3_BUCKET, SettingsCatalog.BACKUP_S3_ACCESS_KEY, SettingsCatalog.BREAK_GLASS_EMAIL);
        assertThat(SettingsSnapshot.defaults().crossFieldProblems()).isEmpty();
    }

    @Test
    void aNetworkList_tellsWhichAddressesItHolds() {
        Cidr net = Cidr.parse("n", "10.20.0.0/16");
        assertThat(net.contains(Cidr.literalAddress("10.20.3.4").orElseThrow())).isTrue();
        assertThat(net.contains(Cidr.literalAddress("10.21.0.1").orElseThrow())).isFalse();
        assertThat(Cidr.parse("n", "fd00::/8").contains(Cidr.literalAddress("fd12::1").orElseThrow())).isTrue();
        assertThat(Cidr.literalAddress("example.com")).isEmpty();
    }
}
