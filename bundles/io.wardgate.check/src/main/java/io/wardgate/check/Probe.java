package io.wardgate.check;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One check. Bundles register their own probes as OSGi services (the audit trail registers
 * "audit-chain"); the self-check runs them after the built-in ones. A probe never throws for what it
 * finds: a finding is a FAIL result.
 */
@ConsumerType
public interface Probe {

    /** The id of the results this probe returns. */
    String id();

    CheckResult run(Installation installation);
}
