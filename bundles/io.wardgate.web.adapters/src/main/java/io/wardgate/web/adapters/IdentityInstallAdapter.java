package io.wardgate.web.adapters;

import io.wardgate.seal.admin.IdentityAdmin;
import io.wardgate.web.port.IdentityInstall;
import java.security.cert.X509Certificate;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The web UI's IdentityInstall over the seal bundle's IdentityAdmin (the same calls as identity.install). */
@Component(service = IdentityInstall.class)
public final class IdentityInstallAdapter implements IdentityInstall {
    private final IdentityAdmin admin;

    @Activate
    public IdentityInstallAdapter(@Reference(name = "identityAdmin") IdentityAdmin admin) {
        this.admin = admin;
    }

    @Override
    public void installCertificateChain(List<X509Certificate> chain) {
        try {
            admin.installCertificateChain(chain);
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public void installTrustAnchors(List<X509Certificate> anchors) {
        try {
            admin.installTrustAnchors(anchors);
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
