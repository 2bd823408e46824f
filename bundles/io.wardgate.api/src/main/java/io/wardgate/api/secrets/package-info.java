/**
 * Secrets at rest: passwords in the gateway's configuration are stored sealed ("enc:v1:..."), never in
 * clear. Writers seal a password-typed value with {@link io.wardgate.api.secrets.SecretBox#seal} before it
 * reaches ConfigurationAdmin; a component opens it with {@link io.wardgate.api.secrets.SecretBox#open} when
 * it needs the clear text, and never logs or echoes it. The key is held by the gateway's key storage.
 */
@Export
@Version("1.0.0")
package io.wardgate.api.secrets;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
