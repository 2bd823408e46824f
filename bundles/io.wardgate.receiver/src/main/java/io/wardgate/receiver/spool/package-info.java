/**
 * Store and forward for the receiver's outputs to other systems (an integration engine over MLLP, a
 * FHIR server): a {@link io.wardgate.receiver.spool.Spool} keeps each message durably until its
 * destination confirms it, a {@link io.wardgate.receiver.spool.SpoolSender} delivers in order with
 * retries, and a {@link io.wardgate.receiver.spool.Delivery} speaks the destination's protocol.
 */
@Export
@Version("1.0.0")
package io.wardgate.receiver.spool;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
