/**
 * Contributing management operations from other bundles: register a {@link
 * io.wardgate.api.manage.ManagementOperation} service with the property {@value
 * io.wardgate.api.manage.ManagementOperation#OPERATION} naming the operation. The management
 * channel has already verified the request's signature, target, expiry and nonce before it runs. Moved here
 * from io.wardgate.manage.spi (1.1.0): contributors import the API bundle, not the management implementation.
 */
@Export
@Version("1.0.0")
package io.wardgate.api.manage;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
