/**
 * WardGate's domain model: immutable values validated on construction.
 * Everything that crosses a bundle boundary is one of these.
 */
@Export
@Version("1.4.0")
package io.wardgate.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
