package io.wardgate.shared.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CRL;
import java.security.cert.CRLReason;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateRevokedException;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Whether the certificates of a validated path are still good. For each certificate below the anchor, in
 * this order: CRLs an operator installed for its issuer; its OCSP responders (a signed GOOD or REVOKED
 * answer settles it); its CRL distribution points (fetched, cached on disk, grace period as
 * {@link RevocationSettings} says). A certificate listed anywhere is refused. A certificate that names
 * sources none of which answers is refused too (fail closed). A certificate whose CA gave it no source at
 * all, with no installed CRL of its issuer, cannot be checked and passes: that is the CA's choice, made
 * when it signed the certificate, not something an attacker can change.
 *
 * <p>Thread-safe; one instance per component keeps the in-memory copy of the disk cache.
 */
public final class RevocationChecker {
    private static final RevocationChecker OFF = new RevocationChecker();

    private final boolean enabled;
    private final List<X509CRL> installed;
    private final CrlCache crls;
    private final OcspClient ocsp;
    private final Clock clock;

    private RevocationChecker() {
        this.enabled = false;
        this.installed = List.of();
        this.crls = null;
        this.ocsp = null;
        this.clock = Clock.systemUTC();
    }

    /** Reads the installed CRL files now (an unreadable or empty one is an error, not "no revocation"). */
    public RevocationChecker(RevocationSettings settings, Clock clock) throws IOException, GeneralSecurityException {
        this(settings, readCrls(settings.crlFiles()), clock);
    }

    /** With CRLs already read (in addition to those of {@link RevocationSettings#crlFiles()}, which are not read). */
    public RevocationChecker(RevocationSettings settings, Collection<X509CRL> installed, Clock clock) {
        this.enabled = settings.enabled();
        this.clock = clock;
        this.installed = List.copyOf(installed);
        HttpFetch http = new HttpFetch(settings.timeout(), settings.maxResponseBytes());
        this.crls = enabled ? new CrlCache(settings.cacheDirectory(), settings.grace(), http, clock) : null;
        this.ocsp = enabled ? new OcspClient(http, clock) : null;
    }

    /** The explicit opt-out: checks nothing. */
    public static RevocationChecker off() {
        return OFF;
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * Checks every certificate of {@code path} (leaf first, anchor excluded; each issued by the next, the last
     * by {@code anchor}).
     *
     * @throws CertificateRevokedException when one is revoked
     * @throws CertificateException when the status of one cannot be established
     */
    public void check(List<X509Certificate> path, X509Certificate anchor) throws CertificateException {
        if (!enabled) {
            return;
        }
        for (int i = 0; i < path.size(); i++) {
            X509Certificate issuer = i + 1 < path.size() ? path.get(i + 1) : anchor;
            checkOne(path.get(i), issuer);
        }
    }

    private void checkOne(X509Certificate certificate, X509Certificate issuer) throws CertificateException {
        boolean known = false;
        for (X509CRL crl : installed) {
            if (crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
                try {
                    CrlCache.verified(crl, issuer);
                } catch (GeneralSecurityException e) {
                    continue; // another CA of the same name; not evidence either way
                }
                refuseIfListed(crl, certificate);
                known |= clock.instant().isBefore(CrlCache.nextUpdate(crl));
            }
        }
        List<URI> responders;
        List<URI> points;
        try {
            responders = CertificateUrls.ocspResponders(certificate);
            points = CertificateUrls.crlDistributionPoints(certificate);
        } catch (IOException | RuntimeException e) {
            throw new CertificateException("unreadable revocation extensions in " + subject(certificate), e);
        }
        List<String> problems = new ArrayList<>();
        for (URI responder : known ? List.<URI>of() : responders) {
            try {
                switch (ocsp.status(certificate, issuer, responder)) {
                    case GOOD -> known = true;
                    case REVOKED -> throw revoked(certificate, "its issuer's OCSP responder " + responder, null);
                    case UNKNOWN -> problems.add("OCSP " + responder + ": unknown certificate");
                }
            } catch (IOException | GeneralSecurityException e) {
                problems.add("OCSP " + responder + ": " + e.getMessage());
            }
            if (known) {
                break;
            }
        }
        for (URI point : known ? List.<URI>of() : points) {
            try {
                X509CRL crl = crls.crl(point, issuer);
                refuseIfListed(crl, certificate);
                known = true;
                break;
            } catch (CertificateRevokedException e) {
                throw e;
            } catch (CertificateException e) {
                problems.add(e.getMessage());
            }
        }
        if (!known && !problems.isEmpty()) {
            throw new CertificateException("revocation status of " + subject(certificate) + " unknown: "
                    + String.join("; ", problems));
        }
    }

    private static void refuseIfListed(X509CRL crl, X509Certificate certificate) throws CertificateRevokedException {
        X509CRLEntry entry = crl.getRevokedCertificate(certificate);
        if (entry != null) {
            throw revoked(certificate, "the CRL of " + crl.getIssuerX500Principal().getName(), entry);
        }
    }

    private static CertificateRevokedException revoked(X509Certificate certificate, String by, X509CRLEntry entry) {
        // OCSP gives no entry: the date is unknown here, and the exception's message says where it came from.
        return new CertificateRevokedException(entry == null ? new Date(0) : entry.getRevocationDate(),
                entry == null || entry.getRevocationReason() == null ? CRLReason.UNSPECIFIED
                        : entry.getRevocationReason(),
                certificate.getIssuerX500Principal(), Map.of()) {
            private static final long serialVersionUID = 1L;

            @Override
            public String getMessage() {
                return "certificate " + subject(certificate) + " (serial " + certificate.getSerialNumber().toString(16)
                        + ") is revoked according to " + by;
            }
        };
    }

    private static String subject(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }

    private static List<X509CRL> readCrls(List<Path> files) throws IOException, GeneralSecurityException {
        List<X509CRL> out = new ArrayList<>();
        for (Path file : files) {
            out.addAll(readCrls(file));
        }
        return out;
    }

    /** The CRLs of a PEM or DER file; a file without any is an error. */
    public static List<X509CRL> readCrls(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509CRL> out = new ArrayList<>();
            for (CRL crl : CertificateFactory.getInstance("X.509").generateCRLs(in)) {
                out.add((X509CRL) crl);
            }
            if (out.isEmpty()) {
                throw new GeneralSecurityException("no CRL in " + file);
            }
            return out;
        }
    }
}
