package io.wardgate.driver.masimo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The line's device time is read digit by digit (every line of every device); it must accept exactly what
 * a strict "MM/dd/uu HH:mm:ss" formatter accepts, month first (see MasimoLineDecoder), and give the same time.
 */
class DeviceTimeTest {
    private static final DateTimeFormatter STRICT = DateTimeFormatter.ofPattern("MM/dd/uu HH:mm:ss")
            .withResolverStyle(ResolverStyle.STRICT);

    private static LocalDateTime strict(String date, String time) {
        try {
            return LocalDateTime.parse(date + " " + time, STRICT);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String two(int value) {
        return String.format("%02d", value);
    }

    @Test
    void agreesWithTheStrictFormatterOnEveryTwoDigitField() {
        SplittableRandom random = new SplittableRandom(25);
        for (int i = 0; i < 50_000; i++) {
            // mostly around the valid ranges (month 0-13, day 0-32, hour 0-25, minute and second 0-61), sometimes anything
            boolean wild = random.nextInt(10) == 0;
            String date = two(random.nextInt(wild ? 100 : 14)) + "/" + two(random.nextInt(wild ? 100 : 33)) + "/"
                    + two(random.nextInt(100));
            String time = two(random.nextInt(wild ? 100 : 26)) + ":" + two(random.nextInt(wild ? 100 : 62)) + ":"
                    + two(random.nextInt(wild ? 100 : 62));
            assertThat(MasimoLineDecoder.dateTime(date, time)).as(date + " " + time).isEqualTo(strict(date, time));
        }
    }

    @Test
    void theEdgesOfTheCalendar() {
        // the public Rad-8 capture's line (month first), a leap day, and dates that do not exist
        assertThat(MasimoLineDecoder.dateTime("02/22/16", "22:47:45")).isEqualTo(LocalDateTime.of(2016, 2, 22, 22, 47, 45));
        assertThat(MasimoLineDecoder.dateTime("02/29/24", "00:00:00")).isEqualTo(LocalDateTime.of(2024, 2, 29, 0, 0));
        assertThat(MasimoLineDecoder.dateTime("02/29/23", "00:00:00")).isNull();
        assertThat(MasimoLineDecoder.dateTime("13/01/05", "11:56:29")).isNull();
        assertThat(MasimoLineDecoder.dateTime("00/10/05", "11:56:29")).isNull();
        assertThat(MasimoLineDecoder.dateTime("12/01/05", "24:00:00")).isNull();
        assertThat(MasimoLineDecoder.dateTime("12/31/99", "23:59:59")).isEqualTo(strict("12/31/99", "23:59:59"));
    }
}
