package io.wardgate.manage;

import io.wardgate.api.manage.ManagementOperation;
import io.wardgate.seal.admin.IdentityAdmin;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Certificate rotation by IT: identity.csr starts a rotation (a new key waits, unused, for its
 * certificate) and returns its PKCS#10 request; identity.install installs the chain IT's CA issued
 * and, after the reply, makes the uplink connect again so the broker sees the new certificate.
 */
final class IdentityOperations {
    static final int MAX_CHAIN_CERTIFICATES = 8;
    static final int MAX_CHAIN_CHARS = 32 * 1024;
    private static final Pattern CERTIFICATE = Pattern.compile(
            "-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]+)-----END CERTIFICATE-----");

    private IdentityOperations() {
    }

    static void addTo(Map<String, ManagementOperation> all, Operations.Services services) {
        all.put("identity.csr", (request, context) -> {
            IdentityAdmin admin = Operations.need(services.identityAdmin(), "identity");
            return Map.of("csr", admin.beginRotation());
        });
        all.put("identity.install", (request, context) -> {
            IdentityAdmin admin = Operations.need(services.identityAdmin(), "identity");
            if (!(request.args().get("chain") instanceof String pem) || pem.length() > MAX_CHAIN_CHARS) {
                throw new IllegalArgumentException("argument 'chain' missing, not text or over " + MAX_CHAIN_CHARS
                        + " characters");
            }
            List<X509Certificate> chain = parse(pem);
            admin.installCertificateChain(chain);
            context.afterReply(() -> services.reconnect().accept("new gateway certificate installed"));
            return Map.of("installed", describe(chain.get(0)), "reconnecting", Boolean.TRUE);
        });
    }

    /** PEM certificates, leaf first; at most {@link #MAX_CHAIN_CERTIFICATES} . */
    static List<X509Certificate> parse(String pem) {
        List<X509Certificate> chain = new ArrayList<>();
        Matcher block = CERTIFICATE.matcher(pem);
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            while (block.find()) {
                if (chain.size() == MAX_CHAIN_CERTIFICATES) {
                    throw new IllegalArgumentException("more than " + MAX_CHAIN_CERTIFICATES + " certificates");
                }
                byte[] der = Base64.getMimeDecoder().decode(block.group(1).getBytes(StandardCharsets.US_ASCII));
                chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException("argument 'chain' holds an unreadable certificate");
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("argument 'chain' holds no PEM certificate");
        }
        return chain;
    }

    static Map<String, Object> describe(X509Certificate certificate) {
        return Map.of("subject", certificate.getSubjectX500Principal().getName(), "serial",
                certificate.getSerialNumber().toString(16), "notAfter",
                certificate.getNotAfter().toInstant().toString());
    }
}
