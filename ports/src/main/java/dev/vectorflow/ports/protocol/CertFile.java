package dev.vectorflow.ports.protocol;

/**
 * Protocol v1: a certificate bundle a pipeline references ({@code CERT[name]}), to be written 0600 as
 * {@code filename} inside the pipeline's directory on the node; {@code data} is base64 of the PEM text.
 */
public record CertFile(String name, String filename, String data) {

    @Override
    public String toString() {
        return "CertFile[name=" + name + ", filename=" + filename + ", data=****]";
    }
}
