package io.wardgate.audit;

import io.wardgate.api.pipeline.AuditEvent;
import io.wardgate.audit.api.AuditRecord;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The canonical encoding of records and segment headers: one line each, fields separated by TAB.
 * Every field is printable ASCII (AuditEvent and AuditSettings guarantee it), so no field can hold
 * a TAB or a newline and no escaping is needed: the encoding of a record is unique.
 *
 * <pre>
 * header: WGAUDIT1 TAB segment TAB anchor TAB created
 * record: sequence TAB at TAB gateway TAB location TAB actor TAB action TAB target TAB outcome TAB detail
 *         TAB previousHash TAB hash
 * hash  = hex(SHA-256("WGAUDIT1" TAB everything before the last TAB))
 * </pre>
 */
final class RecordCodec {
    static final String MAGIC = "WGAUDIT1";
    /** Longest line accepted when reading; records written are below 2 KiB. */
    static final int MAX_LINE = 8192;
    private static final int FIELDS = 11;

    private RecordCodec() {
    }

    record Header(long segment, String anchor, Instant created) {
    }

    /** A line that is not a well-formed record or header. */
    static final class MalformedException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedException(String message) {
            super(message);
        }
    }

    static String header(long segment, String anchor, Instant created) {
        return MAGIC + "\t" + segment + "\t" + anchor + "\t" + created;
    }

    static Header parseHeader(String line) throws MalformedException {
        String[] parts = line.split("\t", -1);
        if (parts.length != 4 || !MAGIC.equals(parts[0])) {
            throw new MalformedException("not a " + MAGIC + " segment header");
        }
        long segment = number(parts[1], "segment number");
        if (!Hashes.isHash(parts[2])) {
            throw new MalformedException("anchor is not a SHA-256 hex value");
        }
        return new Header(segment, parts[2], instant(parts[3]));
    }

    /** The full record line (without the newline) chaining {@code event} to {@code previousHash}. */
    static String encode(long sequence, AuditEvent event, String gatewayId, String location, String previousHash) {
        String body = sequence + "\t" + event.at() + "\t" + gatewayId + "\t" + location + "\t" + event.actor() + "\t"
                + event.action() + "\t" + event.target() + "\t" + event.outcome() + "\t" + event.detail() + "\t"
                + previousHash;
        return body + "\t" + hashOfBody(body);
    }

    static String hashOfBody(String body) {
        return Hashes.sha256(MAGIC + "\t" + body);
    }

    /** The hash stored in a record line (its last field), without checking anything. */
    static String storedHash(String line) {
        return line.substring(line.lastIndexOf('\t') + 1);
    }

    /**
     * Parses a record line. The caller checks the hash ({@link #hashMatches}) and the chain.
     *
     * @throws MalformedException when the line is not a record in canonical form
     */
    static AuditRecord parse(String line, long segment, long index) throws MalformedException {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c != '\t' && (c < 0x20 || c > 0x7E)) {
                throw new MalformedException("contains a byte that is not printable ASCII at column " + i);
            }
        }
        String[] f = line.split("\t", -1);
        if (f.length != FIELDS) {
            throw new MalformedException("has " + f.length + " fields instead of " + FIELDS);
        }
        long sequence = number(f[0], "sequence");
        AuditEvent event;
        try {
            event = new AuditEvent(instant(f[1]), f[4], f[5], f[6], AuditEvent.Outcome.valueOf(f[7]), f[8]);
        } catch (IllegalArgumentException e) {
            throw new MalformedException("invalid event: " + e.getMessage());
        }
        if (!Hashes.isHash(f[9]) || !Hashes.isHash(f[10])) {
            throw new MalformedException("hash fields are not SHA-256 hex values");
        }
        if (!line.equals(encodeWithHash(sequence, event, f[2], f[3], f[9], f[10]))) {
            throw new MalformedException("not in canonical form");
        }
        return new AuditRecord(sequence, event, f[2], f[3], f[9], f[10], segment, index);
    }

    /** Whether the stored hash is the hash of the record's content (including its previous hash). */
    static boolean hashMatches(String line) {
        int last = line.lastIndexOf('\t');
        return Hashes.same(hashOfBody(line.substring(0, last)), line.substring(last + 1));
    }

    private static String encodeWithHash(long sequence, AuditEvent event, String gatewayId, String location,
            String previousHash, String hash) {
        String full = encode(sequence, event, gatewayId, location, previousHash);
        return full.substring(0, full.lastIndexOf('\t') + 1) + hash;
    }

    private static long number(String text, String name) throws MalformedException {
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(Character::isDigit)) {
            throw new MalformedException(name + " is not a number");
        }
        return Long.parseLong(text);
    }

    private static Instant instant(String text) throws MalformedException {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new MalformedException("time is not an ISO-8601 instant");
        }
    }
}
