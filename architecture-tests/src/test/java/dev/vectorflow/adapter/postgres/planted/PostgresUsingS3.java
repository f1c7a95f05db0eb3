package dev.vectorflow.adapter.postgres.planted;

import software.amazon.awssdk.services.s3.S3Client;

/** Planted violation: the persistence adapter talking to S3 itself instead of through the BackupStorage port. */
public final class PostgresUsingS3 {

    public S3Client client() {
        return S3Client.create();
    }
}
