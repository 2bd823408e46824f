package io.wardgate.web.ui;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** PEM certificates pasted or uploaded into the console, bounded before anything is parsed. */
final class Pem {
    static final int MAX_CHARS = 64 * 1024;
    static final int MAX_CERTIFICATES = 10;
    private static final String BEGIN = "-----BEGIN CERTIFICATE-----";

    private Pem() {
    }

    /** The certificates in order; IllegalArgumentException with a message for people otherwise. */
    static List<X509Certificate> certificates(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException("Paste the certificates (PEM, beginning with " + BEGIN + ")");
        }
        if (pem.length() > MAX_CHARS) {
            throw new IllegalArgumentException("More than " + MAX_CHARS / 1024 + " KiB of PEM: that is not a certificate chain");
        }
        int count = pem.split(BEGIN, -1).length - 1;
        if (count == 0) {
            throw new IllegalArgumentException("No certificate found: PEM begins with " + BEGIN);
        }
        if (count > MAX_CERTIFICATES) {
            throw new IllegalArgumentException("At most " + MAX_CERTIFICATES + " certificates");
        }
        try {
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                out.add((X509Certificate) c);
            }
            if (out.size() != count) {
                throw new IllegalArgumentException("Only " + out.size() + " of " + count + " certificates could be read");
            }
            return out;
        } catch (CertificateException e) {
            throw new IllegalArgumentException("Not a readable PEM certificate");
        }
    }
}
