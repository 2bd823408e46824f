/**
 * The one TLS policy of WardGate, used by every TLS client and server it runs: TLS 1.3 (1.2 only with
 * ECDHE + AEAD suites when a setting allows it), an explicit cipher-suite list, trust only in configured
 * anchors (never the system trust store), subjectAltName host checks, and certificate revocation checked
 * by default (CRL distribution points fetched and cached, OCSP where offered, a bounded grace period, then
 * fail closed). {@link io.wardgate.shared.tls.TlsPolicy} says what is offered,
 * {@link io.wardgate.shared.tls.TrustAnchors} whom to trust, {@link io.wardgate.shared.tls.RevocationChecker}
 * whether a certificate is still good.
 */
@Export
@Version("1.2.0")
package io.wardgate.shared.tls;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
