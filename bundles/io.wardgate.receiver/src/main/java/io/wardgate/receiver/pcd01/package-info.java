/**
 * IHE PCD-01 out: {@link io.wardgate.receiver.pcd01.Pcd01Messages} turns an opened envelope into an
 * HL7 v2.6 ORU^R01 (HAPI), {@link io.wardgate.receiver.pcd01.Pcd01Sink} queues it durably, and
 * {@link io.wardgate.receiver.pcd01.MllpDelivery} sends it to the integration engine over MLLP
 * (optionally TLS), reading the ACK.
 */
@Export
@Version("1.0.0")
package io.wardgate.receiver.pcd01;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
