/**
 * HL7 v2 over MLLP, inbound, host side: {@link io.wardgate.driver.hl7.MllpFramer} (0B ... 1C 0D frames,
 * the size limit up front), HAPI HL7v2 parsing ({@code Hl7Parsing}), ORU^R01 to readings
 * ({@code OruReader}, {@code Terms}, {@code CodeTable}) and the ACK/NAK dialogue
 * ({@link io.wardgate.driver.hl7.Hl7Session}), offered as the {@link io.wardgate.driver.hl7.Hl7Driver}
 * ("hl7"). Not exported; the simulated sender (the sim package) frames with
 * {@link io.wardgate.driver.hl7.MllpFrames}.
 */
package io.wardgate.driver.hl7;
