package io.wardgate.time;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = ClockComponent.PID, name = "WardGate clock state",
        description = "Watches whether a time source (chrony, systemd-timesyncd, ntpd) keeps the gateway's clock "
                + "synchronised, audits every change and raises an alarm when it has not been for too long.")
@interface ClockConfig {

    @AttributeDefinition(name = "Check every (seconds)", min = "1", max = "3600",
            description = "How often the kernel's clock state is read.")
    int pollSeconds() default 10;

    @AttributeDefinition(name = "Alarm after (minutes)", min = "0", max = "10080",
            description = "How long the clock may stay unsynchronised (after a boot, NTP may take a while) before "
                    + "the status reply and the console show an alarm.")
    int alarmAfterMinutes() default 15;

    @AttributeDefinition(name = "Device clock tolerance (seconds)", min = "1", max = "86400",
            description = "A device whose own clock (as its driver decodes it) differs from the synchronised gateway "
                    + "clock by more than this is flagged: its readings carry DEVICE_CLOCK_OFF and the change is audited.")
    int deviceClockToleranceSeconds() default 60;
}
