/** Files replaced so that a crash or power cut leaves the old content or the new, never a mix or nothing. */
@Export
@Version("1.0.0")
package io.wardgate.shared.files;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
