package io.wardgate.api.pipeline;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Batches admitted readings per device, signs and encrypts each batch into an envelope, and
 * hands the envelope to the outbox. Returns quickly; sealing may happen on another thread.
 */
@ProviderType
public interface Sealer {

    void seal(AdmittedReadings readings);

    /**
     * Seals admitted alarm changes at once, in an envelope of their own that the outbox stores with
     * {@link Precedence#ALARM}. A sealer that predates typed alarms refuses them.
     */
    default void seal(AdmittedAlarms alarms) {
        throw new UnsupportedOperationException("this sealer does not seal alarms");
    }
}
