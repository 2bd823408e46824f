package io.wardgate.ble;

import io.wardgate.api.DeviceSighting;
import io.wardgate.api.pipeline.Admission;
import io.wardgate.api.pipeline.DevicePolicy;
import io.wardgate.api.pipeline.Route;
import io.wardgate.api.pipeline.Verdict;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A stand-in for the allowlist (the real policy is another bundle): verdicts by address, pending by default. */
final class TestPolicy implements DevicePolicy {
    private static final Route ROUTE = new Route("ward-ble", "vitals", "backend-1", 5);

    private final Map<String, Verdict> verdicts = new ConcurrentHashMap<>();
    final List<DeviceSighting> sightings = new CopyOnWriteArrayList<>();

    TestPolicy set(String address, Verdict verdict) {
        verdicts.put(address, verdict);
        return this;
    }

    @Override
    public Admission admit(DeviceSighting sighting) {
        sightings.add(sighting);
        return switch (verdicts.getOrDefault(sighting.identity().address(), Verdict.PENDING)) {
            case ALLOWED -> Admission.allowed(ROUTE, "on the test allowlist");
            case DENIED -> Admission.denied("denied by the test");
            case PENDING -> Admission.pending("unknown to the test");
        };
    }

    List<DeviceSighting> sightingsOf(String address) {
        return sightings.stream().filter(s -> s.identity().address().equals(address)).toList();
    }
}
