package io.wardgate.check.internal;

import io.wardgate.check.CheckResult;
import io.wardgate.check.Installation;
import io.wardgate.check.Probe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** S21: the CycloneDX SBOM of what is installed is present and lists components. */
final class SbomProbe implements Probe {
    private static final long MAX_FILE = 32L << 20;
    private static final Pattern FORMAT = Pattern.compile("\"bomFormat\"\\s*:\\s*\"CycloneDX\"");
    private static final Pattern COMPONENT = Pattern.compile("\"bom-ref\"\\s*:");

    @Override
    public String id() {
        return "sbom";
    }

    @Override
    public CheckResult run(Installation installation) {
        try {
            if (!Files.isRegularFile(installation.sbom())) {
                return CheckResult.fail(id(), "S21", "no SBOM at " + installation.sbom());
            }
            if (Files.size(installation.sbom()) > MAX_FILE) {
                return CheckResult.fail(id(), "S21", "the SBOM is larger than 32 MB");
            }
            String text = Files.readString(installation.sbom(), StandardCharsets.UTF_8);
            if (!FORMAT.matcher(text).find()) {
                return CheckResult.fail(id(), "S21", installation.sbom() + " is not a CycloneDX document");
            }
            Matcher m = COMPONENT.matcher(text);
            int components = 0;
            while (m.find()) {
                components++;
            }
            return components == 0
                    ? CheckResult.fail(id(), "S21", "the SBOM lists no components")
                    : CheckResult.pass(id(), "S21", "CycloneDX SBOM with " + components + " entries at " + installation.sbom());
        } catch (IOException | RuntimeException e) {
            return CheckResult.fail(id(), "S21", "cannot read the SBOM: " + e.getClass().getSimpleName());
        }
    }
}
