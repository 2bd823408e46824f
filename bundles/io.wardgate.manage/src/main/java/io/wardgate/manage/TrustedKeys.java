package io.wardgate.manage;

import io.wardgate.seal.envelope.KeyIds;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The management keys this gateway trusts, read from one PEM file of certificates and/or public
 * keys (EC P-256 only), looked up by kid (SHA-256 of the SubjectPublicKeyInfo). A key's name for the
 * audit trail is its certificate's CN, else "key-" and the first 8 bytes of its kid in hex.
 */
record TrustedKeys(Map<String, Trusted> byKid) {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN (CERTIFICATE|PUBLIC KEY)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    private static final Pattern CN = Pattern.compile("CN=([A-Za-z0-9._@-]{1,64})");
    static final int MAX_FILE_BYTES = 256 * 1024;

    record Trusted(String name, PublicKey key) {
    }

    TrustedKeys {
        byKid = Map.copyOf(byKid);
    }

    static TrustedKeys load(Path pem) throws IOException {
        if (Files.size(pem) > MAX_FILE_BYTES) {
            throw new IOException("trusted management keys file larger than " + MAX_FILE_BYTES + " bytes");
        }
        return parse(Files.readString(pem, StandardCharsets.US_ASCII));
    }

    static TrustedKeys parse(String pem) throws IOException {
        Map<String, Trusted> keys = new LinkedHashMap<>();
        Matcher block = BLOCK.matcher(pem);
        try {
            while (block.find()) {
                byte[] der = Base64.getMimeDecoder().decode(block.group(2));
                PublicKey key;
                String name;
                if (block.group(1).equals("CERTIFICATE")) {
                    X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                            .generateCertificate(new ByteArrayInputStream(der));
                    certificate.checkValidity();
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
                keys.put(kid, new Trusted(name != null ? name : "key-" + kid.substring(0, 16), key));
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("trusted management keys unreadable or expired: " + e.getMessage(), e);
        }
        if (keys.isEmpty()) {
            throw new IOException("no trusted management key in the file");
        }
        return new TrustedKeys(keys);
    }

    Optional<Trusted> find(byte[] kid) {
        return Optional.ofNullable(byKid.get(KeyIds.hex(kid)));
    }
}
