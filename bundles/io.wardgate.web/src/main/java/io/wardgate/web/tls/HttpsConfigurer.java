package io.wardgate.web.tls;

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

    /** The properties this class owns, for HTTPS on host:port with the keystore. */
    static Map<String, Object> owned(String host, int port, String keystore, String password, String type) {
        Map<String, Object> p = new TreeMap<>();
        p.put("org.apache.felix.http.enable", Boolean.FALSE);
        p.put("org.apache.felix.https.enable", Boolean.TRUE);
        p.put("org.apache.felix.http.host", host);
        p.put("org.osgi.service.http.port.secure", port);
        p.put("org.apache.felix.https.keystore", keystore);
        p.put("org.apache.felix.https.keystore.password", password);
        p.put("org.apache.felix.https.keystore.key.password", password);
        p.put("org.apache.felix.https.keystore.type", type);
        p.put("org.apache.felix.https.jetty.protocols.included", PROTOCOLS);
        p.put("org.apache.felix.https.jetty.ciphersuites.included", SUITES);
        p.put("org.apache.felix.https.jetty.renegotiateAllowed", Boolean.FALSE);
        p.put("org.apache.felix.https.clientcertificate", "none");
        p.put("org.apache.felix.http.jetty.sendServerHeader", Boolean.FALSE);
        p.put("org.apache.felix.http.jetty.maxFormSize", 65536);
        return p;
    }

    /** Applies HTTPS; returns whether the PID had to change. */
    public static boolean enable(ConfigurationAdmin admin, String host, int port, String keystore, String password,
            String type) throws IOException {
        return merge(admin, owned(host, port, keystore, password, type));
    }

    /** The UI is switched off: no listener at all. */
    public static boolean disable(ConfigurationAdmin admin) throws IOException {
        return merge(admin, Map.of("org.apache.felix.http.enable", Boolean.FALSE, "org.apache.felix.https.enable",
                Boolean.FALSE));
    }

    private static boolean merge(ConfigurationAdmin admin, Map<String, Object> owned) throws IOException {
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
            if (!Objects.equals(props.get(e.getKey()), e.getValue())) {
                props.put(e.getKey(), e.getValue());
                differs = true;
            }
        }
        if (differs) {
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
