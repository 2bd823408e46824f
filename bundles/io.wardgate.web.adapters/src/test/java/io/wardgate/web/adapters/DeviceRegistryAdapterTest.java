package io.wardgate.web.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.wardgate.api.pipeline.AuditEvent;
import io.wardgate.audit.api.AuditQuery;
import io.wardgate.policy.api.DeniedDevice;
import io.wardgate.web.port.AllowlistEntry;
import io.wardgate.web.port.DeviceGroup;
import io.wardgate.web.port.PendingDevice;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DeviceRegistry over the real policy engine: every field the port has comes through unchanged. */
class DeviceRegistryAdapterTest {
    @TempDir
    Path dir;
    RealPolicy policy;
    DeviceRegistryAdapter registry;

    @BeforeEach
    void open() throws IOException {
        policy = new RealPolicy(dir);
        registry = new DeviceRegistryAdapter(policy.engine);
    }

    @AfterEach
    void close() throws IOException {
        policy.close();
    }

    @Test
    void allowedEntriesKeepIdentityGroupAndWhoApprovedWhen() {
        assertThat(registry.allowed()).containsExactly(new AllowlistEntry(RealPolicy.MONITOR, "icu-monitors",
                Instant.parse("2026-03-01T09:00:00Z"), "user:setup"));
    }

    @Test
    void groupsCarryTheirNameAndRulesForPeople() {
        assertThat(registry.groups()).extracting(DeviceGroup::name).containsExactly("icu-monitors", "ward-ble");
        assertThat(registry.groups().get(0).description()).isEqualTo("metrics MDC_PULS_OXIM_PULS_RATE, MDC_PULS_OXIM_SAT_O2; MDC_PULS_OXIM_SAT_O2 plausible 50..100; "
                + "10 readings/s, burst 20; BLE bonding required; topic vitals; backend key backend-2026; priority 7");
        assertThat(registry.groups().get(0).metrics()).containsExactly(149530, 150456);
        assertThat(registry.groups().get(1).description()).contains("0.5 readings/s, burst 5",
                "BLE bonding not required", "priority 3");
    }

    @Test
    void anUnknownDeviceIsPendingWithWhatWasSeenAndWhen() {
        Instant before = Instant.now();
        policy.engine.submit(RealPolicy.spo2(RealPolicy.STRANGER, Instant.now(), 97));

        assertThat(registry.pending()).singleElement().satisfies(p -> {
            assertThat(p.identity()).isEqualTo(RealPolicy.STRANGER);
            assertThat(p.firstSeen()).isAfterOrEqualTo(before.minusSeconds(1));
            assertThat(p.lastSeen()).isAfterOrEqualTo(p.firstSeen());
            assertThat(p.reason()).isEqualTo(policy.engine.pending().get(0).reason()).isNotEmpty();
            // Enough to decide (issue #23): where it stands and what it sent.
            assertThat(p.location()).isEqualTo(RealPolicy.BED_12);
            assertThat(p.metrics()).containsExactly(150456);
        });
        assertThat(policy.sealed).isEmpty();
    }

    @Test
    void oneDecisionIsOneAuditRecord() {
        policy.engine.submit(RealPolicy.spo2(RealPolicy.STRANGER, Instant.now(), 97));
        registry.approve(RealPolicy.STRANGER.id(), "ward-ble", "user:alice");
        registry.revoke(RealPolicy.STRANGER.id(), "moved to another ward", "user:alice");
        registry.reallow(RealPolicy.STRANGER.id(), "user:alice");
        for (String action : new String[] {"DEVICE_APPROVED", "DEVICE_REVOKED", "DEVICE_REALLOWED"}) {
            assertThat(policy.trail.query(io.wardgate.audit.api.AuditQuery.latest(100).withAction(action)))
                    .as(action).singleElement().satisfies(r -> assertThat(r.actor()).isEqualTo("user:alice"));
        }
    }

    @Test
    void metricsDetailsThatDoNotParseAreLeftOut() {
        assertThat(DeviceRegistryAdapter.metrics("150456,x,,149530,1234567890")).containsExactly(150456, 149530);
        assertThat(DeviceRegistryAdapter.metrics("")).isEmpty();
    }

    @Test
    void approvingPutsThePendingDeviceOnTheAllowlistAndItsDataFlows() {
        policy.engine.submit(RealPolicy.spo2(RealPolicy.STRANGER, Instant.now(), 97));
        Instant before = Instant.now();

        registry.approve(RealPolicy.STRANGER.id(), "ward-ble", "user:alice");

        assertThat(registry.pending()).isEmpty();
        assertThat(registry.allowed()).filteredOn(e -> e.identity().equals(RealPolicy.STRANGER)).singleElement()
                .satisfies(e -> {
                    assertThat(e.group()).isEqualTo("ward-ble");
                    assertThat(e.approvedBy()).isEqualTo("user:alice");
                    assertThat(e.approvedAt()).isAfterOrEqualTo(before.minusSeconds(1));
                });
        policy.engine.submit(RealPolicy.spo2(RealPolicy.STRANGER, Instant.now(), 96));
        await().atMost(Duration.ofSeconds(10)).until(() -> policy.sealed.stream()
                .anyMatch(a -> a.readings().device().equals(RealPolicy.STRANGER)));
        assertThat(policy.trail.query(AuditQuery.latest(100).withActor("user:alice"))).isNotEmpty();
    }

    @Test
    void refusalsBecomeIllegalArgumentWithThePolicysReason() {
        policy.engine.submit(RealPolicy.spo2(RealPolicy.STRANGER, Instant.now(), 97));

        assertThatThrownBy(() -> registry.approve(RealPolicy.STRANGER.id(), "no-such-group", "user:alice"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-such-group");
        assertThatThrownBy(() -> registry.approve("serial:/dev/none", "ward-ble", "user:alice"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> registry.revoke("serial:/dev/none", "", "user:alice"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(registry.pending()).extracting(PendingDevice::identity).containsExactly(RealPolicy.STRANGER);
    }

    @Test
    void rejectingDeniesThePendingDeviceByWhomAndWhy() {
        policy.engine.submit(RealPolicy.spo2(RealPolicy.STRANGER, Instant.now(), 97));

        registry.reject(RealPolicy.STRANGER.id(), "not a ward device", "user:bob");

        assertThat(registry.pending()).isEmpty();
        assertThat(policy.engine.current().denied()).singleElement().satisfies((DeniedDevice d) -> {
            assertThat(d.identity()).isEqualTo(RealPolicy.STRANGER);
            assertThat(d.by()).isEqualTo("user:bob");
            assertThat(d.reason()).isEqualTo(DeviceRegistryAdapter.REJECT_REASON + ": not a ward device");
        });
        assertThat(registry.denied()).singleElement().satisfies(d -> assertThat(d.reason()).endsWith("not a ward device"));
    }

    @Test
    void aDeniedDeviceCanBeReallowedAndIsPendingAgainAtItsNextSighting() {
        policy.engine.submit(RealPolicy.spo2(RealPolicy.STRANGER, Instant.now(), 97));
        registry.reject(RealPolicy.STRANGER.id(), "", "user:bob");
        policy.engine.submit(RealPolicy.spo2(RealPolicy.STRANGER, Instant.now(), 97));
        assertThat(registry.pending()).as("denied: not pending").isEmpty();

        registry.reallow(RealPolicy.STRANGER.id(), "user:alice");

        assertThat(registry.denied()).isEmpty();
        policy.engine.submit(RealPolicy.spo2(RealPolicy.STRANGER, Instant.now(), 97));
        assertThat(registry.pending()).extracting(PendingDevice::identity).containsExactly(RealPolicy.STRANGER);
        assertThat(policy.trail.query(AuditQuery.latest(100).withActor("user:alice")))
                .anyMatch(r -> r.event().action().equals("DEVICE_REALLOWED"));
        assertThatThrownBy(() -> registry.reallow("serial:/dev/none", "user:alice"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no denied device");
    }

    @Test
    void aGroupCreatedInTheEditorIsOneADeviceCanBeApprovedInto() {
        registry.putGroup(new io.wardgate.web.port.GroupRules("night-ward", java.util.List.of(150456, 149530), 2, 10,
                false, "vitals", "backend-2026", 5), "user:alice");
        assertThat(registry.groups()).extracting(DeviceGroup::name).contains("night-ward");
        policy.engine.submit(RealPolicy.spo2(RealPolicy.STRANGER, Instant.now(), 97));
        registry.approve(RealPolicy.STRANGER.id(), "night-ward", "user:alice");
        assertThat(registry.allowed()).anyMatch(e -> e.group().equals("night-ward"));
        assertThatThrownBy(() -> registry.putGroup(new io.wardgate.web.port.GroupRules("bad name", java.util.List.of(150456),
                2, 10, false, "vitals", "backend-2026", 5), "user:alice")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name");
    }

    @Test
    void revokingStopsTheDevicesData() {
        registry.revoke(RealPolicy.MONITOR.id(), "", "user:carol");

        assertThat(registry.allowed()).isEmpty();
        assertThat(policy.engine.current().denied()).singleElement().satisfies(d -> {
            assertThat(d.by()).isEqualTo("user:carol");
            assertThat(d.reason()).isEqualTo(DeviceRegistryAdapter.REVOKE_REASON);
        });
        policy.engine.submit(RealPolicy.spo2(RealPolicy.MONITOR, Instant.now(), 97));
        assertThat(policy.engine.status().readingsRefused()).isEqualTo(1);
        assertThat(policy.trail.query(AuditQuery.latest(100).withActor("user:carol")))
                .extracting(r -> r.event().outcome()).contains(AuditEvent.Outcome.SUCCESS);
    }
}
