/** Enrollment and key management of the gateway identity (CSR, certificates, trust anchors, rotation). */
@Export
@Version("1.2.0")
package io.wardgate.seal.admin;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
