/**
 * FHIR R4 server delivery: transaction Bundles (built by the receiver's FHIR output, one per
 * envelope, each resource created only if its identifier is new) posted to a server's base URL.
 */
@Export
@Version("1.0.0")
package io.wardgate.receiver.fhir;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
