/**
 * Philips IntelliVue Data Export over MIB/RS232, host side.
 *
 * <p>Exported because the IntelliVue simulator (io.wardgate.sim) frames its bytes with the same
 * {@link io.wardgate.protocol.intellivue.FrameEncoder} and {@link io.wardgate.protocol.intellivue.FrameDecoder}
 * and names the same {@link io.wardgate.protocol.intellivue.IntelliVueIds}. Everything that decodes
 * messages into readings is package-private; {@link io.wardgate.protocol.intellivue.IntelliVueSession}
 * is the entry point (also reachable as "intellivue" in {@link io.wardgate.protocol.Protocols}).
 */
@Export
@Version("1.0.0")
package io.wardgate.protocol.intellivue;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
