package io.wardgate.shared.tls;

import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * One OCSP question (RFC 6960) over HTTP POST: the answer counts only when signed by the issuer or by a
 * responder certificate the issuer gave id-kp-OCSPSigning, about exactly this certificate, current (this
 * update not in the future, next update not past, 5 minutes of clock skew), and echoing our nonce if it
 * echoes one.
 */
final class OcspClient {
    enum Status { GOOD, REVOKED, UNKNOWN }

    private static final Duration SKEW = Duration.ofMinutes(5);
    private final HttpFetch http;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    OcspClient(HttpFetch http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    Status status(X509Certificate certificate, X509Certificate issuer, URI responder)
            throws IOException, GeneralSecurityException {
        try {
            CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build()
                    .get(CertificateID.HASH_SHA1), new JcaX509CertificateHolder(issuer), certificate.getSerialNumber());
            byte[] nonce = new byte[16];
            random.nextBytes(nonce);
            OCSPReqBuilder request = new OCSPReqBuilder().addRequest(id);
            request.setRequestExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce,
                    false, new DEROctetString(nonce))));
            OCSPResp response = new OCSPResp(http.post(responder, "application/ocsp-request",
                    request.build().getEncoded()));
            if (response.getStatus() != OCSPResp.SUCCESSFUL
                    || !(response.getResponseObject() instanceof BasicOCSPResp basic)) {
                throw new GeneralSecurityException("OCSP responder " + responder + " answered status "
                        + response.getStatus());
            }
            requireSignedForIssuer(basic, issuer);
            Extension echoed = basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            if (echoed != null && !Arrays.equals(DEROctetString.getInstance(echoed.getParsedValue()).getOctets(),
                    nonce)) {
                throw new GeneralSecurityException("OCSP answer for another request (nonce differs)");
            }
            Instant now = clock.instant();
            for (SingleResp single : basic.getResponses()) {
                if (!single.getCertID().equals(id)) {
                    continue;
                }
                if (single.getThisUpdate().toInstant().isAfter(now.plus(SKEW)) || (single.getNextUpdate() != null
                        && single.getNextUpdate().toInstant().isBefore(now.minus(SKEW)))) {
                    throw new GeneralSecurityException("OCSP answer is not current");
                }
                CertificateStatus status = single.getCertStatus();
                if (status == CertificateStatus.GOOD) {
                    return Status.GOOD;
                }
                return status instanceof RevokedStatus ? Status.REVOKED : Status.UNKNOWN;
            }
            throw new GeneralSecurityException("OCSP answer does not cover the certificate asked about");
        } catch (OCSPException | OperatorCreationException e) {
            throw new GeneralSecurityException("OCSP: " + e.getMessage(), e);
        }
    }

    private void requireSignedForIssuer(BasicOCSPResp basic, X509Certificate issuer)
            throws GeneralSecurityException, OCSPException, OperatorCreationException {
        JcaContentVerifierProviderBuilder verifiers = new JcaContentVerifierProviderBuilder();
        if (basic.isSignatureValid(verifiers.build(issuer.getPublicKey()))) {
            return;
        }
        X509CertificateHolder issuerHolder = new JcaX509CertificateHolder(issuer);
        Date now = Date.from(clock.instant());
        for (X509CertificateHolder delegate : basic.getCerts()) {
            try {
                boolean delegated = delegate.getIssuer().equals(issuerHolder.getSubject())
                        && delegate.isSignatureValid(verifiers.build(issuerHolder)) && delegate.isValidOn(now)
                        && ocspSigning(delegate);
                if (delegated && basic.isSignatureValid(verifiers.build(delegate))) {
                    return;
                }
            } catch (CertException e) {
                // not this one
            }
        }
        throw new GeneralSecurityException("OCSP answer not signed by the issuer or its OCSP responder");
    }

    private static boolean ocspSigning(X509CertificateHolder certificate) {
        ExtendedKeyUsage usage = certificate.getExtensions() == null ? null
                : ExtendedKeyUsage.fromExtensions(certificate.getExtensions());
        return usage != null && usage.hasKeyPurposeId(KeyPurposeId.id_kp_OCSPSigning);
    }
}
