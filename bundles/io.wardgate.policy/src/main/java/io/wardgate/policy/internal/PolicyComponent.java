package io.wardgate.policy.internal;

import io.wardgate.api.DeviceAlarms;
import io.wardgate.api.DeviceEvent;
import io.wardgate.api.DeviceReadings;
import io.wardgate.api.DeviceSighting;
import io.wardgate.api.pipeline.Admission;
import io.wardgate.api.pipeline.AuditTrail;
import io.wardgate.api.pipeline.DevicePolicy;
import io.wardgate.api.pipeline.ReadingIntake;
import io.wardgate.api.pipeline.Sealer;
import io.wardgate.policy.api.Allowlist;
import io.wardgate.policy.api.AllowlistDocument;
import io.wardgate.policy.api.AllowlistEntry;
import io.wardgate.policy.api.AllowlistException;
import io.wardgate.policy.api.PendingDevice;
import io.wardgate.policy.api.PolicyStatus;
import io.wardgate.policy.api.ReadingObserver;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The policy as an OSGi service: the pipeline's device policy and reading intake, and the
 * allowlist service for the web UI and remote management. Approvals write the configuration,
 * whose update comes back through {@link #modified} and is recognised as already applied.
 */
@Component(configurationPid = PolicyComponent.PID, service = {DevicePolicy.class, ReadingIntake.class,
        Allowlist.class})
@Designate(ocd = PolicyConfig.class)
public final class PolicyComponent implements DevicePolicy, ReadingIntake, Allowlist {
    static final String PID = "io.wardgate.policy.Allowlist";
    static final String ALLOWLIST = "allowlist";

    private final PolicyEngine engine;

    @Activate
    public PolicyComponent(@Reference(name = "audit") AuditTrail audit, @Reference(name = "sealer") Sealer sealer,
            @Reference(name = "configurationAdmin") ConfigurationAdmin configurationAdmin, PolicyConfig config) {
        engine = new PolicyEngine(settings(config), config.allowlist(), audit, sealer,
                new ConfigAdminStore(configurationAdmin), Clock.systemUTC(), System::nanoTime, task -> {
                    Thread thread = new Thread(task, "wardgate-policy-handoff");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** Whiteboard of {@link ReadingObserver}s, optional and dynamic: they come and go without restarting the policy. */
    @Reference(name = "observer", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeObserver")
    void addObserver(ReadingObserver observer) {
        engine.addObserver(observer);
    }

    void removeObserver(ReadingObserver observer) {
        engine.removeObserver(observer);
    }

    /** The time bundle's device-clock comparison, when it runs (optional: without it nothing is flagged). */
    @Reference(name = "deviceClocks", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeDeviceClocks")
    void addDeviceClocks(io.wardgate.api.time.DeviceClocks clocks) {
        engine.useDeviceClocks(clocks);
    }

    void removeDeviceClocks(io.wardgate.api.time.DeviceClocks clocks) {
        engine.useDeviceClocks(null);
    }

    /** Whiteboard of {@link io.wardgate.policy.api.DeviceEventObserver}s, like the reading observers. */
    @Reference(name = "eventObserver", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeEventObserver")
    void addEventObserver(io.wardgate.policy.api.DeviceEventObserver observer) {
        engine.addEventObserver(observer);
    }

    void removeEventObserver(io.wardgate.policy.api.DeviceEventObserver observer) {
        engine.removeEventObserver(observer);
    }

    @Modified
    void modified(PolicyConfig config) {
        engine.configure(settings(config), config.allowlist());
    }

    @Deactivate
    void deactivate() {
        engine.close();
    }

    private static PolicySettings settings(PolicyConfig config) {
        return new PolicySettings(config.pendingMax(), Duration.ofMinutes(config.pendingExpiryMinutes()),
                Duration.ofSeconds(config.auditIntervalSeconds()), config.queueBatches());
    }

    @Override
    public Admission admit(DeviceSighting sighting) {
        return engine.admit(sighting);
    }

    @Override
    public void submit(DeviceReadings readings) {
        engine.submit(readings);
    }

    @Override
    public void report(DeviceEvent event) {
        engine.report(event);
    }

    @Override
    public void raise(DeviceAlarms alarms) {
        engine.raise(alarms);
    }

    @Override
    public AllowlistDocument current() {
        return engine.current();
    }

    @Override
    public List<PendingDevice> pending() {
        return engine.pending();
    }

    @Override
    public AllowlistEntry approve(String deviceId, String group, String actor) throws AllowlistException {
        return engine.approve(deviceId, group, actor);
    }

    @Override
    public void reject(String deviceId, String reason, String actor) throws AllowlistException {
        engine.reject(deviceId, reason, actor);
    }

    @Override
    public void revoke(String deviceId, String reason, String actor) throws AllowlistException {
        engine.revoke(deviceId, reason, actor);
    }

    @Override
    public void reallow(String deviceId, String actor) throws AllowlistException {
        engine.reallow(deviceId, actor);
    }

    @Override
    public void putGroup(io.wardgate.policy.api.DeviceGroup group, String actor) throws AllowlistException {
        engine.putGroup(group, actor);
    }

    @Override
    public String exportJson() {
        return engine.exportJson();
    }

    @Override
    public void importJson(String json, String actor) throws AllowlistException {
        engine.importJson(json, actor);
    }

    @Override
    public PolicyStatus status() {
        return engine.status();
    }
}
