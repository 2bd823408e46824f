package io.wardgate.manage;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = ManageComponent.PID, name = "WardGate remote management",
        description = "Signed requests from hospital IT over the uplink's MQTT connection (docs/operations.md, Fleet management).")
public @interface ManageConfiguration {

    @AttributeDefinition(name = "Trusted management keys",
            description = "PEM file of the management certificates or EC P-256 public keys whose signed requests this gateway obeys. No default: without it remote management stays off.")
    String trustedKeysPath();

    @AttributeDefinition(name = "Check revocation of management certificates",
            description = "On by default: a management certificate that names a CRL distribution point or OCSP responder is checked there (its CA certificate must be in the trusted keys file), cached, and refused when revoked or when its status cannot be established after the grace period. Turning it off is recorded in the audit trail (MANAGE_REVOCATION_OFF).")
    boolean revocationCheck() default true;

    @AttributeDefinition(name = "Revoked management keys", required = false,
            description = "Optional file of revoked management key ids (SHA-256 of the public key in hex, one a line, '#' comments), for keys whose certificate names no distribution point and for bare public keys. Read again when it changes; a malformed file refuses every key.")
    String revokedKeysPath() default "";

    @AttributeDefinition(name = "Installed CRLs", required = false,
            description = "CRL files (PEM or DER) of the management CA, installed by hand, checked in addition to the distribution points.")
    String[] crlPaths() default {};

    @AttributeDefinition(name = "CRL grace period (h)", min = "0", max = "168",
            description = "How long past its next update a cached CRL is still used while no fresh one can be fetched; then management certificates naming it are refused. 0 to 168.")
    int revocationGraceHours() default 24;

    @AttributeDefinition(name = "State directory",
            description = "Where the nonce store (used nonces until their request expires) and upload staging are kept; relative to the data directory (wardgate.data) unless absolute.")
    String stateDirectory() default "manage";

    @AttributeDefinition(name = "Longest request lifetime (s)",
            description = "A request whose expiry lies further ahead is refused. 10 to 3600.", min = "10", max = "3600")
    int maxLifetimeSeconds() default 300;

    @AttributeDefinition(name = "Largest request (bytes)", description = "1024 to 1048576.", min = "1024",
            max = "1048576")
    int maxRequestBytes() default 65_536;

    @AttributeDefinition(name = "Nonce store capacity",
            description = "Unexpired nonces kept; when full, requests are refused until some expire. 100 to 100000.",
            min = "100", max = "100000")
    int nonceCapacity() default 10_000;

    @AttributeDefinition(name = "Largest upload (bytes)",
            description = "Largest file IT may upload in chunks for one request (e.g. an update package). 1048576 to 1073741824.",
            min = "1048576", max = "1073741824")
    long maxUploadBytes() default 64L * 1024 * 1024;

    @AttributeDefinition(name = "Concurrent uploads", description = "Uploads staged at once. 1 to 8.", min = "1",
            max = "8")
    int maxConcurrentUploads() default 2;

    @AttributeDefinition(name = "Upload lifetime (min)",
            description = "A staged upload not used by a request within this time is deleted. 1 to 1440.", min = "1",
            max = "1440")
    int uploadMaxAgeMinutes() default 30;
}
