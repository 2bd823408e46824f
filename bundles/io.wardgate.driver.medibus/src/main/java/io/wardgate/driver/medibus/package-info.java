/**
 * Draeger MEDIBUS over RS 232, host side: {@link io.wardgate.driver.medibus.MedibusFramer} (ESC/SOH ... CR
 * messages, checksums, limits, the realtime bytes apart), {@link io.wardgate.driver.medibus.MedibusData}
 * (one good response into readings) and {@link io.wardgate.driver.medibus.MedibusSession} (the peer-to-peer
 * dialogue), offered as the {@link io.wardgate.driver.medibus.MedibusDriver} ("medibus"). Not exported;
 * the simulated ventilator (the sim package) frames its messages with the same
 * {@link io.wardgate.driver.medibus.MedibusFrames}.
 */
package io.wardgate.driver.medibus;
