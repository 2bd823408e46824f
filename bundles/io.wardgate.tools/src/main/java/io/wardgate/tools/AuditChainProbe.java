package io.wardgate.tools;

import io.wardgate.audit.VerifyCommand;
import io.wardgate.audit.api.Verification;
import io.wardgate.check.CheckResult;
import io.wardgate.check.Installation;
import io.wardgate.check.Probe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * S17 from the command line: verifies the hash chain of {@code DATA/audit} (the audit trail's
 * default directory) read-only, as the audit bundle does inside the gateway.
 */
final class AuditChainProbe implements Probe {
    @Override
    public String id() {
        return "audit-chain";
    }

    @Override
    public CheckResult run(Installation installation) {
        Path directory = installation.data().resolve("audit");
        if (!Files.isDirectory(directory)) {
            return CheckResult.skipped(id(), "S17", "no audit trail at " + directory + " (not started yet?)");
        }
        try {
            Verification result = VerifyCommand.verify(directory);
            if (result.intact()) {
                return CheckResult.pass(id(), "S17", result.records() + " records, hash chain intact (segments "
                        + result.firstSegment() + ".." + result.lastSegment() + ")");
            }
            return CheckResult.fail(id(), "S17", "hash chain broken at " + result.brokenLink() + " after "
                    + result.records() + " intact records");
        } catch (IOException e) {
            return CheckResult.fail(id(), "S17", "cannot read " + directory + ": " + e.getMessage());
        }
    }
}
