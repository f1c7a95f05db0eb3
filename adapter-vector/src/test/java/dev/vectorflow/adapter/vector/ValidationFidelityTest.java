package dev.vectorflow.adapter.vector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vectorflow.core.pipeline.GraphImporter;
import dev.vectorflow.core.pipeline.Problem;
import dev.vectorflow.ports.out.vector.ConfigFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The validator judges configs as Vector 0.57 does, with the bundled catalog: each case is a small config written
 * from Vector's documented behaviour (its reference docs and the Rust config types of the option), once where
 * Vector accepts it (no error may appear) and once where it refuses it (the error names what is wrong).
 */
class ValidationFidelityTest {

    private final VectorPipelines vector = VectorPipelines.withBundledCatalog();

    private List<String> errors(String yaml) {
        GraphImporter.ImportResult imported = vector.importConfig(yaml, Optional.of(ConfigFormat.YAML));
        assertThat(imported.problems()).filteredOn(Problem::isError).isEmpty();
        return vector.validate(imported.graph()).stream().filter(Problem::isError).map(Problem::toString).toList();
    }

    private List<String> warnings(String yaml) {
        GraphImporter.ImportResult imported = vector.importConfig(yaml, Optional.of(ConfigFormat.YAML));
        return vector.validate(imported.graph()).stream().filter(p -> !p.isError()).map(Problem::toString).toList();
    }

    /** A demo source feeding one sink whose options are {@code sinkBody} (indented by four spaces). */
    private static String pipeline(String sinkBody) {
        return """
                sources:
                  in:
                    type: demo_logs
                    format: json
                sinks:
                  out:
                    inputs: [in]
                """ + sinkBody.indent(4);
    }

    private static String s3(String auth) {
        return pipeline("""
                type: aws_s3
                bucket: logs
                region: eu-west-1
                encoding:
                  codec: json
                """ + (auth.isEmpty() ? "" : "auth:\n" + auth.indent(2)));
    }

    @Test
    void awsAuth_withStaticKeys_needsNeitherARoleNorACredentialsFile() {
        assertThat(errors(s3("access_key_id: SECRET[aws_key]\nsecret_access_key: SECRET[aws_secret]\n"))).isEmpty();
        assertThat(errors(s3("access_key_id: SECRET[aws_key]\nsecret_access_key: SECRET[aws_secret]\nsession_token: SECRET[aws_session]\n")))
                .isEmpty();
    }

    @Test
    void awsAuth_acceptsEveryShapeVectorReads() {
        assertThat(errors(s3(""))).as("no auth: the default credential chain").isEmpty();
        assertThat(errors(s3("region: us-east-1\nimds:\n  max_attempts: 2\n"))).as("the default chain with its options").isEmpty();
        assertThat(errors(s3("credentials_file: /etc/aws/credentials\nprofile: logs\n"))).isEmpty();
        assertThat(errors(s3("assume_role: arn:aws:iam::123456789012:role/logs\nexternal_id: x\nload_timeout_secs: 10\n"))).isEmpty();
        assertThat(errors(s3("access_key_id: SECRET[k]\nsecret_access_key: SECRET[s]\nassume_role: arn:aws:iam::123456789012:role/x\n")))
                .as("keys used to assume a role").isEmpty();
    }

    @Test
    void awsAuth_refusesWhatNoShapeTakes() {
        assertThat(errors(s3("access_key_id: SECRET[k]\n"))).singleElement().asString()
                .startsWith("ERROR out auth: 'secret_access_key' is required with 'access_key_id' (Vector reads it as one of: ");
        assertThat(errors(s3("credentials_file: /etc/aws/credentials\nimds:\n  max_attempts: 2\n"))).singleElement().asString()
                .startsWith("ERROR out auth: 'imds' does not go with 'credentials_file'");
        assertThat(errors(s3("credentials_file: /etc/aws/credentials\nassume_role: arn:aws:iam::1:role/x\n"))).singleElement().asString()
                .contains("'assume_role' does not go with 'credentials_file'");
    }

    @Test
    void aMemoryBuffer_needsNoMaxSize_butADiskBufferDoes() {
        String memory = pipeline("type: console\nencoding:\n  codec: json\nbuffer:\n  type: memory\n  max_events: 1000\n");
        String defaultType = pipeline("type: console\nencoding:\n  codec: json\nbuffer:\n  when_full: drop_newest\n");
        String disk = pipeline("type: console\nencoding:\n  codec: json\nbuffer:\n  type: disk\n");

        assertThat(errors(memory)).isEmpty();
        assertThat(errors(defaultType)).isEmpty();
        assertThat(errors(disk)).containsExactly("ERROR out buffer.max_size: the required option 'max_size' is missing");
    }

    @Test
    void aChainedBuffer_isAListOfStages() {
        String chained = pipeline("""
                type: console
                encoding:
                  codec: json
                buffer:
                  - type: memory
                    max_events: 500
                    when_full: overflow
                  - type: disk
                    max_size: 268435488
                """);

        assertThat(errors(chained)).isEmpty();
        assertThat(errors(chained.replace("max_size: 268435488", "when_full: block"))).containsExactly(
                "ERROR out buffer[1].max_size: the required option 'max_size' is missing");
    }

    @Test
    void dedupe_takesMatchOrIgnore_notBoth() {
        String dedupe = """
                sources:
                  in:
                    type: demo_logs
                    format: json
                transforms:
                  once:
                    type: dedupe
                    inputs: [in]
                %s
                sinks:
                  out:
                    type: blackhole
                    inputs: [once]
                """;

        assertThat(errors(dedupe.formatted(""))).as("no fields: Vector's default match list").isEmpty();
        assertThat(errors(dedupe.formatted("    fields:\n      match: [message]"))).isEmpty();
        assertThat(errors(dedupe.formatted("    fields:\n      ignore: [timestamp]"))).isEmpty();
        assertThat(errors(dedupe.formatted("    fields:\n      match: [message]\n      ignore: [timestamp]"))).singleElement().asString()
                .startsWith("ERROR once fields: 'ignore' does not go with 'match'");
    }

    @Test
    void fluent_withoutMode_isReadAsTcp() {
        String fluent = """
                sources:
                  fl:
                    type: fluent
                    address: 0.0.0.0:24224
                sinks:
                  out:
                    type: blackhole
                    inputs: [fl]
                """;

        assertThat(errors(fluent)).isEmpty();
        assertThat(errors(fluent.replace("    address: 0.0.0.0:24224\n", ""))).containsExactly(
                "ERROR fl address: the required option 'address' is missing");
    }

    @Test
    void pulsarSourceAuth_isNameAndToken_orOauth2() {
        String pulsar = """
                sources:
                  pl:
                    type: pulsar
                    endpoint: pulsar://127.0.0.1:6650
                    topics: [logs]
                    auth:
                %s
                sinks:
                  out:
                    type: blackhole
                    inputs: [pl]
                """;

        assertThat(errors(pulsar.formatted("      name: token\n      token: SECRET[pulsar_jwt]"))).isEmpty();
        assertThat(errors(pulsar.formatted("      oauth2:\n        issuer_url: https://issuer\n        credentials_url: file:///c.json")))
                .isEmpty();
        assertThat(errors(pulsar.formatted("      name: token"))).singleElement().asString()
                .startsWith("ERROR pl auth: 'token' is required with 'name'");
    }

    @Test
    void staticMetrics_takeExactlyOneKindOfValue() {
        String metrics = """
                sources:
                  fixed:
                    type: static_metrics
                    metrics:
                      - name: up
                        kind: absolute
                        value:
                %s
                sinks:
                  out:
                    type: blackhole
                    inputs: [fixed]
                """;

        assertThat(errors(metrics.formatted("          gauge:\n            value: 1"))).isEmpty();
        assertThat(errors(metrics.formatted("          gauge:\n            value: 1\n          counter:\n            value: 1")))
                .singleElement().asString().startsWith("ERROR fixed metrics[0].value: ");
    }

    @Test
    void compression_isAnAlgorithm_orAnAlgorithmWithALevel() {
        String http = "type: http\nuri: http://collector:8080\nencoding:\n  codec: json\ncompression: %s\n";

        assertThat(errors(pipeline(http.formatted("zstd")))).isEmpty();
        assertThat(errors(pipeline(http.formatted("\n  algorithm: zstd\n  level: 6")))).isEmpty();
        assertThat(errors(pipeline(http.formatted("\n  algorithm: gzip\n  level: best")))).isEmpty();
        assertThat(errors(pipeline(http.formatted("brotli")))).singleElement().asString().contains("must be one of gzip, none, snappy, zlib, zstd");
    }

    @Test
    void u64Values_upToTheLargest_areNumbers() {
        String sink = pipeline("type: blackhole\nrate: %s\n");

        assertThat(errors(sink.formatted("18446744073709551615"))).isEmpty();
        assertThat(errors(sink.formatted("18446744073709551616"))).singleElement().asString()
                .isEqualTo("ERROR out rate: must be a whole number of at least 0 but was 18446744073709551616");
        assertThat(errors(sink.formatted("-1"))).singleElement().asString().contains("must be a whole number of at least 0");
        assertThat(vector.render(vector.importConfig(sink.formatted("18446744073709551615"), Optional.empty()).graph(), ConfigFormat.YAML))
                .contains("rate: 18446744073709551615\n");
        assertThat(vector.render(vector.importConfig(sink.formatted("18446744073709551615"), Optional.empty()).graph(), ConfigFormat.JSON))
                .contains("\"rate\": 18446744073709551615");
    }

    @Test
    void environmentVariables_inNumbersAndFlags_areWarnings_notTypeErrors() {
        String yaml = """
                sources:
                  in:
                    type: demo_logs
                    format: json
                    interval: ${DEMO_INTERVAL:-1.5}
                sinks:
                  out:
                    type: http
                    inputs: [in]
                    uri: https://${COLLECTOR_HOST}/ingest
                    encoding:
                      codec: json
                    batch:
                      max_events: ${BATCH_EVENTS}
                    healthcheck:
                      enabled: $HEALTHCHECK
                    compression: ${COMPRESSION:-gzip}
                """;

        assertThat(errors(yaml)).isEmpty();
        assertThat(warnings(yaml)).contains(
                "WARNING out batch.max_events: '${BATCH_EVENTS}' is the environment variable BATCH_EVENTS on the node: Vector 0.57 substitutes"
                        + " environment variables only when it runs with --dangerously-allow-env-var-interpolation, which VectorFlow's agent"
                        + " passes for this pipeline (set the variable in the agent's environment); elsewhere Vector reads the text literally")
                .anySatisfy(w -> assertThat(w).startsWith("WARNING in interval: '${DEMO_INTERVAL:-1.5}' is the environment variable DEMO_INTERVAL"))
                .anySatisfy(w -> assertThat(w).startsWith("WARNING out healthcheck.enabled: '$HEALTHCHECK' is the environment variable"))
                .anySatisfy(w -> assertThat(w).startsWith("WARNING out compression: '${COMPRESSION:-gzip}' is the environment variable"))
                .anySatisfy(w -> assertThat(w).startsWith("WARNING out uri: holds the environment variable COLLECTOR_HOST of the node"));
        assertThat(errors(yaml.replace("${BATCH_EVENTS}", "lots"))).containsExactly(
                "ERROR out batch.max_events: must be a whole number of at least 0 but was the text 'lots'");
    }

    @Test
    void aStaleOption_isAnError_namingTheOptionsThatExist() {
        String elasticsearch = pipeline("""
                type: elasticsearch
                endpoints: [https://es:9200]
                batch:
                  max_size: 1000000
                """);

        assertThat(errors(elasticsearch)).containsExactly("ERROR out batch.max_size: 'max_size' is not an option here (the options here:"
                + " max_bytes, max_events, timeout_secs)");
        assertThat(errors(pipeline("type: elasticsearch\nendpoints: [https://es:9200]\napi_versoin: v8\n"))).singleElement().asString()
                .startsWith("ERROR out api_versoin: 'api_versoin' is not an option here (did you mean 'api_version'? 28 options here)");
    }
}
