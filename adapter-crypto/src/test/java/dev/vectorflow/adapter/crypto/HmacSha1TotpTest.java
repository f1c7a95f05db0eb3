package dev.vectorflow.adapter.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HmacSha1TotpTest {

    /** RFC 6238, appendix B (SHA-1 rows), shortened to the 6 digits an authenticator app shows. */
    @ParameterizedTest
    @CsvSource({"59, 287082", "1111111109, 081804", "1111111111, 050471", "1234567890, 005924", "2000000000, 279037", "20000000000, 353130"})
    void givesTheCodesOfRfc6238(long unixSeconds, String code) {
        byte[] secret = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

        assertThat(String.format("%06d", new HmacSha1Totp().code(secret, unixSeconds / 30))).isEqualTo(code);
    }
}
