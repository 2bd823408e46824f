/**
 * Whether the gateway's wall clock can be believed: the kernel's synchronisation state and the time
 * source that disciplines it. Readings forwarded while the clock is not synchronised carry a time
 * that nobody has checked; everyone who shows or forwards times asks {@link
 * io.wardgate.api.time.ClockStatus} first.
 */
@Export
@Version("1.1.0")
package io.wardgate.api.time;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
