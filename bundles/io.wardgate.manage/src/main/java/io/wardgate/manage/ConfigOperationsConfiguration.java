package io.wardgate.manage;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = ConfigOperations.PID, name = "WardGate remote configuration",
        description = "config.list, config.get and config.put for hospital IT (docs/operations.md, Fleet management).")
public @interface ConfigOperationsConfiguration {

    @AttributeDefinition(name = "Settle time (s)",
            description = "How long config.put waits for the affected components to run with the new configuration before it rolls everything back. 1 to 300.",
            min = "1", max = "300")
    int settleSeconds() default 20;

    @AttributeDefinition(name = "PIDs per change", description = "Most configurations one config.put may change. 1 to 64.",
            min = "1", max = "64")
    int maxPidsPerChange() default 16;
}
