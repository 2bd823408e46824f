package io.wardgate.driver.medibus;

/**
 * One message whose checksum matched.
 *
 * @param offset where its ESC or SOH stood in the stream
 * @param command true for a command (ESC), false for a response (SOH)
 * @param code the command code, or the echo of a response
 * @param text the argument or response data, printable ASCII
 */
public record MedibusMessage(long offset, boolean command, int code, String text) {
}
