package io.wardgate.update;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = UpdateComponent.PID, name = "WardGate signed updates",
        description = "Signed update packages and the integrity check at start (docs/operations.md, Signed updates).")
public @interface UpdateConfiguration {

    @AttributeDefinition(name = "Trusted release keys",
            description = "PEM file of the release certificates or EC P-256 public keys whose signed packages this gateway installs. Relative to the data directory. Without it every package is refused.")
    String trustedKeysPath() default "update/release-keys.pem";

    @AttributeDefinition(name = "State directory",
            description = "Installed-state and integrity records, the staging inbox and the install backup. Relative to the data directory.")
    String stateDirectory() default "update";

    @AttributeDefinition(name = "Package name",
            description = "The DeploymentPackage-SymbolicName accepted; any other package is refused.")
    String packageName() default "io.wardgate.appliance";

    @AttributeDefinition(name = "Largest package (bytes)", description = "1 MiB to 256 MiB.", min = "1048576",
            max = "268435456")
    long maxPackageBytes() default 64L * 1024 * 1024;

    @AttributeDefinition(name = "Largest bundle (bytes)", description = "Uncompressed. 64 KiB to 128 MiB.",
            min = "65536", max = "134217728")
    long maxBundleBytes() default 32L * 1024 * 1024;

    @AttributeDefinition(name = "Most bundles in a package", description = "1 to 200.", min = "1", max = "200")
    int maxBundles() default 100;

    @AttributeDefinition(name = "Settle time (ms)",
            description = "After starting the new bundles, how long to watch for a failed component activation before declaring success. 0 to 60000.",
            min = "0", max = "60000")
    int settleMillis() default 2000;
}
