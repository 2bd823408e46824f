package io.wardgate.check.internal;

import io.wardgate.check.CheckResult;
import io.wardgate.check.Installation;
import io.wardgate.check.Probe;
import java.util.List;

/** The checks every installation gets, in report order. */
public final class BuiltInProbes {
    private BuiltInProbes() {
    }

    public static List<Probe> all() {
        return List.of(new PermissionsProbe(), new ListeningSocketsProbe(), new TlsSettingsProbe(),
                new CertificatesProbe(), new DefaultCredentialsProbe(), new FirewallProbe(), new SbomProbe(),
                new KeyStorageProbe());
    }

    /** Stands in for the audit trail's probe when no audit bundle contributes one. */
    public static Probe auditChainAbsent() {
        return new Probe() {
            @Override
            public String id() {
                return "audit-chain";
            }

            @Override
            public CheckResult run(Installation installation) {
                return CheckResult.skipped(id(), "S17", "no audit trail in this runtime to verify the hash chain");
            }
        };
    }
}
