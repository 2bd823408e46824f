/**
 * Philips IntelliVue Data Export over MIB/RS232, host side: {@link io.wardgate.driver.intellivue.FrameDecoder}
 * (framing, FCS, limits), {@link io.wardgate.driver.intellivue.MessageParser} (one good frame into values)
 * and {@link io.wardgate.driver.intellivue.IntelliVueSession} (the dialogue), offered as the
 * {@link io.wardgate.driver.intellivue.IntelliVueDriver} ("intellivue"). Not exported: other bundles use
 * the driver service; the simulated monitor beside it (the sim package) frames its bytes with the same
 * encoder and names the same {@link io.wardgate.driver.intellivue.IntelliVueIds}.
 */
package io.wardgate.driver.intellivue;
