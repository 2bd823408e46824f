/**
 * Contributing management operations from other bundles: register a {@link
 * io.wardgate.manage.spi.ManagementOperation} service with the property {@value
 * io.wardgate.manage.spi.ManagementOperation#OPERATION} naming the operation. The management
 * channel has already verified the request's signature, target, expiry and nonce before it runs.
 */
@Export
@Version("1.1.0")
package io.wardgate.manage.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
