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
            description = "Where the nonce store (used nonces until their request expires) and upload staging are kept; relative to the data directory (wardgate.data) unless absolute.")
    String stateDirectory() default "manage";

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

    @AttributeDefinition(name = "Largest upload (bytes)",
            description = "Largest file IT may upload in chunks for one request (e.g. an update package). 1048576 to 1073741824.",
            min = "1048576", max = "1073741824")
    long maxUploadBytes() default 64L * 1024 * 1024;

    @AttributeDefinition(name = "Concurrent uploads", description = "Uploads staged at once. 1 to 8.", min = "1",
            max = "8")
    int maxConcurrentUploads() default 2;

    @AttributeDefinition(name = "Upload lifetime (min)",
            description = "A staged upload not used by a request within this time is deleted. 1 to 1440.", min = "1",
            max = "1440")
    int uploadMaxAgeMinutes() default 30;
}
