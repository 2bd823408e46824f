package io.wardgate.uplink;

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
import javax.net.ssl.SSLSession;

/**
 * A second, independent hostname check after the handshake (the first is JSSE's endpoint
 * identification): the broker's certificate must name the host of the URL in a subjectAltName.
 * DNS names match case-insensitively, with a wildcard only as the whole left-most label; an IP
 * address matches only an IP subjectAltName. The common name is never used.
 */
final class StrictHostnameVerifier implements HostnameVerifier {
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|.*:.*");

    @Override
    public boolean verify(String host, SSLSession session) {
        try {
            X509Certificate leaf = (X509Certificate) session.getPeerCertificates()[0];
            return matches(host, leaf);
        } catch (SSLPeerUnverifiedException | RuntimeException e) {
            return false;
        }
    }

    static boolean matches(String host, X509Certificate certificate) {
        Collection<List<?>> names;
        try {
            names = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return false;
        }
        if (names == null || host == null || host.isEmpty()) {
            return false;
        }
        boolean ip = IP_LITERAL.matcher(host).matches();
        for (List<?> name : names) {
            int type = (Integer) name.get(0);
            String value = String.valueOf(name.get(1));
            if (ip && type == SAN_IP && sameAddress(host, value)) {
                return true;
            }
            if (!ip && type == SAN_DNS && dnsMatches(host, value)) {
                return true;
            }
        }
        return false;
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
