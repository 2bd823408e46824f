package io.wardgate.audit.syslog;

import java.util.regex.Pattern;

/**
 * What the message writer needs besides the record.
 *
 * @param appName RFC 5424 APP-NAME, 1 to 48 printable US-ASCII characters (RFC 5424 section 6)
 * @param enterpriseNumber the private enterprise number of the SD-ID "wardgate@N" (RFC 5424 section 6.3.2)
 * @param procId RFC 5424 PROCID, 1 to 128 printable US-ASCII characters; the gateway's process id
 * @param maxMessageBytes bound on one SYSLOG-MSG, 2048 (what RFC 5425 section 4.3.1 says every receiver must
 *        accept) to 65536
 */
record FormatSettings(String appName, long enterpriseNumber, String procId, int maxMessageBytes) {
    static final int MIN_MESSAGE_BYTES = 2048;
    static final int MAX_MESSAGE_BYTES = 65536;
    /** PRINTUSASCII = %d33-126 (RFC 5424 section 6). */
    private static final Pattern APP_NAME = Pattern.compile("[\\x21-\\x7E]{1,48}");
    private static final Pattern PROC_ID = Pattern.compile("[\\x21-\\x7E]{1,128}");

    FormatSettings {
        if (appName == null || !APP_NAME.matcher(appName).matches()) {
            throw new IllegalArgumentException("app name must be 1 to 48 printable ASCII characters without spaces");
        }
        if (procId == null || !PROC_ID.matcher(procId).matches()) {
            throw new IllegalArgumentException("proc id must be 1 to 128 printable ASCII characters without spaces");
        }
        if (enterpriseNumber < 1 || enterpriseNumber > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("enterprise number must be 1.." + Integer.MAX_VALUE);
        }
        if (maxMessageBytes < MIN_MESSAGE_BYTES || maxMessageBytes > MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException("maximum message bytes must be " + MIN_MESSAGE_BYTES + ".."
                    + MAX_MESSAGE_BYTES);
        }
    }

    /** The structured data id that carries sequence and hashes. */
    String sdId() {
        return "wardgate@" + enterpriseNumber;
    }
}
