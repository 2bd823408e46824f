package io.wardgate.web.adapters;

import io.wardgate.seal.admin.IdentityAdmin;
import io.wardgate.web.port.CertificateRequests;
import java.util.Base64;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The web UI's CertificateRequests over the seal bundle's IdentityAdmin: its PEM request, as DER.
 * During a key rotation the request is for the new key awaiting its certificate (what the operator
 * must get signed), otherwise for the active key.
 */
@Component(service = CertificateRequests.class)
public final class CertificateRequestsAdapter implements CertificateRequests {
    static final String BEGIN = "-----BEGIN CERTIFICATE REQUEST-----";
    static final String END = "-----END CERTIFICATE REQUEST-----";

    private final IdentityAdmin identity;

    @Activate
    public CertificateRequestsAdapter(@Reference(name = "identityAdmin") IdentityAdmin identity) {
        this.identity = identity;
    }

    @Override
    public byte[] certificationRequest() {
        return der(identity.certificateSigningRequest());
    }

    /** The DER inside exactly one PEM "CERTIFICATE REQUEST" block. */
    static byte[] der(String pem) {
        int begin = pem.indexOf(BEGIN);
        int end = pem.indexOf(END);
        if (begin < 0 || end < begin || pem.indexOf(BEGIN, begin + 1) >= 0) {
            throw new IllegalStateException("the identity did not return one PEM certificate request");
        }
        return Base64.getMimeDecoder().decode(pem.substring(begin + BEGIN.length(), end));
    }
}
