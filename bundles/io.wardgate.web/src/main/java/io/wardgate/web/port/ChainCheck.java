package io.wardgate.web.port;

import java.util.Objects;

/**
 * The result of walking the audit chain.
 *
 * @param intact whether every record links to its predecessor
 * @param records how many records were checked
 * @param firstBroken the sequence of the first record that does not link, or -1 when intact
 * @param detail a short explanation for people
 */
public record ChainCheck(boolean intact, long records, long firstBroken, String detail) {
    public ChainCheck {
        Objects.requireNonNull(detail, "detail");
    }
}
