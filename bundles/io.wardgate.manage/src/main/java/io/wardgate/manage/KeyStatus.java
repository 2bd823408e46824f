package io.wardgate.manage;

import io.wardgate.api.pipeline.AuditEvent;
import io.wardgate.api.pipeline.AuditEvent.Outcome;
import io.wardgate.api.pipeline.AuditTrail;
import io.wardgate.shared.tls.RevocationChecker;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateRevokedException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Whether a trusted management key may still be used, checked at every request after its signature:
 * not on the local revocation list; its certificate (a pinned leaf) within its validity at the
 * gateway's clock; and not revoked according to its CA, through the shared {@link RevocationChecker}
 * (CRL distribution points fetched and cached, OCSP where the certificate names a responder, fail
 * closed after the grace period). The issuer needed for that is a CA certificate in the trusted-keys
 * file; a certificate that names a distribution point or responder whose issuer is not there is refused
 * (its status cannot be established). Certificates without any, and bare keys, rely on the local list.
 */
final class KeyStatus {
    private static final String CRL_DISTRIBUTION_POINTS = "2.5.29.31";
    private static final String AUTHORITY_INFO_ACCESS = "1.3.6.1.5.5.7.1.1";

    private final RevocationChecker revocation;
    private final Supplier<RevokedKeys> revokedList;
    private final Clock clock;

    KeyStatus(RevocationChecker revocation, Supplier<RevokedKeys> revokedList, Clock clock) {
        this.revocation = Objects.requireNonNull(revocation, "revocation");
        this.revokedList = Objects.requireNonNull(revokedList, "revokedList");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Revocation through the CA on, no local list. */
    static KeyStatus checkedBy(RevocationChecker revocation, Clock clock) {
        return new KeyStatus(revocation, () -> RevokedKeys.NONE, clock);
    }

    /** Records the explicit opt-out (MANAGE_REVOCATION_OFF) when revocation through the CA is off. */
    KeyStatus auditOptOut(AuditTrail audit) {
        if (!revocation.enabled()) {
            audit.record(new AuditEvent(clock.instant(), "system", "MANAGE_REVOCATION_OFF", "management keys",
                    Outcome.SUCCESS, "revocation of management certificates is not checked (revocationCheck=false);"
                            + " only the local revocation list and expiry apply"));
        }
        return this;
    }

    /** Why {@code key} must not be used now, or empty when it may. */
    Optional<String> refusal(TrustedKeys keys, TrustedKeys.Trusted key) {
        if (revokedList.get().revoked(key.kid())) {
            return Optional.of("management key " + key.name() + " is on the local revocation list");
        }
        X509Certificate certificate = key.certificate();
        if (certificate == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (now.isAfter(certificate.getNotAfter().toInstant())) {
            return Optional.of("management certificate " + key.name() + " expired at "
                    + certificate.getNotAfter().toInstant());
        }
        if (now.isBefore(certificate.getNotBefore().toInstant())) {
            return Optional.of("management certificate " + key.name() + " is not valid before "
                    + certificate.getNotBefore().toInstant());
        }
        return revocation.enabled() ? revoked(keys, key) : Optional.empty();
    }

    private Optional<String> revoked(TrustedKeys keys, TrustedKeys.Trusted key) {
        X509Certificate certificate = key.certificate();
        Optional<X509Certificate> issuer = issuer(keys, certificate);
        if (issuer.isEmpty()) {
            boolean namesSource = certificate.getExtensionValue(CRL_DISTRIBUTION_POINTS) != null
                    || certificate.getExtensionValue(AUTHORITY_INFO_ACCESS) != null;
            return namesSource ? Optional.of("revocation status of management certificate " + key.name()
                    + " unknown: its issuer's CA certificate is not in the trusted keys file") : Optional.empty();
        }
        try {
            revocation.check(List.of(certificate), issuer.get());
            return Optional.empty();
        } catch (CertificateRevokedException e) {
            return Optional.of("management certificate " + key.name() + " is revoked: " + e.getMessage());
        } catch (CertificateException e) {
            return Optional.of("management certificate " + key.name() + ": " + e.getMessage());
        }
    }

    /** The CA certificate in the file (or the certificate itself, if self-signed) that signed it. */
    private static Optional<X509Certificate> issuer(TrustedKeys keys, X509Certificate certificate) {
        List<X509Certificate> candidates = new ArrayList<>(keys.issuers());
        candidates.add(certificate);
        for (X509Certificate candidate : candidates) {
            if (candidate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
                try {
                    certificate.verify(candidate.getPublicKey());
                    return Optional.of(candidate);
                } catch (GeneralSecurityException | RuntimeException anotherCaOfTheSameName) {
                    // not this one
                }
            }
        }
        return Optional.empty();
    }
}
