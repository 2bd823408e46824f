package io.wardgate.update;

import java.nio.file.Path;
import java.util.List;
import org.osgi.framework.Version;

/**
 * A deployment package whose signature, entries and bundles were checked; its bundles copied out.
 *
 * @param symbolicName DeploymentPackage-SymbolicName
 * @param version DeploymentPackage-Version
 * @param signer the trusted name of the release key that signed every entry
 * @param bundles the bundles in package order
 */
record VerifiedPackage(String symbolicName, Version version, String signer, List<Bundle> bundles) {

    /**
     * @param file the bundle's bytes, copied out of the package into the work directory
     * @param sha256 hex SHA-256 of those bytes
     */
    record Bundle(String symbolicName, Version version, boolean fragment, Path file, String sha256) {
        String label() {
            return symbolicName + " " + version;
        }
    }

    VerifiedPackage {
        bundles = List.copyOf(bundles);
    }

    List<String> labels() {
        return bundles.stream().map(Bundle::label).toList();
    }
}
