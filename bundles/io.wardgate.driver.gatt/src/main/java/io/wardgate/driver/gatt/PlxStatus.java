package io.wardgate.driver.gatt;

import io.wardgate.api.StatusFlag;
import java.util.EnumSet;

/**
 * The PLX status words shared by Spot-check and Continuous measurements.
 * Measurement status (device-protocols.md): "bits 5 ongoing, 6 early estimate, 7 validated, 8 fully
 * qualified, 9 from storage, 10 demo, 11 testing, 12 calibration, 13 unavailable, 14 questionable,
 * 15 invalid". Device and sensor status (24 bits, PLXS 1.0.1 table 3.5, checked in public decoders):
 * 0 extended display update ongoing, 1 equipment malfunction, 2 signal processing irregularity,
 * 3 inadequate signal, 4 poor signal, 5 low perfusion, 6 erratic signal, 7 non-pulsatile signal,
 * 8 questionable pulse, 9 signal analysis ongoing, 10 sensor interference, 11 sensor unconnected to
 * user, 12 unknown sensor connected, 13 sensor displaced, 14 sensor malfunctioning, 15 sensor
 * disconnected.
 */
final class PlxStatus {
    private PlxStatus() {
    }

    private static final StatusFlag[] MEASUREMENT = new StatusFlag[16];

    static {
        MEASUREMENT[5] = StatusFlag.MEASUREMENT_ONGOING;
        MEASUREMENT[6] = StatusFlag.EARLY_INDICATION;
        MEASUREMENT[7] = StatusFlag.VALIDATED;
        MEASUREMENT[8] = StatusFlag.VALIDATED; // fully qualified: validated and more
        MEASUREMENT[9] = StatusFlag.FROM_STORAGE;
        MEASUREMENT[10] = StatusFlag.DEMO;
        MEASUREMENT[11] = StatusFlag.TEST;
        MEASUREMENT[12] = StatusFlag.CALIBRATING;
        MEASUREMENT[13] = StatusFlag.UNAVAILABLE;
        MEASUREMENT[14] = StatusFlag.QUESTIONABLE;
        MEASUREMENT[15] = StatusFlag.INVALID;
    }

    static void measurement(int word, EnumSet<StatusFlag> into) {
        for (int bit = 0; bit < 16; bit++) {
            if ((word & (1 << bit)) != 0 && MEASUREMENT[bit] != null) {
                into.add(MEASUREMENT[bit]);
            }
        }
    }

    static void deviceAndSensor(int word, EnumSet<StatusFlag> into) {
        if ((word & 0x00FC02) != 0) { // bits 1, 10..15: equipment or sensor at fault
            into.add(StatusFlag.SENSOR_PROBLEM);
        }
        if ((word & 0x000020) != 0) {
            into.add(StatusFlag.LOW_PERFUSION);
        }
        if ((word & 0x0001DC) != 0) { // bits 2, 3, 4, 6, 7, 8: the signal is poor
            into.add(StatusFlag.ARTIFACT);
        }
    }
}
