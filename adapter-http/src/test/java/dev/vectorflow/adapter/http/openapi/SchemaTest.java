package dev.vectorflow.adapter.http.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Schemas as the document writes them: lenient request records, and records that hold themselves. */
class SchemaTest {

    record Inner(String name, int count) {
    }

    record Request(String token, Inner inner, List<Inner> more) {
    }

    record Tree(String label, List<Tree> children, Optional<Tree> first) {
    }

    @Test
    void aLenientRequestRecord_isOpenToOtherFields_asAreTheRecordsItHolds_andNamesOnlyTheRequiredFieldsGiven() {
        Components components = new Components();

        JsonNode ref = Schema.lenient(Request.class, "token").toJson(components);

        assertThat(ref.get("allOf").get(0).get("$ref").asText()).isEqualTo("#/components/schemas/Request");
        assertThat(ref.get("required")).hasSize(1).first().matches(n -> n.asText().equals("token"));
        JsonNode schemas = components.toJson();
        assertThat(schemas.get("Request").has("additionalProperties")).isFalse();
        assertThat(schemas.get("Request").has("required")).isFalse();
        assertThat(schemas.get("Inner").has("additionalProperties")).isFalse();
        assertThat(schemas.get("Request").at("/properties/more/items/$ref").asText()).isEqualTo("#/components/schemas/Inner");
    }

    @Test
    void anAnswerRecord_isClosed_andARecordUsedBothWays_isRefused() {
        Components components = new Components();

        Schema.of(Inner.class).toJson(components);

        assertThat(components.toJson().get("Inner").get("additionalProperties").asBoolean(true)).isFalse();
        assertThat(components.toJson().get("Inner").get("required")).hasSize(1);
        assertThatThrownBy(() -> Schema.lenient(Request.class).toJson(components)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Inner");
    }

    @Test
    void aRecordThatHoldsItself_isOneComponent_thatRefersToItself() {
        Components components = new Components();

        Schema.of(Tree.class).toJson(components);

        JsonNode tree = components.toJson().get("Tree");
        assertThat(tree.at("/properties/children/items/$ref").asText()).isEqualTo("#/components/schemas/Tree");
        assertThat(tree.at("/properties/first/anyOf/0/$ref").asText()).isEqualTo("#/components/schemas/Tree");
    }
}
