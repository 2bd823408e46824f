package io.wardgate.receiver;

import io.wardgate.seal.envelope.KeyIds;
import io.wardgate.seal.envelope.SealTags;
import io.wardgate.seal.envelope.SignerCheck;
import io.wardgate.shared.tls.RevocationChecker;
import io.wardgate.shared.tls.RevocationSettings;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * Trusts a signer whose certificate chains to a configured CA (PKIX), is not revoked (installed CRLs, the CRL
 * distribution points and OCSP responders it names: io.wardgate.shared.tls.RevocationChecker, checked now
 * whatever the sealing time) and
 * names the envelope's gateway id as its CN. The time that counts is the receiver's, not the
 * signer's: the path must validate at reception. Envelopes queued through an outage may have been
 * sealed just before the certificate expired; for them, and only within a bound, validity at the
 * sealing time is enough: sealedAt no earlier than {@code outageAllowance} before reception and no
 * later than {@link #CLOCK_SKEW} after it, the path valid at sealedAt, and no certificate of the
 * path on a CRL (whatever the revocation date, since sealedAt is the signer's claim). A gateway
 * with a wrong clock (a Pi cold-booted without RTC, before NTP) is still trusted while its
 * certificate is valid now. The chain comes from the envelope's x5chain; envelopes sealed before
 * the gateway had a certificate carry only a kid, looked up among the gateway certificates given
 * here (each validated the same way). Rule in docs/envelope.md ("Key identification and trust").
 */
public final class CaSignerCheck implements SignerCheck {
    /** How far sealedAt may lie after reception (clocks of gateway and receiver differ a little). */
    public static final java.time.Duration CLOCK_SKEW = java.time.Duration.ofMinutes(5);
    /** The default outage allowance: the gateway outbox's default maximum age (168 hours). */
    public static final java.time.Duration DEFAULT_OUTAGE_ALLOWANCE = java.time.Duration.ofHours(168);
    private final Set<TrustAnchor> anchors = new HashSet<>();
    private final RevocationChecker revocation;
    private final Map<String, X509Certificate> knownByKid = new HashMap<>();
    private final java.time.Clock clock;
    private final java.time.Duration outageAllowance;

    public CaSignerCheck(Collection<X509Certificate> caCertificates, Collection<X509Certificate> knownGateways,
            Collection<X509CRL> crls) {
        this(caCertificates, knownGateways, crls, java.time.Clock.systemUTC());
    }

    /** Revocation checked with {@code crls} and the CRLs and OCSP responders the certificates name (kept in memory). */
    public CaSignerCheck(Collection<X509Certificate> caCertificates, Collection<X509Certificate> knownGateways,
            Collection<X509CRL> crls, java.time.Clock clock) {
        this(caCertificates, knownGateways, new RevocationChecker(RevocationSettings.inMemory(), crls, clock), clock);
    }

    /** Revocation checked as {@code revocation} says (at the time of checking, whatever the sealing time). */
    public CaSignerCheck(Collection<X509Certificate> caCertificates, Collection<X509Certificate> knownGateways,
            RevocationChecker revocation, java.time.Clock clock) {
        this(caCertificates, knownGateways, revocation, clock, DEFAULT_OUTAGE_ALLOWANCE);
    }

    /** @param outageAllowance how long before reception an envelope may have been sealed (0 to 365 days) */
    public CaSignerCheck(Collection<X509Certificate> caCertificates, Collection<X509Certificate> knownGateways,
            Collection<X509CRL> crls, java.time.Clock clock, java.time.Duration outageAllowance) {
        this(caCertificates, knownGateways, new RevocationChecker(RevocationSettings.inMemory(), crls, clock), clock,
                outageAllowance);
    }

    /** @param outageAllowance how long before reception an envelope may have been sealed (0 to 365 days) */
    public CaSignerCheck(Collection<X509Certificate> caCertificates, Collection<X509Certificate> knownGateways,
            RevocationChecker revocation, java.time.Clock clock, java.time.Duration outageAllowance) {
        this.clock = java.util.Objects.requireNonNull(clock, "clock");
        this.revocation = java.util.Objects.requireNonNull(revocation, "revocation");
        if (outageAllowance.isNegative() || outageAllowance.compareTo(java.time.Duration.ofDays(365)) > 0) {
            throw new IllegalArgumentException("the outage allowance is 0 to 365 days");
        }
        this.outageAllowance = outageAllowance;
        if (caCertificates.isEmpty()) {
            throw new IllegalArgumentException("at least one CA certificate is needed");
        }
        caCertificates.forEach(ca -> anchors.add(new TrustAnchor(ca, null)));
        knownGateways.forEach(cert -> knownByKid.put(KeyIds.hex(KeyIds.kid(cert.getPublicKey())), cert));
    }

    @Override
    public Verdict check(SealTags tags, byte[] kid, List<X509Certificate> chain) {
        List<X509Certificate> path = chain;
        if (path.isEmpty()) {
            X509Certificate known = knownByKid.get(KeyIds.hex(kid));
            if (known == null) {
                return Verdict.untrusted("no certificate for signer kid " + KeyIds.hex(kid));
            }
            path = List.of(known);
        }
        X509Certificate leaf = path.get(0);
        if (!java.security.MessageDigest.isEqual(KeyIds.kid(leaf.getPublicKey()), kid)) {
            return Verdict.untrusted("the signer kid does not match the certificate");
        }
        if (!tags.gatewayId().equals(commonName(leaf))) {
            return Verdict.untrusted("certificate CN '" + commonName(leaf) + "' is not gateway " + tags.gatewayId());
        }
        List<X509Certificate> certificates = new ArrayList<>(path);
        X509Certificate last = certificates.get(certificates.size() - 1);
        if (certificates.size() > 1 && anchors.stream().anyMatch(a -> last.equals(a.getTrustedCert()))) {
            certificates.remove(certificates.size() - 1);
        }
        java.time.Instant received = clock.instant();
        String problem = validate(certificates, received);
        if (problem == null) {
            return Verdict.trusted(leaf.getPublicKey());
        }
        String sealedProblem = sealedDuringOutage(certificates, tags.sealedAt(), received);
        if (sealedProblem != null) {
            return Verdict.untrusted("certificate not trusted at reception: " + problem + "; " + sealedProblem);
        }
        return Verdict.trusted(leaf.getPublicKey());
    }

    /** Null when the outage allowance applies to an envelope sealed at {@code sealedAt}, else why not. */
    private String sealedDuringOutage(List<X509Certificate> certificates, java.time.Instant sealedAt,
            java.time.Instant received) {
        if (sealedAt.isAfter(received.plus(CLOCK_SKEW))) {
            return "sealed after reception (" + sealedAt + ")";
        }
        if (sealedAt.isBefore(received.minus(outageAllowance))) {
            return "sealed at " + sealedAt + ", longer ago than the outage allowance of " + outageAllowance;
        }
        String problem = validate(certificates, sealedAt);
        return problem == null ? null : "not valid when sealed either: " + problem;
    }

    /**
     * Null when the path validates to an anchor at {@code at} and no certificate of it is revoked now
     * (revocation is checked at the time of checking, whatever {@code at}: sealedAt is the signer's claim).
     */
    private String validate(List<X509Certificate> certificates, java.time.Instant at) {
        try {
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setDate(Date.from(at));
            parameters.setRevocationEnabled(false); // ours below: distribution points, OCSP, grace, fail closed
            PKIXCertPathValidatorResult result = (PKIXCertPathValidatorResult) CertPathValidator.getInstance("PKIX")
                    .validate(CertificateFactory.getInstance("X.509").generateCertPath(certificates), parameters);
            revocation.check(certificates, result.getTrustAnchor().getTrustedCert());
            return null;
        } catch (GeneralSecurityException e) {
            return e.getMessage();
        }
    }

    static String commonName(X509Certificate certificate) {
        RDN[] names = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.CN);
        return names.length == 1 ? IETFUtils.valueToString(names[0].getFirst().getValue()) : "";
    }
}
