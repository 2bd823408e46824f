package io.wardgate.driver.hl7;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HL7 DTM/TS values ({@code YYYYMMDDHHMM[SS[.S[S[S[S]]]]][+/-ZZZZ]}) as instants. A time to the
 * minute at least is needed (coarser ones say nothing useful about a vital sign); one without an
 * offset is read in the zone the driver is configured with.
 */
final class Hl7Time {
    private static final Pattern DTM = Pattern.compile(
            "(\\d{4})(\\d{2})(\\d{2})(\\d{2})(\\d{2})(\\d{2})?(?:\\.(\\d{1,4}))?(?:([+-])(\\d{2})(\\d{2}))?");

    private Hl7Time() {
    }

    static Optional<Instant> parse(String text, ZoneId zone) {
        Matcher m = DTM.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            int nanos = m.group(7) == null ? 0 : Integer.parseInt((m.group(7) + "000").substring(0, 4)) * 100_000;
            LocalDateTime local = LocalDateTime.of(num(m, 1), num(m, 2), num(m, 3), num(m, 4), num(m, 5),
                    m.group(6) == null ? 0 : num(m, 6), nanos);
            if (m.group(8) == null) {
                return Optional.of(local.atZone(zone).toInstant());
            }
            int sign = m.group(8).equals("-") ? -1 : 1;
            ZoneOffset offset = ZoneOffset.ofHoursMinutes(sign * num(m, 9), sign * num(m, 10));
            return Optional.of(local.toInstant(offset));
        } catch (DateTimeException notATime) {
            return Optional.empty();
        }
    }

    private static int num(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }
}
