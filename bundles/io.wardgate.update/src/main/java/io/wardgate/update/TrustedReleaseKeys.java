package io.wardgate.update;

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
 * The release keys this gateway accepts updates from: one PEM file of certificates and/or public
 * keys (EC P-256 only). A key is trusted by its SubjectPublicKeyInfo alone (pinned), so a signer's
 * certificate validity and issuer play no part: rotating means editing this file.
 *
 * @param byKid name of each key (certificate CN, else "key-" and 16 hex digits of its SHA-256) by
 *        the hex SHA-256 of its SubjectPublicKeyInfo
 */
record TrustedReleaseKeys(Map<String, String> byKid) {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN (CERTIFICATE|PUBLIC KEY)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    private static final Pattern CN = Pattern.compile("CN=([A-Za-z0-9._@ -]{1,64})");
    static final int MAX_FILE_BYTES = 256 * 1024;

    TrustedReleaseKeys {
        byKid = Map.copyOf(byKid);
    }

    static TrustedReleaseKeys load(Path pem) throws IOException {
        if (!Files.isRegularFile(pem)) {
            throw new IOException("no trusted release keys file at " + pem);
        }
        if (Files.size(pem) > MAX_FILE_BYTES) {
            throw new IOException("trusted release keys file larger than " + MAX_FILE_BYTES + " bytes");
        }
        return parse(Files.readString(pem, StandardCharsets.US_ASCII));
    }

    static TrustedReleaseKeys parse(String pem) throws IOException {
        Map<String, String> keys = new LinkedHashMap<>();
        Matcher block = BLOCK.matcher(pem);
        try {
            while (block.find()) {
                byte[] der = Base64.getMimeDecoder().decode(block.group(2));
                PublicKey key;
                String name = null;
                if (block.group(1).equals("CERTIFICATE")) {
                    X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                            .generateCertificate(new ByteArrayInputStream(der));
                    key = certificate.getPublicKey();
                    Matcher cn = CN.matcher(certificate.getSubjectX500Principal().getName());
                    name = cn.find() ? cn.group(1) : null;
                } else {
                    key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
                }
                if (!(key instanceof ECPublicKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256) {
                    throw new IOException("a trusted release key is not EC P-256");
                }
                String kid = kid(key);
                keys.put(kid, name != null ? name : "key-" + kid.substring(0, 16));
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("trusted release keys unreadable: " + e.getMessage(), e);
        }
        if (keys.isEmpty()) {
            throw new IOException("no trusted release key in the file");
        }
        return new TrustedReleaseKeys(keys);
    }

    static String kid(PublicKey key) {
        return Digests.hex(key.getEncoded());
    }

    /** The trusted name of this key, if it is one of ours. */
    Optional<String> nameOf(PublicKey key) {
        return Optional.ofNullable(byKid.get(kid(key)));
    }
}
