/**
 * Changing the gateway's configuration the one safe way, whoever asks (the web console, the
 * management channel): {@link io.wardgate.api.config.ConfigurationChanges#apply} validates every
 * change against the Metatype definitions and the components' own {@link
 * io.wardgate.api.config.ConfigurationCheck checks}, applies them together, waits until each
 * component runs with its new configuration, and puts everything back when one does not.
 */
@Export
@Version("1.0.0")
package io.wardgate.api.config;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
