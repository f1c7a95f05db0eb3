package dev.vectorflow.adapter.storage;

import dev.vectorflow.core.backup.BackupName;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.ports.out.backup.BackupStorage;
import dev.vectorflow.ports.out.backup.BackupStorageFailure;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@link BackupStorage} in an S3 bucket, or any storage speaking the S3 API (MinIO, Ceph, Garage, …) through AWS SDK
 * v2: objects {@code <prefix><backup name>}, one PUT per backup (up to 5 GB), listed by prefix. Checksums are sent
 * only where the API requires them, which every S3-compatible store accepts; the file carries its own SHA-256 anyway.
 */
public final class S3BackupStorage implements BackupStorage, AutoCloseable {

    /** Where the bucket is and how to sign in to it; the secret key never prints. */
    public record Settings(String bucket, String prefix, String region, Optional<URI> endpoint, boolean pathStyle,
                           Optional<String> accessKey, Optional<String> secretKey) {
        public Settings {
            Objects.requireNonNull(bucket, "bucket");
            prefix = prefix == null ? "" : prefix;
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(accessKey, "accessKey");
            Objects.requireNonNull(secretKey, "secretKey");
        }

        @Override
        public String toString() {
            return "S3Settings[s3://" + bucket + "/" + prefix + ", region=" + region + ", endpoint=" + endpoint.map(URI::toString).orElse("AWS")
                    + ", pathStyle=" + pathStyle + ", accessKey=" + accessKey.orElse("(default chain)") + ", secretKey="
                    + (secretKey.isPresent() ? "****" : "") + "]";
        }
    }

    private final Settings settings;
    private final S3Client s3;

    private S3BackupStorage(Settings settings, S3Client s3) {
        this.settings = settings;
        this.s3 = s3;
    }

    /** A client for the bucket (nothing is sent until the first call). */
    public static S3BackupStorage connect(Settings settings) {
        AwsCredentialsProvider credentials = settings.accessKey().isPresent() && settings.secretKey().isPresent()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey().get(), settings.secretKey().get()))
                : DefaultCredentialsProvider.builder().build();
        var builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(10)).socketTimeout(Duration.ofMinutes(2)))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        settings.endpoint().ifPresent(builder::endpointOverride);
        return new S3BackupStorage(settings, builder.build());
    }

    @Override
    public String description() {
        return "s3://" + settings.bucket() + "/" + settings.prefix() + settings.endpoint().map(e -> " at " + e).orElse("");
    }

    private String key(BackupName name) {
        return settings.prefix() + name.value();
    }

    @Override
    public void store(BackupName name, Path file) {
        try {
            s3.putObject(b -> b.bucket(settings.bucket()).key(key(name)).contentType("application/octet-stream"), RequestBody.fromFile(file));
        } catch (SdkException e) {
            throw failure("store backup " + name + " in", e);
        }
    }

    @Override
    public List<StoredBackup> list() {
        List<StoredBackup> backups = new ArrayList<>();
        try {
            for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(settings.bucket()).prefix(settings.prefix())).contents()) {
                String rest = object.key().substring(settings.prefix().length());
                if (BackupName.isBackupName(rest)) {
                    backups.add(new StoredBackup(new BackupName(rest), object.size(), object.lastModified()));
                }
            }
        } catch (SdkException e) {
            throw failure("list the backups in", e);
        }
        return backups;
    }

    @Override
    public InputStream open(BackupName name) throws NotFoundFailure {
        try {
            return s3.getObject(b -> b.bucket(settings.bucket()).key(key(name)));
        } catch (NoSuchKeyException e) {
            throw new NotFoundFailure("Backup", name);
        } catch (SdkException e) {
            throw failure("read backup " + name + " in", e);
        }
    }

    @Override
    public void delete(BackupName name) {
        try {
            s3.deleteObject(b -> b.bucket(settings.bucket()).key(key(name)));
        } catch (SdkException e) {
            throw failure("delete backup " + name + " in", e);
        }
    }

    private BackupStorageFailure failure(String what, SdkException e) {
        return new BackupStorageFailure("Cannot " + what + " " + description() + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        s3.close();
    }
}
