package io.wardgate.web.port;

import java.security.cert.X509Certificate;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/** The CA certificates the gateway trusts for its broker connections (no system trust store). */
@ConsumerType
public interface TrustAnchors {

    List<X509Certificate> anchors();
}
