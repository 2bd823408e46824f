/**
 * Device protocols as pure state machines: bytes in; readings, identities, events and bytes to
 * send out. A {@link io.wardgate.protocol.ProtocolSession} never does I/O, never starts a thread and
 * never throws on bad input: malformed input becomes a {@link io.wardgate.protocol.Decoded.FramingError}.
 * Each protocol lives in its own sub-package (intellivue, nonin, masimo, gatt) and is listed in
 * {@link io.wardgate.protocol.Protocols}.
 */
@Export
@Version("1.0.0")
package io.wardgate.protocol;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
