package io.wardgate.network;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The configuration of one network source (factory PID {@value #PID}): one protocol on one port. */
@ObjectClassDefinition(
        id = SourceConfig.PID,
        name = "WardGate network source",
        description = "Networked bedside devices of one protocol, on the device-side interface only (never the"
                + " hospital side): which protocol, which port, which interface, where the devices stand and the"
                + " limits per device. Changes re-open the source.")
public @interface SourceConfig {
    String PID = "io.wardgate.network.Source";

    @AttributeDefinition(name = "Protocol",
            description = "The protocol the devices speak, by the name of its network driver, e.g. intellivue-lan:"
                    + " 1 to 32 lower-case letters, digits and '-'. While no such driver is installed the source"
                    + " waits (its log lists the installed names).")
    String protocol();

    @AttributeDefinition(name = "Port", min = "0", max = "65535",
            description = "The port to listen on (or connect to); 0 takes the driver's own (IntelliVue LAN 24005,"
                    + " HL7 MLLP 2575). The firewall must open the same port on the device-side interface.")
    int port() default 0;

    @AttributeDefinition(name = "Device-side interface", required = false,
            description = "The network interface the devices are on, e.g. eth1. Empty: the device_if of the site"
                    + " firewall file, which wardgate-profile wrote from the hardware profile. The hospital-side"
                    + " interface (hospital_if of that file) is refused, and so is any wildcard address.")
    String interfaceName() default "";

    @AttributeDefinition(name = "Site firewall file",
            description = "Where device_if and hospital_if are defined (see docs/install.md).")
    String siteFile() default "/etc/wardgate/firewall-site.nft";

    @AttributeDefinition(name = "Site", description = "Location tag: 1 to 64 letters, digits, '.', '_' or '-'.")
    String site();

    @AttributeDefinition(name = "Ward", description = "Location tag: 1 to 64 letters, digits, '.', '_' or '-'.")
    String ward();

    @AttributeDefinition(name = "Beds", required = false,
            description = "Which device address stands at which bed, one ADDRESS=BED per entry, e.g."
                    + " 198.51.100.17=bed-12. A device at an address not listed gets the bed net-<address>.")
    String[] beds() default {};

    @AttributeDefinition(name = "Most devices at once", min = "1", max = "1024",
            description = "Peers served at the same time; a further peer is refused until one goes. 1 to 1024.")
    int maxPeers() default 32;

    @AttributeDefinition(name = "Bytes per second per device", min = "1024", max = "10485760",
            description = "What one device may send on average; beyond it its datagrams are dropped (UDP) or its"
                    + " connection is no longer read until the rate allows (TCP). 1 KiB/s to 10 MiB/s.")
    int maxBytesPerSecond() default 262_144;

    @AttributeDefinition(name = "Largest message (bytes)", min = "512", max = "1048576",
            description = "The largest datagram accepted, and the most bytes read from one connection at once."
                    + " 512 B to 1 MiB.")
    int maxMessageBytes() default 65_535;

    @AttributeDefinition(name = "Idle timeout (s)", min = "5", max = "3600",
            description = "A device that sends nothing for this long is dropped (TCP: its connection is closed;"
                    + " against slow-loris senders). 5 to 3600 seconds.")
    int idleTimeoutSeconds() default 60;

    @AttributeDefinition(name = "TLS key store", required = false,
            description = "TCP sources (HL7 MLLP): a PKCS#12 file with the gateway's certificate and key for this"
                    + " listener, e.g. /etc/wardgate/mllp-tls.p12. Set: every connection is TLS and must present a"
                    + " client certificate of the CAs below (MLLP over TLS). Empty: plain TCP.")
    String tlsKeyStore() default "";

    @AttributeDefinition(name = "TLS key store password", required = false, type = AttributeType.PASSWORD,
            description = "The key store's password. Never logged.")
    String tlsKeyStorePassword() default "";

    @AttributeDefinition(name = "TLS client CAs", required = false,
            description = "A PEM file of the CA certificates whose client certificates are accepted; required with"
                    + " a key store.")
    String tlsClientCas() default "";

    @AttributeDefinition(name = "Allow TLS 1.2",
            description = "Also offer TLS 1.2 (ECDHE with AES-GCM or ChaCha20-Poly1305 only) for senders without"
                    + " TLS 1.3. Off: TLS 1.3 only.")
    boolean tlsAllowTls12() default false;

    @AttributeDefinition(name = "TLS client CRLs", required = false,
            description = "CRL files (PEM or DER) of the client CAs: a listed client certificate is refused. The"
                    + " certificates' own OCSP responders and CRL distribution points are checked as well (a"
                    + " certificate naming sources none of which answers is refused).")
    String[] tlsCrlFiles() default {};

    @AttributeDefinition(name = "TLS client certificate pins", required = false,
            description = "Optional, ADDRESS=SHA-256 fingerprint per sender (e.g. 10.20.0.17=3A:4F:..., as"
                    + " openssl x509 -noout -fingerprint -sha256 prints it; two entries for one address during a"
                    + " renewal). Set: a sender must present the certificate pinned to its address, and an address"
                    + " without a pin is refused. Empty: any certificate of the client CAs. At most 1024 entries.")
    String[] tlsClientPins() default {};
}
