package dev.vectorflow.adapter.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.core.backup.BackupName;
import dev.vectorflow.ports.contract.BackupStorageContract;
import dev.vectorflow.ports.out.backup.BackupStorage;
import dev.vectorflow.ports.out.backup.BackupStorageFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/** The S3 storage against a real S3 API server (S3Proxy) in this JVM. */
class S3BackupStorageTest extends BackupStorageContract {

    private static S3TestServer server;
    private S3BackupStorage storage;
    private String bucket;

    @BeforeAll
    static void startServer() {
        server = S3TestServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @AfterEach
    void closeClient() {
        if (storage != null) {
            storage.close();
        }
    }

    @Override
    protected BackupStorage emptyStorage() {
        bucket = "vf-" + UUID.randomUUID().toString().substring(0, 8);
        server.createBucket(bucket);
        storage = S3BackupStorage.connect(server.settings(bucket, "vectorflow/prod/"));
        return storage;
    }

    @Override
    protected void putOtherFile(String name, byte[] content) {
        try (var client = software.amazon.awssdk.services.s3.S3Client.builder().region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .endpointOverride(server.endpoint()).forcePathStyle(true)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY)))
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder()).build()) {
            client.putObject(b -> b.bucket(bucket).key("vectorflow/prod/" + name), RequestBody.fromBytes(content));
            // a backup's name under another prefix is not this storage's either
            client.putObject(b -> b.bucket(bucket).key("elsewhere/vectorflow-2026-12-06T03-00-00Z-manual-zz.vfbackup"),
                    RequestBody.fromBytes(content));
        }
    }

    @Test
    void theDescriptionNamesBucketPrefixAndEndpoint_andNoSecret() {
        BackupStorage s = emptyStorage();
        assertThat(s.description()).startsWith("s3://" + bucket + "/vectorflow/prod/ at http://127.0.0.1:");
        assertThat(server.settings(bucket, "p/").toString()).doesNotContain(S3TestServer.SECRET_KEY).contains("****");
    }

    @Test
    void wrongCredentials_failWithTheServersReason() throws Exception {
        emptyStorage();
        S3BackupStorage.Settings good = server.settings(bucket, "");
        try (S3BackupStorage wrong = S3BackupStorage.connect(new S3BackupStorage.Settings(bucket, "", "us-east-1", good.endpoint(), true,
                Optional.of(S3TestServer.ACCESS_KEY), Optional.of("not-the-secret")))) {
            assertThatThrownBy(wrong::list).isInstanceOf(BackupStorageFailure.class)
                    .hasMessageContaining("s3://" + bucket + "/").hasMessageContaining("signature").hasMessageContaining("403");
            // an upload is refused too (the server may answer before the body is sent, so only the failure is certain)
            Path file = Files.writeString(scratch.resolve("f"), "x");
            assertThatThrownBy(() -> wrong.store(new BackupName("vectorflow-x.vfbackup"), file)).isInstanceOf(BackupStorageFailure.class)
                    .hasMessageContaining("Cannot store backup vectorflow-x.vfbackup in s3://" + bucket + "/");
        }
    }
}
