package io.wardgate.audit.syslog;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the IHE ATNA audit export, PID io.wardgate.audit.syslog.AtnaExport. Off until configured:
 * there is no default collector, no default trust and no plaintext option.
 */
@ObjectClassDefinition(id = AtnaExportComponent.PID, name = "WardGate audit export (IHE ATNA)",
        description = "Sends every audit record as an RFC 5424 syslog message with a DICOM audit message over "
                + "mutual TLS (RFC 5425) to the hospital's audit record repository, at least once.")
@interface AtnaExportConfig {

    @AttributeDefinition(name = "Collector host", description = "Host name or IP address of the syslog collector.")
    String collectorHost();

    @AttributeDefinition(name = "Collector port", min = "1", max = "65535",
            description = "TCP port of its TLS listener; 6514 is the port RFC 5425 assigns (1 to 65535).")
    int collectorPort() default 6514;

    @AttributeDefinition(name = "Expected collector name", required = false,
            description = "The name the collector's certificate must carry (subjectAltName DNS or IP); empty: the "
                    + "collector host.")
    String expectedHostName() default "";

    @AttributeDefinition(name = "Trust anchors (PEM file)",
            description = "CA certificates the collector's certificate must chain to; absolute or relative to the "
                    + "data directory. The system trust store is never used.")
    String trustAnchorsPath();

    @AttributeDefinition(name = "CRL file (PEM or DER)", required = false,
            description = "Certificate revocation lists installed by hand, checked in addition to the CRL "
                    + "distribution points and OCSP responders the certificates name; absolute or relative to the "
                    + "data directory; empty: none.")
    String crlPath() default "";

    @AttributeDefinition(name = "Check certificate revocation",
            description = "Check the collector's certificates against the CRLs and OCSP responders they name (fail "
                    + "closed after the grace period). Turning this off is recorded in the audit trail at every start.")
    boolean revocationCheck() default true;

    @AttributeDefinition(name = "Revocation grace period (hours)", min = "0", max = "168",
            description = "How long past its next update a cached CRL still counts while no fresh one can be "
                    + "fetched; then the collector is refused. 0 to 168.")
    int revocationGraceHours() default 24;

    @AttributeDefinition(name = "CRL cache directory",
            description = "Where fetched CRLs are kept; absolute or relative to the data directory.")
    String crlCachePath() default "crl-cache/audit-export";

    @AttributeDefinition(name = "Allow TLS 1.2",
            description = "Also offer TLS 1.2 (ECDHE with AES-GCM or ChaCha20-Poly1305 only) for collectors without "
                    + "TLS 1.3.")
    boolean allowTls12() default false;

    @AttributeDefinition(name = "Present the gateway certificate",
            description = "Authenticate with the gateway's own key and certificate (mutual TLS, as an ATNA secure "
                    + "node must). Turn off only for a collector that cannot request client certificates.")
    boolean presentClientCertificate() default true;

    @AttributeDefinition(name = "APP-NAME", description = "RFC 5424 APP-NAME: 1 to 48 printable ASCII characters.")
    String appName() default "wardgate";

    @AttributeDefinition(name = "Enterprise number", min = "1", max = "2147483647",
            description = "IANA private enterprise number in the structured data id 'wardgate@N' that carries the "
                    + "record's sequence number and hashes. Default 32473, the number RFC 5612 reserves for "
                    + "documentation; set your organisation's own if the collector's rules key on it.")
    long enterpriseNumber() default 32473;

    @AttributeDefinition(name = "Maximum message bytes", min = "2048", max = "65536",
            description = "Bound on one syslog message (2048 to 65536); longer ones have their detail, then target "
                    + "and actor, shortened and are marked truncated. RFC 5425 collectors must accept 2048 and "
                    + "should accept 8192.")
    int maxMessageBytes() default 8192;

    @AttributeDefinition(name = "Records per read", min = "1", max = "10000",
            description = "How many records are read from the audit trail at a time (1 to 10000); bounds memory.")
    int batchRecords() default 200;

    @AttributeDefinition(name = "Records per session", min = "1", max = "100000",
            description = "Most records sent in one TLS session before it is closed and confirmed (1 to 100000); "
                    + "bounds what is sent again after an unconfirmed session.")
    int sessionRecords() default 2000;

    @AttributeDefinition(name = "Poll interval (ms)", min = "50", max = "60000",
            description = "How often an idle export looks for new audit records (50 to 60000).")
    int pollMillis() default 1000;

    @AttributeDefinition(name = "Network timeout (seconds)", min = "1", max = "300",
            description = "Connect, handshake, a stalled write and the collector's answer to the close (1 to 300).")
    int timeoutSeconds() default 10;

    @AttributeDefinition(name = "Reconnect backoff minimum (ms)", min = "10", max = "600000",
            description = "First delay after a failed session (10 to 600000); doubles per failure, half of it random.")
    long backoffMinMillis() default 1000;

    @AttributeDefinition(name = "Reconnect backoff maximum (ms)", min = "10", max = "3600000",
            description = "Longest delay between attempts (10 to 3600000).")
    long backoffMaxMillis() default 60_000;

    @AttributeDefinition(name = "Alarm when behind (records)", min = "1", max = "100000000",
            description = "The status shows an alarm when more records than this await confirmation.")
    long alarmBehindRecords() default 1000;

    @AttributeDefinition(name = "Alarm when unconfirmed (seconds)", min = "1", max = "604800",
            description = "The status shows an alarm when records have waited this long without a confirmed session.")
    long alarmAfterSeconds() default 900;

    @AttributeDefinition(name = "Cursor file",
            description = "Where the sequence number of the last confirmed record is kept; absolute or relative "
                    + "to the data directory.")
    String cursorPath() default "audit-export/cursor";
}
