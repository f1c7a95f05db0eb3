package dev.vectorflow.adapter.http.secret;

import static dev.vectorflow.adapter.http.openapi.Schema.items;
import static dev.vectorflow.adapter.http.openapi.Schema.object;
import static dev.vectorflow.adapter.http.openapi.Schema.of;
import static dev.vectorflow.adapter.http.openapi.Schema.string;

import dev.vectorflow.adapter.http.openapi.ApiDocs;

/** Secrets and certificates in the OpenAPI document. */
public final class SecretApiDocs {

    private SecretApiDocs() {
    }

    public static void describe(ApiDocs docs) {
        docs.tag("Secrets and certificates");
        docs.get("/api/environments/{id}/secrets", "The environment's secrets (never their values)")
                .ok(items(of(SecretController.SecretResponse.class)));
        docs.post("/api/environments/{id}/secrets", "Create a secret; its value is sealed with the key ring and never shown again")
                .description("Pipelines refer to it as SECRET[vectorflow.<name>]. 409 when the name is taken.")
                .body(object().required("name", string().describedAs("letters, digits, _ and - (as a Vector secret key takes them)"))
                        .required("value", string()).optional("description", string(2000)))
                .created(of(SecretController.SecretResponse.class));
        docs.get("/api/environments/{id}/secrets/{name}", "One secret's metadata").ok(of(SecretController.SecretResponse.class));
        docs.patch("/api/environments/{id}/secrets/{name}", "Replace a secret's value or description")
                .body(object().optional("value", string()).optional("description", string(2000)))
                .ok(of(SecretController.SecretResponse.class));
        docs.delete("/api/environments/{id}/secrets/{name}", "Delete a secret").noContent();
        docs.get("/api/environments/{id}/certificates", "The environment's certificates: subject, issuer, validity, whether they expire soon")
                .ok(items(of(SecretController.CertificateResponse.class)));
        docs.post("/api/environments/{id}/certificates", "Upload a PEM certificate with its private key and CA bundle (parsed, sealed)")
                .body(object().required("name", string()).required("certificate", string().describedAs("PEM"))
                        .optional("privateKey", string().describedAs("PEM; must match the certificate"))
                        .optional("caBundle", string().describedAs("PEM")).optional("description", string(2000)))
                .created(of(SecretController.CertificateResponse.class));
        docs.get("/api/environments/{id}/certificates/{name}", "One certificate").ok(of(SecretController.CertificateResponse.class));
        docs.delete("/api/environments/{id}/certificates/{name}", "Delete a certificate").noContent();
    }
}
