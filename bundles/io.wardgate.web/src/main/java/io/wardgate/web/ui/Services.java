package io.wardgate.web.ui;

import io.wardgate.api.pipeline.GatewayIdentity;
import io.wardgate.api.pipeline.Outbox;
import io.wardgate.api.pipeline.Uplink;
import io.wardgate.web.port.AuditLog;
import io.wardgate.web.port.DeviceRegistry;
import io.wardgate.web.port.LatestReadings;
import io.wardgate.web.port.TrustAnchors;
import java.util.Optional;

/** The other bundles' services as the pages see them: each may be absent at any moment. */
public interface Services {
    Optional<Uplink> uplink();

    Optional<Outbox> outbox();

    Optional<GatewayIdentity> identity();

    Optional<DeviceRegistry> devices();

    Optional<LatestReadings> readings();

    Optional<AuditLog> auditLog();

    Optional<TrustAnchors> trustAnchors();

    Optional<io.wardgate.web.port.CertificateRequests> certificateRequests();

    Optional<io.wardgate.web.port.IdentityInstall> identityInstall();

    /** Device alarms and status flags per device (today from device events; see the port). */
    Optional<io.wardgate.web.port.DeviceAlarms> deviceAlarms();

    /** The protocol each configured serial port speaks, by its path (the address of its devices). */
    java.util.Map<String, String> serialProtocols();

    /** Configured components that do not run, with the reason in plain words (component, pid, state, reason). */
    java.util.List<java.util.Map<String, Object>> componentProblems();

    /** Other bundles' alarms (update integrity, audit export, ...), by section name. */
    java.util.Map<String, java.util.List<String>> statusAlarms();

    /** The name shown in the header of every page (configuration attribute siteName). */
    String siteName();
}
