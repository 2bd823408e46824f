package io.wardgate.policy.api;

import io.wardgate.api.pipeline.AdmittedReadings;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard: a service of this type sees every batch the policy admitted, right after the batch
 * was queued for the sealer (after plausibility flags, metric filter and rate limit). It is called on
 * the submitting source's thread, so it must return at once: no I/O, no blocking, no waiting on
 * locks held for long. Whatever it throws is caught and logged by the policy; the readings go on to
 * the sealer either way. Readings are patient data: keep them in memory only, never log them.
 */
@ConsumerType
public interface ReadingObserver {

    void admitted(AdmittedReadings readings);
}
