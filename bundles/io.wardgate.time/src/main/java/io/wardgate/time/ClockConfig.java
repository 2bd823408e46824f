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

    @AttributeDefinition(name = "Clock notes: site", description = "Site level of the topic the gateway's clock notes "
            + "(docs/envelope.md) are published under; letters, digits, '.', '_' or '-'.")
    String noteSite() default "site";

    @AttributeDefinition(name = "Clock notes: ward", description = "Ward level of the topic of the clock notes.")
    String noteWard() default "gateway";

    @AttributeDefinition(name = "Clock notes: topic suffix", description = "Topic level of the clock notes.")
    String noteTopicSuffix() default "clock";

    @AttributeDefinition(name = "Clock notes: backend key id", description = "The backend key the clock notes are "
            + "encrypted to (the sealer's backend key id).")
    String noteBackendKeyId() default "backend";
}
