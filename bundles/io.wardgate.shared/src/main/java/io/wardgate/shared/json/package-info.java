/**
 * One JSON writer for everything WardGate writes as JSON (API answers, JSON lines, tool output): streaming,
 * escaping done once and right, optionally ASCII-only or HTML-safe output.
 */
@Export
@Version("1.1.0")
package io.wardgate.shared.json;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
