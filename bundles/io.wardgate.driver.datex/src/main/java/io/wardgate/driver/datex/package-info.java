/**
 * GE Datex-Ohmeda S/5 Computer Interface, host side: {@link io.wardgate.driver.datex.DatexFramer} (flags,
 * escapes, checksum, limits), {@link io.wardgate.driver.datex.DatexRecord} and the decoders of its
 * record types (one good record into readings), and {@link io.wardgate.driver.datex.DatexSession} (the
 * requests), offered as the {@link io.wardgate.driver.datex.DatexDriver} ("datex"). Not exported: other
 * bundles use the driver service; the simulated monitor beside it (the sim package) frames its records
 * with the same {@link io.wardgate.driver.datex.DatexFrames}.
 */
package io.wardgate.driver.datex;
