package dev.vectorflow.adapter.http.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonBodyReaderTest {

    @Test
    void parserMessagesLoseTheBodyFragmentsTheyQuote() {
        String message = "Unrecognized token 'hunter2': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')";

        assertThat(JsonBodyReader.withoutQuotedInput(message)).doesNotContain("hunter2").startsWith("Unrecognized token '…'");
        assertThat(JsonBodyReader.withoutQuotedInput("Unexpected character ('\\'' (code 39)): expected a valid value")).doesNotContain("39");
        assertThat(JsonBodyReader.withoutQuotedInput(null)).isEqualTo("not valid JSON");
    }

    @Test
    void jsonMediaTypesAreRecognised() {
        assertThat(JsonBodyReader.isJson("application/json; charset=utf-8")).isTrue();
        assertThat(JsonBodyReader.isJson("application/merge-patch+json")).isTrue();
        assertThat(JsonBodyReader.isJson("text/plain")).isFalse();
        assertThat(JsonBodyReader.isJson(null)).isFalse();
    }
}
