package io.wardgate.manage;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = ManageComponent.PID, name = "WardGate remote management",
        description = "Signed requests from hospital IT over the uplink's MQTT connection (docs/operations.md, Fleet management).")
public @interface ManageConfiguration {

    @AttributeDefinition(name = "Trusted management keys",
            description = "PEM file of the management certificates or EC P-256 public keys whose signed requests this gateway obeys. No default: without it remote management stays off.")
    String trustedKeysPath();

    @AttributeDefinition(name = "State directory",
            description = "Where the nonce store is kept (used nonces until their request expires).")
    String stateDirectory() default "/var/lib/wardgate/manage";

    @AttributeDefinition(name = "Longest request lifetime (s)",
            description = "A request whose expiry lies further ahead is refused. 10 to 3600.", min = "10", max = "3600")
    int maxLifetimeSeconds() default 300;

    @AttributeDefinition(name = "Largest request (bytes)", description = "1024 to 1048576.", min = "1024",
            max = "1048576")
    int maxRequestBytes() default 65_536;

    @AttributeDefinition(name = "Nonce store capacity",
            description = "Unexpired nonces kept; when full, requests are refused until some expire. 100 to 100000.",
            min = "100", max = "100000")
    int nonceCapacity() default 10_000;
}
