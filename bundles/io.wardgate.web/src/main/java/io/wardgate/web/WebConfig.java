package io.wardgate.web;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the web UI (PID io.wardgate.web.WebConsole). Changing them needs an administrator. */
@ObjectClassDefinition(id = WebConsole.PID, name = "WardGate web UI", description = "The HTTPS admin UI: listener, sessions, lockout, certificate.")
public @interface WebConfig {

    @AttributeDefinition(name = "Enabled", description = "Serve the HTTPS UI. false: no web listener at all.")
    boolean enabled() default true;

    @AttributeDefinition(name = "Listen address", description = "IP address to listen on. 127.0.0.1 (default) "
            + "reaches the UI only from the gateway itself (e.g. through an SSH tunnel); set the management "
            + "interface's address to offer it to the ward network.")
    String host() default "127.0.0.1";

    @AttributeDefinition(name = "HTTPS port", description = "1 to 65535.", min = "1", max = "65535")
    int port() default 8443;

    @AttributeDefinition(name = "Site name", description = "Shown in the header of every page, e.g. the ward. "
            + "1 to 64 characters.", min = "1", max = "64")
    String siteName() default "WardGate";

    @AttributeDefinition(name = "Idle timeout (minutes)", description = "A session ends after this long without "
            + "a request. 1 to 240.", min = "1", max = "240")
    int idleTimeoutMinutes() default 15;

    @AttributeDefinition(name = "Failed logins per user", description = "Failures within the window that lock "
            + "the user. 3 to 20.", min = "3", max = "20")
    int maxFailedLogins() default 5;

    @AttributeDefinition(name = "Failed logins per address", description = "Failures within the window that lock "
            + "a source address (any user name). 5 to 200.", min = "5", max = "200")
    int maxFailedLoginsPerAddress() default 20;

    @AttributeDefinition(name = "Failure window (minutes)", description = "1 to 1440.", min = "1", max = "1440")
    int failureWindowMinutes() default 15;

    @AttributeDefinition(name = "Lockout (minutes)", description = "How long a lock lasts. 1 to 1440.", min = "1",
            max = "1440")
    int lockoutMinutes() default 15;

    @AttributeDefinition(name = "Setup code validity (minutes)", description = "How long the one-time setup code "
            + "written to the log at first start works. 5 to 1440.", min = "5", max = "1440")
    int setupCodeMinutes() default 60;

    @AttributeDefinition(required = false, name = "Certificate names", description = "Extra DNS names or IP addresses for the "
            + "self-signed UI certificate (localhost, the host name and the listen address are always in it).")
    String[] certificateNames() default {};

    @AttributeDefinition(required = false, name = "Operator keystore", description = "Path of a PKCS#12 keystore holding a "
            + "hospital-issued certificate and key. Empty: WardGate makes and uses its own self-signed certificate.")
    String keystorePath() default "";

    @AttributeDefinition(required = false, name = "Operator keystore password", type = AttributeType.PASSWORD,
            description = "Password of the operator keystore (also used for its key).")
    String keystorePassword() default "";

    @AttributeDefinition(required = false, name = "Data directory", description = "Where users and the UI keystore live. Empty: "
            + "<wardgate.data>/web (the appliance's data directory).")
    String dataDirectory() default "";
}
