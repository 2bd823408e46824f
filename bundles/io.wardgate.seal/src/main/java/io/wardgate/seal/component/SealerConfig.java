package io.wardgate.seal.component;

import io.wardgate.seal.envelope.ContentAlgorithm;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = SealerComponent.PID, name = "WardGate sealer",
        description = "Batches readings per device, signs them (ES256) and encrypts them to the backend "
                + "(ECDH-ES + HKDF-256) before they are stored. Format: docs/envelope.md.")
public @interface SealerConfig {

    @AttributeDefinition(name = "Adaptive batching",
            description = "On (default): a device's readings are sealed as soon as the pipeline is free (at once "
                    + "when idle); while its previous envelope is being written to disk, they collect and go together. "
                    + "Off: only at the batch size or window below (the fixed window of earlier versions).")
    boolean batchAdaptive() default true;

    @AttributeDefinition(name = "Batch size", min = "1", max = "10000",
            description = "A device's batch is sealed at the latest when it holds this many readings (1 to 10000).")
    int batchMaxReadings() default 50;

    @AttributeDefinition(name = "Batch window (ms)", min = "10", max = "60000",
            description = "... or at the latest when its first reading has waited this long, in milliseconds "
                    + "(10 to 60000). With adaptive batching a bound that is reached only when the disk stalls.")
    long batchMaxMillis() default 1000;

    @AttributeDefinition(name = "Content encryption",
            description = "ChaCha20/Poly1305 (default; fast on a Raspberry Pi 4, which has no AES instructions) "
                    + "or AES-256-GCM.")
    ContentAlgorithm contentAlgorithm() default ContentAlgorithm.CHACHA20_POLY1305;

    @AttributeDefinition(name = "Backend key file",
            description = "PEM file with the backend's encryption certificate or public key (EC P-256). Empty: "
                    + "use the backend keys installed in the identity, by the route's key id.")
    String backendKeyFile() default "";

    @AttributeDefinition(name = "Backend key id",
            description = "The id of the key in the backend key file (1 to 64 letters, digits, '.', '_' or '-'); "
                    + "sent as the recipient kid so the backend picks its private key.")
    String backendKeyId() default "backend";

    @AttributeDefinition(name = "Data directory",
            description = "Directory (0700; relative to the data directory unless absolute) of the boot epoch counter, incremented and fsync'd at every start.")
    String dataDirectory() default "seal";

    @AttributeDefinition(name = "Pending readings limit", min = "1", max = "10000000",
            description = "Readings waiting to be sealed, across all devices (1 to 10000000). Beyond it new "
                    + "readings are dropped and counted, so a flood cannot exhaust memory.")
    int maxPendingReadings() default 100_000;
}
