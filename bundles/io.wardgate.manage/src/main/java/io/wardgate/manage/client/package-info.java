/**
 * Hospital IT's side of remote management (docs/operations.md, Fleet management): signs requests
 * with a management key, uploads large files in chunks, and accepts only replies signed by the
 * addressed gateway's certificate under the hospital CA. Plain Java (Paho MQTT v5), used by
 * {@code wardgate admin}.
 */
@Export
@Version("1.1.0")
package io.wardgate.manage.client;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
