package io.wardgate.web.adapters;

import io.wardgate.seal.admin.IdentityAdmin;
import io.wardgate.web.port.TrustAnchors;
import java.security.cert.X509Certificate;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The web UI's TrustAnchors over the seal bundle's IdentityAdmin: the CA certificates installed there. */
@Component(service = TrustAnchors.class)
public final class TrustAnchorsAdapter implements TrustAnchors {
    private final IdentityAdmin identity;

    @Activate
    public TrustAnchorsAdapter(@Reference(name = "identityAdmin") IdentityAdmin identity) {
        this.identity = identity;
    }

    @Override
    public List<X509Certificate> anchors() {
        return List.copyOf(identity.trustAnchors());
    }
}
