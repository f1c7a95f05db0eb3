package dev.vectorflow.adapter.storage;

import java.net.URI;
import java.util.Optional;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * Test fixture: a real S3 API server in the test JVM (S3Proxy on its in-memory store) on a free loopback port, with
 * signature-v4 authentication, so the AWS SDK speaks to it exactly as to a bucket elsewhere.
 */
public final class S3TestServer implements AutoCloseable {

    public static final String ACCESS_KEY = "vf-test-access";
    public static final String SECRET_KEY = "vf-test-secret-key-0123456789";

    private final S3Proxy proxy;
    private final TransientNio2BlobStore store;

    private S3TestServer(S3Proxy proxy, TransientNio2BlobStore store) {
        this.proxy = proxy;
        this.store = store;
    }

    public static S3TestServer start() {
        TransientNio2BlobStore store = new TransientNio2BlobStore();
        S3Proxy proxy = S3Proxy.builder().blobStore(store).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
        try {
            proxy.start();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!"STARTED".equals(proxy.getState()) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start: " + e.getMessage(), e);
        }
        return new S3TestServer(proxy, store);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** Makes a bucket on the server. */
    public void createBucket(String bucket) {
        store.createContainer(bucket);
    }

    /** Settings of a storage in {@code bucket} under {@code prefix} on this server. */
    public S3BackupStorage.Settings settings(String bucket, String prefix) {
        return new S3BackupStorage.Settings(bucket, prefix, "us-east-1", Optional.of(endpoint()), true, Optional.of(ACCESS_KEY),
                Optional.of(SECRET_KEY));
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
