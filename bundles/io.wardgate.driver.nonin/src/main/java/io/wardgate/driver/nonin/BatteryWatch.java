package io.wardgate.driver.nonin;

import io.wardgate.api.DeviceEvent;
import io.wardgate.api.driver.Decoded;
import io.wardgate.api.driver.SessionOutput;

/** Reports the low-battery bit once when it comes on, not with every frame that carries it. */
final class BatteryWatch {
    private boolean low;

    void status2(int status2, long offset, SessionOutput out) {
        boolean nowLow = (status2 & NoninStatus.LOW_BATTERY) != 0;
        if (nowLow && !low) {
            out.decoded(new Decoded.EventDecoded(offset, DeviceEvent.Kind.ALARM, "oximeter battery low"));
        }
        low = nowLow;
    }

    void reset() {
        low = false;
    }
}
