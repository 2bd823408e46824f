package io.wardgate.web.port;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The allowlist as the web UI sees it. Implemented by an adapter over the policy bundle's
 * allowlist API. Methods return quickly; a change is durable when the method returns.
 * Unknown ids or groups are refused with {@link IllegalArgumentException} (the message is shown
 * to the user, so it carries no secret). The registry audits each change it makes (the policy's
 * allowlist does, with the actor given as {@code by}); the UI audits only what it refused, so
 * that one decision is one record.
 */
@ConsumerType
public interface DeviceRegistry {

    List<AllowlistEntry> allowed();

    /** Devices seen but not on the allowlist, held for approval (their data is dropped). */
    List<PendingDevice> pending();

    List<DeviceGroup> groups();

    /** Puts a pending device on the allowlist in a group. {@code by} is the actor, e.g. "user:alice". */
    void approve(String deviceId, String group, String by);

    /** Refuses a pending device with a reason people read: it stays denied until someone re-allows it. */
    void reject(String deviceId, String reason, String by);

    /** Takes a device off the allowlist, with the reason: its data is dropped from now on. */
    void revoke(String deviceId, String reason, String by);

    /** Rejected or revoked devices: who decided, when and why. */
    List<DeniedEntry> denied();

    /** Takes a device off the denied list: at its next sighting it is pending again. */
    void reallow(String deviceId, String by);

    /** Creates a group, or replaces the group of that name. */
    void putGroup(GroupRules rules, String by);
}
