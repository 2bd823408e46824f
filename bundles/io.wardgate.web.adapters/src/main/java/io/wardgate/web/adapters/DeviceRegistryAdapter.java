package io.wardgate.web.adapters;

import io.wardgate.policy.api.Allowlist;
import io.wardgate.policy.api.AllowlistException;
import io.wardgate.policy.api.DeviceGroup;
import io.wardgate.policy.api.MetricRange;
import io.wardgate.web.port.AllowlistEntry;
import io.wardgate.web.port.DeniedEntry;
import io.wardgate.web.port.DeviceRegistry;
import io.wardgate.web.port.GroupRules;
import io.wardgate.web.port.PendingDevice;
import java.util.List;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The web UI's DeviceRegistry over the policy's Allowlist. Records are mapped field by field; the
 * BLE address type and services of an entry, which the port has no field for, stay in the policy
 * (export the allowlist JSON to see them). A refusal by the policy becomes the
 * IllegalArgumentException the port promises, with the policy's own message (it names the bad item,
 * never a secret).
 */
@Component(service = DeviceRegistry.class)
public final class DeviceRegistryAdapter implements DeviceRegistry {
    static final String REJECT_REASON = "rejected in the admin UI";
    static final String REVOKE_REASON = "revoked in the admin UI";

    private final Allowlist allowlist;

    @Activate
    public DeviceRegistryAdapter(@Reference(name = "allowlist") Allowlist allowlist) {
        this.allowlist = allowlist;
    }

    @Override
    public List<AllowlistEntry> allowed() {
        return allowlist.current().entries().stream()
                .map(e -> new AllowlistEntry(e.identity(), e.group(), e.approvedAt(), e.approvedBy())).toList();
    }

    @Override
    public List<PendingDevice> pending() {
        return allowlist.pending().stream()
                .map(p -> new PendingDevice(p.sighting().identity(), p.firstSeen(), p.lastSeen(), p.reason(),
                        p.sighting().location(), metrics(p.sighting().detail(
                                io.wardgate.policy.api.PendingDevice.METRICS, "")))).toList();
    }

    /** The pending device's metrics detail ("150456,149530") as codes; what does not parse is left out. */
    static List<Integer> metrics(String detail) {
        List<Integer> out = new java.util.ArrayList<>();
        for (String part : detail.split(",")) {
            if (part.matches("[0-9]{1,9}")) {
                out.add(Integer.valueOf(part));
            }
        }
        return out;
    }

    @Override
    public List<io.wardgate.web.port.DeviceGroup> groups() {
        return allowlist.current().groups().stream()
                .map(g -> new io.wardgate.web.port.DeviceGroup(g.name(), describe(g),
                        g.metrics().stream().sorted().toList())).toList();
    }

    /** The group's rules in one line for people, e.g. "metrics 150456; 10/s, burst 10; bonding required; ...". */
    static String describe(DeviceGroup g) {
        StringBuilder out = new StringBuilder("metrics ");
        out.append(g.metrics().stream().sorted().map(DeviceRegistryAdapter::metricName).collect(Collectors.joining(", ")));
        for (MetricRange range : g.ranges().stream().sorted((a, b) -> Integer.compare(a.mdcCode(), b.mdcCode()))
                .toList()) {
            out.append("; ").append(metricName(range.mdcCode())).append(" plausible ").append(range.min().toPlainString())
                    .append("..").append(range.max().toPlainString());
        }
        out.append("; ").append(number(g.maxReadingsPerSecond())).append(" readings/s, burst ").append(g.burst());
        out.append(g.bondingRequired() ? "; BLE bonding required" : "; BLE bonding not required");
        out.append("; topic ").append(g.topicSuffix()).append("; backend key ").append(g.backendKeyId());
        out.append("; priority ").append(g.priority());
        return out.toString();
    }

    /** The metric as people read it (its IEEE 11073 reference id), the MDC code when it is not in the table. */
    static String metricName(int mdcCode) {
        return io.wardgate.api.VitalSign.byMdcCode(mdcCode).map(v -> v.metric().referenceId()).orElse(String.valueOf(mdcCode));
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    @Override
    public void approve(String deviceId, String group, String by) {
        try {
            allowlist.approve(deviceId, group, by);
        } catch (AllowlistException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public void reject(String deviceId, String reason, String by) {
        try {
            allowlist.reject(deviceId, reason(reason, REJECT_REASON), by);
        } catch (AllowlistException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public void revoke(String deviceId, String reason, String by) {
        try {
            allowlist.revoke(deviceId, reason(reason, REVOKE_REASON), by);
        } catch (AllowlistException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public List<DeniedEntry> denied() {
        return allowlist.current().denied().stream()
                .map(d -> new DeniedEntry(d.identity(), d.by(), d.at(), d.reason())).toList();
    }

    @Override
    public void reallow(String deviceId, String by) {
        try {
            allowlist.reallow(deviceId, by);
        } catch (AllowlistException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public void putGroup(GroupRules rules, String by) {
        DeviceGroup group;
        try {
            group = new DeviceGroup(rules.name(), new java.util.TreeSet<>(rules.metrics()), List.of(),
                    rules.maxReadingsPerSecond(), rules.burst(), rules.bondingRequired(), rules.topicSuffix(),
                    rules.backendKeyId(), rules.priority());
            allowlist.putGroup(group, by);
        } catch (AllowlistException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The person's reason, with where it was given; the fixed text when none was given. */
    static String reason(String given, String fallback) {
        String clean = given == null ? "" : given.strip().replaceAll("[^\\x20-\\x7E]", "?");
        if (clean.isEmpty()) {
            return fallback;
        }
        String text = fallback + ": " + clean;
        return text.length() > 256 ? text.substring(0, 256) : text;
    }
}
