package dev.vectorflow.adapter.vector.planted;

/** Planted violation: Javalin outside adapter-http; JDBC outside adapter-postgres; BouncyCastle outside adapter-crypto. */
public class VectorUsingJavalin {
    public Object server() {
        return io.javalin.Javalin.create();
    }

    public Object connection(javax.sql.DataSource dataSource) throws java.sql.SQLException {
        return dataSource.getConnection();
    }

    public Object digest() {
        return new org.bouncycastle.crypto.digests.SHA256Digest();
    }
}
