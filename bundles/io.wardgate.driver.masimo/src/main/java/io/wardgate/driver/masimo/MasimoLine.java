package io.wardgate.driver.masimo;

import io.wardgate.api.Decimal;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One ASCII 1 line, as read.
 *
 * @param deviceTime the device's wall-clock time (no zone on the line), or null when missing or invalid
 * @param serialNumber the SN= field, empty when absent or dashes
 * @param values the numeric fields present on the line: a value, or empty for dashes (unavailable)
 * @param alarm the ALARM word, when present
 * @param exceptions the EXC word, when present
 * @param problems what could not be read, at most {@link MasimoLineDecoder#MAX_PROBLEMS}
 * @param recognized whether the line had any field of the format at all
 */
record MasimoLine(LocalDateTime deviceTime, String serialNumber, Map<MasimoParameter, Optional<Decimal>> values,
        OptionalLong alarm, OptionalLong exceptions, List<String> problems, boolean recognized) {

    MasimoLine {
        values = values.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(values));
        problems = List.copyOf(problems);
    }
}
