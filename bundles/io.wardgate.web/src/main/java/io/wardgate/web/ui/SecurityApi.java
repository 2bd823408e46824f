package io.wardgate.web.ui;

import io.wardgate.api.pipeline.AuditEvent.Outcome;
import io.wardgate.api.pipeline.GatewayIdentity;
import io.wardgate.web.auth.Audit;
import io.wardgate.web.http.Call;
import io.wardgate.web.http.Reply;
import io.wardgate.web.port.TrustAnchors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.X509KeyManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** Certificates (gateway and UI), trust anchors, CSR download, and rotation of the UI certificate. */
final class SecurityApi {
    private final Services services;
    private final Supplier<UiCertificate> ui;
    private final Audit audit;

    SecurityApi(Services services, Supplier<UiCertificate> ui, Audit audit) {
        this.services = services;
        this.ui = ui;
        this.audit = audit;
    }

    Reply read(Call call) {
        Map<String, Object> out = new LinkedHashMap<>();
        Optional<GatewayIdentity> identity = services.identity();
        out.put("gatewayAvailable", identity.isPresent());
        out.put("gatewayId", identity.map(GatewayIdentity::gatewayId).orElse(""));
        out.put("gatewayChain", identity.map(i -> describe(i.certificateChain())).orElse(List.of()));
        out.put("csrAvailable", services.certificateRequests().isPresent()
                || identity.map(i -> !i.certificateChain().isEmpty()).orElse(false));
        Optional<TrustAnchors> anchors = services.trustAnchors();
        out.put("trustAnchorsAvailable", anchors.isPresent());
        out.put("trustAnchors", anchors.map(a -> describe(a.anchors())).orElse(List.of()));
        UiCertificate current = ui.get();
        out.put("uiCertificate", current == null ? null : current.current().map(SecurityApi::describe).orElse(null));
        out.put("uiCertificateCustom", current != null && current.custom());
        return Reply.json(out);
    }

    Reply csr(Call call) {
        Optional<byte[]> der = services.certificateRequests().map(c -> c.certificationRequest());
        if (der.isEmpty()) {
            der = services.identity().flatMap(SecurityApi::renewalRequest);
        }
        if (der.isEmpty()) {
            return Reply.error(503, "No CSR: the key service is not running or no certificate is installed yet");
        }
        audit.record(call.actor(), "CSR_DOWNLOADED", services.identity().map(GatewayIdentity::gatewayId).orElse(""),
                Outcome.SUCCESS, "");
        String pem = "-----BEGIN CERTIFICATE REQUEST-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der.get())
                + "\n-----END CERTIFICATE REQUEST-----\n";
        return Reply.bytes("application/pkcs10", pem.getBytes(StandardCharsets.US_ASCII));
    }

    /** Installs the signed chain the hospital PKI returned (PEM, the gateway's certificate first). */
    Reply installChain(Call call) {
        return install(call, "chain", "GATEWAY_CERTIFICATE_INSTALLED", (i, certs) -> i.installCertificateChain(certs));
    }

    /** Replaces the trust anchors with the CA certificates given (PEM). */
    Reply installAnchors(Call call) {
        return install(call, "anchors", "TRUST_ANCHORS_INSTALLED", (i, certs) -> i.installTrustAnchors(certs));
    }

    private Reply install(Call call, String field, String action,
            java.util.function.BiConsumer<io.wardgate.web.port.IdentityInstall, List<X509Certificate>> op) {
        Optional<io.wardgate.web.port.IdentityInstall> install = services.identityInstall();
        if (install.isEmpty()) {
            return Reply.error(503, "The identity service is not running");
        }
        List<X509Certificate> certificates;
        try {
            certificates = Pem.certificates(call.required(field));
        } catch (IllegalArgumentException e) {
            return Reply.error(400, e.getMessage());
        }
        String target = services.identity().map(GatewayIdentity::gatewayId).orElse("");
        try {
            op.accept(install.get(), certificates);
        } catch (IllegalArgumentException e) {
            audit.record(call.actor(), action, target, Outcome.FAILURE, String.valueOf(e.getMessage()));
            return Reply.error(400, "Not installed: " + e.getMessage());
        }
        audit.record(call.actor(), action, target, Outcome.SUCCESS, certificates.size() + " certificate(s), first sha256 "
                + fingerprint(certificates.get(0)));
        return Reply.json(Map.of("ok", true, "certificates", describe(certificates)));
    }

    Reply rotate(Call call) throws IOException {
        UiCertificate current = ui.get();
        if (current == null || current.custom()) {
            return Reply.error(409, "The UI uses an operator-installed keystore; replace that file instead");
        }
        try {
            X509Certificate fresh = current.rotate();
            audit.record(call.actor(), "UI_CERTIFICATE_ROTATED", "", Outcome.SUCCESS, "sha256 " + fingerprint(fresh));
            return Reply.json(Map.of("ok", true, "certificate", describe(fresh)));
        } catch (UiCertificate.TooSoon e) {
            return Reply.error(429, e.getMessage());
        } catch (GeneralSecurityException e) {
            audit.record(call.actor(), "UI_CERTIFICATE_ROTATED", "", Outcome.FAILURE, e.getClass().getSimpleName());
            return Reply.error(500, "Rotation failed; see the gateway log");
        }
    }

    /** A renewal CSR signed by the current key through the key manager (the key never leaves it). */
    static Optional<byte[]> renewalRequest(GatewayIdentity identity) {
        List<X509Certificate> chain = identity.certificateChain();
        if (chain.isEmpty()) {
            return Optional.empty();
        }
        X509KeyManager km = identity.tlsKeyManager();
        for (String type : new String[] {"EC", "RSA"}) {
            String[] aliases = km.getClientAliases(type, null);
            for (String alias : aliases == null ? new String[0] : aliases) {
                X509Certificate[] own = km.getCertificateChain(alias);
                PrivateKey key = km.getPrivateKey(alias);
                if (own == null || own.length == 0 || key == null || !own[0].equals(chain.get(0))) {
                    continue;
                }
                try {
                    ContentSigner signer = new JcaContentSignerBuilder(type.equals("EC") ? "SHA256withECDSA"
                            : "SHA256withRSA").build(key);
                    PKCS10CertificationRequest request = new JcaPKCS10CertificationRequestBuilder(
                            new X500Name("CN=" + identity.gatewayId()), own[0].getPublicKey()).build(signer);
                    return Optional.of(request.getEncoded());
                } catch (org.bouncycastle.operator.OperatorCreationException | IOException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static List<Map<String, Object>> describe(List<X509Certificate> certificates) {
        List<Map<String, Object>> out = new ArrayList<>();
        certificates.forEach(c -> out.add(describe(c)));
        return out;
    }

    static Map<String, Object> describe(X509Certificate c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("subject", c.getSubjectX500Principal().getName());
        out.put("issuer", c.getIssuerX500Principal().getName());
        out.put("serial", c.getSerialNumber().toString(16));
        out.put("notBefore", c.getNotBefore().toInstant());
        out.put("notAfter", c.getNotAfter().toInstant());
        out.put("keyAlgorithm", c.getPublicKey().getAlgorithm());
        out.put("sha256", fingerprint(c));
        return out;
    }

    static String fingerprint(X509Certificate c) {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
        } catch (GeneralSecurityException e) {
            return "";
        }
    }
}
