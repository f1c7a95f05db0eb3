package dev.vectorflow.ports.service.fleet;

import dev.vectorflow.core.secret.CertificateBundle;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.ports.in.delivery.DeliveredConfig;
import dev.vectorflow.ports.in.delivery.DeliveredConfig.CertFile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds what a node receives for one pipeline version: the YAML with certificate references turned into files inside
 * the pipeline's directory ({@code certs/<name>.crt|.key|.ca.crt}), the secret values apart, and a checksum over all of
 * it, so that rotating a secret or certificate changes the checksum of exactly the pipelines that use it.
 */
final class ConfigDelivery {

    private static final Pattern CERT_OPTION =
            Pattern.compile("(crt_file|key_file|ca_file)(\\s*[:=]\\s*)([\"']?)CERT\\[([A-Za-z0-9][A-Za-z0-9_.-]{0,99})]\\3");

    private ConfigDelivery() {
    }

    static DeliveredConfig build(PipelineId pipelineId, String pipelineName, int version, String logLevel, String configYaml,
                                Map<String, String> secrets, Map<String, CertificateBundle> certificates) {
        Map<String, CertFile> files = new TreeMap<>();
        StringBuilder yaml = new StringBuilder();
        Matcher m = CERT_OPTION.matcher(configYaml);
        while (m.find()) {
            String name = m.group(4);
            CertificateBundle bundle = certificates.get(name);
            String option = m.group(1);
            String filename = "certs/" + name + switch (option) {
                case "key_file" -> ".key";
                case "ca_file" -> ".ca.crt";
                default -> ".crt";
            };
            String pem = bundle == null ? null : switch (option) {
                case "key_file" -> bundle.privateKeyPem();
                case "ca_file" -> bundle.caBundlePem() != null ? bundle.caBundlePem() : bundle.certificatePem();
                default -> bundle.certificatePem();
            };
            if (pem != null) {
                files.put(filename, new CertFile(name, filename,
                        Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8))));
            }
            m.appendReplacement(yaml, Matcher.quoteReplacement(option + m.group(2) + m.group(3) + filename + m.group(3)));
        }
        m.appendTail(yaml);
        String rendered = yaml.toString();
        Map<String, String> sortedSecrets = new TreeMap<>(secrets);
        List<CertFile> certFiles = new ArrayList<>(files.values());
        return new DeliveredConfig(pipelineId, pipelineName, version, checksum(rendered, sortedSecrets, certFiles), logLevel, rendered,
                sortedSecrets, certFiles);
    }

    private static String checksum(String yaml, Map<String, String> secrets, List<CertFile> certFiles) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(yaml.getBytes(StandardCharsets.UTF_8));
            secrets.forEach((name, value) -> {
                sha.update((byte) 0);
                sha.update(name.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '=');
                sha.update(value.getBytes(StandardCharsets.UTF_8));
            });
            for (CertFile file : certFiles) {
                sha.update((byte) 0);
                sha.update(file.filename().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '=');
                sha.update(file.data().getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
