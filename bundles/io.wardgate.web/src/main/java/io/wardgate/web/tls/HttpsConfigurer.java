package io.wardgate.web.tls;

import io.wardgate.api.secrets.SecretBox;
import io.wardgate.api.secrets.SecretException;
import io.wardgate.shared.tls.TlsPolicy;
import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Points Felix HTTP (PID org.apache.felix.http) at the UI keystore: HTTPS only, on the configured
 * address and port, TLS 1.3 and 1.2 with AEAD suites only, no plaintext listener, no Server header.
 * Other properties of that PID (an operator's own settings, FileInstall's file name) are kept.
 * Felix HTTP restarts Jetty when the PID changes, so it is written only when something differs.
 * The keystore passwords are stored sealed for this PID ({@link SealedHttpsPasswords} opens them on the
 * way to Felix HTTP); a stored sealed value equal in clear to the new one counts as unchanged.
 */
public final class HttpsConfigurer {
    public static final String PID = "org.apache.felix.http";
    /** WardGate's one TLS policy (io.wardgate.shared.tls), with TLS 1.2 for browsers without 1.3. */
    private static final TlsPolicy POLICY = new TlsPolicy(true);
    static final String PROTOCOLS = String.join(",", POLICY.protocols());
    /** TLS 1.3 suites, then TLS 1.2 ECDHE with AEAD (ECDSA for our key, RSA for a hospital-issued one). */
    static final String SUITES = String.join(",", POLICY.cipherSuites());

    private HttpsConfigurer() {
    }

    /** The properties this class owns, for HTTPS on host:port with the keystore, but its passwords. */
    static Map<String, Object> owned(String host, int port, String keystore, String type) {
        Map<String, Object> p = new TreeMap<>();
        p.put("org.apache.felix.http.enable", Boolean.FALSE);
        // Stored off: only the plugin switches HTTPS on, in the copy Felix HTTP receives, once it has opened
        // the passwords. Felix HTTP reading the stored settings without it (at a restart, before the UI
        // starts) must not try the sealed text as a password: a failed TLS start leaves the port bound.
        p.put("org.apache.felix.https.enable", Boolean.FALSE);
        p.put(SealedHttpsPasswords.ENABLE, Boolean.TRUE);
        p.put("org.apache.felix.http.host", host);
        p.put("org.osgi.service.http.port.secure", port);
        p.put("org.apache.felix.https.keystore", keystore);
        p.put("org.apache.felix.https.keystore.type", type);
        p.put("org.apache.felix.https.jetty.protocols.included", PROTOCOLS);
        p.put("org.apache.felix.https.jetty.ciphersuites.included", SUITES);
        p.put("org.apache.felix.https.jetty.renegotiateAllowed", Boolean.FALSE);
        p.put("org.apache.felix.https.clientcertificate", "none");
        p.put("org.apache.felix.http.jetty.sendServerHeader", Boolean.FALSE);
        p.put("org.apache.felix.http.jetty.maxFormSize", 65536);
        return p;
    }

    /**
     * Applies HTTPS, the passwords sealed with {@code box}; returns whether the PID had to change.
     * {@code deliverAgain}: write it even when nothing differs, so that Felix HTTP receives it again through
     * {@link SealedHttpsPasswords} (before the plugin existed it received the stored settings: HTTPS off).
     */
    public static boolean enable(ConfigurationAdmin admin, SecretBox box, String host, int port, String keystore,
            String password, String type, boolean deliverAgain) throws IOException {
        Map<String, Object> owned = owned(host, port, keystore, type);
        for (String property : SealedHttpsPasswords.PROPERTIES) {
            owned.put(property, new Sealed(box, property, password));
        }
        return merge(admin, owned, deliverAgain);
    }

    /** A password to store sealed: equal to a stored value that opens to the same clear text. */
    private record Sealed(SecretBox box, String property, String clear) {
        boolean sameAs(Object stored) {
            try {
                return stored instanceof String s && SecretBox.isSealed(s) && clear.equals(box.open(PID, property, s));
            } catch (SecretException e) {
                return false;
            }
        }

        String value() {
            return box.seal(PID, property, clear);
        }

        @Override
        public String toString() {
            return "Sealed[" + property + "]";
        }
    }

    /** The UI is switched off: no listener at all. */
    public static boolean disable(ConfigurationAdmin admin) throws IOException {
        return merge(admin, Map.of("org.apache.felix.http.enable", Boolean.FALSE, "org.apache.felix.https.enable",
                Boolean.FALSE, SealedHttpsPasswords.ENABLE, Boolean.FALSE), false);
    }

    private static boolean merge(ConfigurationAdmin admin, Map<String, Object> owned, boolean deliverAgain)
            throws IOException {
        Configuration configuration = existing(admin);
        if (configuration == null) {
            // "?": a multi-location configuration, so Felix HTTP (another bundle) receives it.
            configuration = admin.getConfiguration(PID, "?");
        }
        Dictionary<String, Object> props = configuration.getProperties();
        if (props == null) {
            props = new Hashtable<>();
        }
        boolean differs = false;
        for (Map.Entry<String, Object> e : owned.entrySet()) {
            Object stored = props.get(e.getKey());
            if (e.getValue() instanceof Sealed sealed) {
                if (!sealed.sameAs(stored)) {
                    props.put(e.getKey(), sealed.value());
                    differs = true;
                }
            } else if (!Objects.equals(stored, e.getValue())) {
                props.put(e.getKey(), e.getValue());
                differs = true;
            }
        }
        if (differs || deliverAgain) {
            configuration.update(props);
        }
        return differs;
    }

    private static Configuration existing(ConfigurationAdmin admin) throws IOException {
        try {
            Configuration[] found = admin.listConfigurations("(service.pid=" + PID + ")");
            return found == null ? null : found[0];
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
