package io.wardgate.shared.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The second, independent host check after the handshake (JSSE's endpoint identification is the first): the
 * peer's certificate must name the host in a subjectAltName. DNS names match case-insensitively, with a
 * wildcard only as the whole left-most label; an IP literal matches only an IP subjectAltName; the common
 * name never counts.
 */
public final class SubjectAltNames {
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|.*:.*");

    private SubjectAltNames() {
    }

    /** Whether {@code host} is an IP address literal (then SNI is not sent and only IP names match). */
    public static boolean isIpLiteral(String host) {
        return IP_LITERAL.matcher(host).matches();
    }

    /** Whether the certificate names {@code host} in a subjectAltName. */
    public static boolean names(X509Certificate certificate, String host) {
        Collection<List<?>> names;
        try {
            names = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return false;
        }
        if (names == null || host == null || host.isEmpty()) {
            return false;
        }
        boolean ip = isIpLiteral(host);
        for (List<?> name : names) {
            int type = (Integer) name.get(0);
            String value = String.valueOf(name.get(1));
            if (ip ? type == SAN_IP && sameAddress(host, value) : type == SAN_DNS && dnsMatches(host, value)) {
                return true;
            }
        }
        return false;
    }

    /** A verifier for clients that take one (Paho): the session's leaf must name the host. */
    public static HostnameVerifier verifier() {
        return (host, session) -> {
            try {
                return session.getPeerCertificates()[0] instanceof X509Certificate leaf && names(leaf, host);
            } catch (SSLPeerUnverifiedException | RuntimeException e) {
                return false;
            }
        };
    }

    private static boolean dnsMatches(String host, String pattern) {
        String h = host.toLowerCase(Locale.ROOT);
        String p = pattern.toLowerCase(Locale.ROOT);
        if (p.startsWith("*.")) {
            int dot = h.indexOf('.');
            // "*.example.org" matches "a.example.org", never "example.org" or "a.b.example.org".
            return dot > 0 && p.indexOf('*', 1) < 0 && p.chars().filter(c -> c == '.').count() >= 2
                    && h.substring(dot).equals(p.substring(1));
        }
        return !p.contains("*") && h.equals(p);
    }

    private static boolean sameAddress(String host, String value) {
        try {
            return InetAddress.getByName(host).equals(InetAddress.getByName(value));
        } catch (UnknownHostException e) {
            return false; // only literals reach here, so no name lookup happens
        }
    }
}
