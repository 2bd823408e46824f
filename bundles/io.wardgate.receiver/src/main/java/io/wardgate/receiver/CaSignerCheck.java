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
 * Trusts a signer whose certificate chains to a configured CA (PKIX), is not revoked (installed CRLs,
 * the CRL distribution points and OCSP responders it names: io.wardgate.shared.tls.RevocationChecker) and
 * names the envelope's gateway id as its CN. Validity is checked at the envelope's sealing time,
 * so envelopes queued through an outage and sealed just before a certificate expired still open;
 * failing that, at reception, so envelopes sealed by a gateway whose clock was wrong (a Pi
 * cold-booted without RTC, before NTP) still open when the certificate is valid now. The chain comes from
 * the envelope's x5chain; envelopes sealed before the gateway had a certificate carry only a kid,
 * which is looked up among the gateway certificates given here (each validated the same way).
 * Old envelopes stay verifiable after a rotation: their x5chain names the old certificate, still
 * issued by the CA.
 */
public final class CaSignerCheck implements SignerCheck {
    private final Set<TrustAnchor> anchors = new HashSet<>();
    private final RevocationChecker revocation;
    private final Map<String, X509Certificate> knownByKid = new HashMap<>();
    private final java.time.Clock clock;

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
        this.clock = java.util.Objects.requireNonNull(clock, "clock");
        this.revocation = java.util.Objects.requireNonNull(revocation, "revocation");
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
        String problem = validate(certificates, Date.from(tags.sealedAt()));
        if (problem != null && validate(certificates, Date.from(clock.instant())) != null) {
            return Verdict.untrusted("certificate not trusted: " + problem);
        }
        return Verdict.trusted(leaf.getPublicKey());
    }

    /** Null when the path validates to an anchor at {@code at}, else the problem. */
    private String validate(List<X509Certificate> certificates, Date at) {
        try {
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setDate(at);
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
