package io.wardgate.network;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Which client certificate each sender's address must present on a TLS source: the SHA-256 fingerprints of
 * the certificates pinned to it (two during a renewal). A hospital CA certifies many machines; pins narrow
 * "any certificate of the CA" to "this device's certificate at this address". Without pins any certificate of
 * the client CAs is accepted; with pins an address without one is refused (deny by default).
 */
record ClientPins(Map<String, List<byte[]>> byAddress) {
    static final ClientPins NONE = new ClientPins(Map.of());
    /** More than a ward has senders; bounds what a configuration can make the gateway hold. */
    static final int MAX_ENTRIES = 1024;
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern SHA256 = Pattern.compile("[0-9A-Fa-f]{2}(:?[0-9A-Fa-f]{2}){31}");

    ClientPins {
        Map<String, List<byte[]>> copy = new TreeMap<>();
        byAddress.forEach((address, pins) -> copy.put(address, pins.stream().map(byte[]::clone).toList()));
        byAddress = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * From {@code ADDRESS=FINGERPRINT} entries: an IPv4 address and the certificate's SHA-256 fingerprint as
     * {@code openssl x509 -noout -fingerprint -sha256} prints it (with or without colons, either case).
     */
    static ClientPins parse(String[] entries) {
        if (entries == null) {
            return NONE;
        }
        if (entries.length > MAX_ENTRIES) {
            throw new IllegalArgumentException("tlsClientPins: at most " + MAX_ENTRIES + " entries");
        }
        Map<String, List<byte[]>> pins = new TreeMap<>();
        for (String entry : entries) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            String address = eq < 0 ? "" : entry.substring(0, eq).trim();
            String fingerprint = eq < 0 ? "" : entry.substring(eq + 1).trim();
            if (!IPV4.matcher(address).matches() || !SHA256.matcher(fingerprint).matches()) {
                throw new IllegalArgumentException("tlsClientPins: each entry is IPV4-ADDRESS=SHA-256 fingerprint"
                        + " (64 hex digits, colons allowed), e.g. 10.20.0.17=3A:4F:...; not " + shown(entry));
            }
            pins.computeIfAbsent(address, a -> new ArrayList<>())
                    .add(HexFormat.of().parseHex(fingerprint.replace(":", "")));
        }
        return new ClientPins(pins);
    }

    boolean isEmpty() {
        return byAddress.isEmpty();
    }

    /** Why {@code leaf} may not connect from {@code address}; null when it may. */
    String refusal(String address, X509Certificate leaf) {
        if (isEmpty()) {
            return null;
        }
        byte[] presented = sha256(leaf);
        List<byte[]> pinned = byAddress.get(address);
        if (pinned != null) {
            for (byte[] pin : pinned) {
                if (MessageDigest.isEqual(pin, presented)) {
                    return null;
                }
            }
        }
        // The fingerprint is public (it is in the certificate): naming it lets the engineer pin it after checking.
        return "client certificate SHA-256 " + colons(presented) + " (" + leaf.getSubjectX500Principal().getName()
                + ") is " + (pinned == null ? "from " + address + ", which has no pinned certificate"
                        : "not the one pinned for " + address);
    }

    static byte[] sha256(X509Certificate certificate) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint a certificate", e);
        }
    }

    static String colons(byte[] digest) {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    }

    private static String shown(String entry) {
        String printable = entry.replaceAll("[^\\x20-\\x7E]", "?");
        return printable.length() > 80 ? printable.substring(0, 80) + "..." : printable;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof ClientPins o) || !o.byAddress.keySet().equals(byAddress.keySet())) {
            return false;
        }
        for (Map.Entry<String, List<byte[]>> e : byAddress.entrySet()) {
            List<byte[]> theirs = o.byAddress.get(e.getKey());
            if (theirs.size() != e.getValue().size()) {
                return false;
            }
            for (int i = 0; i < theirs.size(); i++) {
                if (!MessageDigest.isEqual(theirs.get(i), e.getValue().get(i))) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return byAddress.keySet().hashCode();
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("ClientPins[");
        byAddress.forEach((address, pins) -> pins.forEach(pin -> out.append(address).append('=')
                .append(colons(pin)).append(' ')));
        return out.toString().trim() + "]";
    }
}
