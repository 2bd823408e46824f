package io.wardgate.manage;

import io.wardgate.seal.envelope.KeyIds;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The management keys this gateway trusts, read from one PEM file of certificates and/or public
 * keys (EC P-256 only), looked up by kid (SHA-256 of the SubjectPublicKeyInfo). A key's name for the
 * audit trail is its certificate's CN, else "key-" and the first 8 bytes of its kid in hex. CA
 * certificates in the file are not keys: they are the issuers against which the revocation of the
 * management certificates is checked ({@link KeyStatus}). Validity is checked at each request, not
 * here, so that one expired certificate does not take the others with it.
 */
record TrustedKeys(Map<String, Trusted> byKid, List<X509Certificate> issuers) {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN (CERTIFICATE|PUBLIC KEY)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    private static final Pattern CN = Pattern.compile("CN=([A-Za-z0-9._@-]{1,64})");
    static final int MAX_FILE_BYTES = 256 * 1024;

    /** A trusted key; {@code certificate} is null for a bare public key. */
    record Trusted(String name, String kid, PublicKey key, X509Certificate certificate) {
    }

    TrustedKeys {
        byKid = Map.copyOf(byKid);
        issuers = List.copyOf(issuers);
    }

    static TrustedKeys load(Path pem) throws IOException {
        return parse(WatchedFile.readBounded(pem, MAX_FILE_BYTES, "trusted management keys"));
    }

    static TrustedKeys parse(String pem) throws IOException {
        Map<String, Trusted> keys = new LinkedHashMap<>();
        List<X509Certificate> issuers = new ArrayList<>();
        Matcher block = BLOCK.matcher(pem);
        try {
            while (block.find()) {
                byte[] der = Base64.getMimeDecoder().decode(block.group(2));
                PublicKey key;
                String name;
                X509Certificate certificate = null;
                if (block.group(1).equals("CERTIFICATE")) {
                    certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                            .generateCertificate(new ByteArrayInputStream(der));
                    if (certificate.getBasicConstraints() >= 0) {
                        issuers.add(certificate);
                        continue;
                    }
                    key = certificate.getPublicKey();
                    Matcher cn = CN.matcher(certificate.getSubjectX500Principal().getName());
                    name = cn.find() ? cn.group(1) : null;
                } else {
                    key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
                    name = null;
                }
                if (!(key instanceof ECPublicKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256) {
                    throw new IOException("a trusted management key is not EC P-256");
                }
                String kid = KeyIds.hex(KeyIds.kid(key));
                keys.put(kid, new Trusted(name != null ? name : "key-" + kid.substring(0, 16), kid, key, certificate));
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("trusted management keys unreadable: " + e.getMessage(), e);
        }
        if (keys.isEmpty()) {
            throw new IOException("no trusted management key in the file");
        }
        return new TrustedKeys(keys, issuers);
    }

    Optional<Trusted> find(byte[] kid) {
        return Optional.ofNullable(byKid.get(KeyIds.hex(kid)));
    }
}
