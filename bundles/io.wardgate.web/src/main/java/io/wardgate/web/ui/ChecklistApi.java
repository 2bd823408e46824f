package io.wardgate.web.ui;

import io.wardgate.api.pipeline.GatewayIdentity;
import io.wardgate.api.pipeline.UplinkStatus;
import io.wardgate.web.config.ConfigApi;
import io.wardgate.web.http.Call;
import io.wardgate.web.http.Reply;
import io.wardgate.web.port.DeviceRegistry;
import io.wardgate.web.port.TrustAnchors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The first-run checklist: each step of provisioning a gateway, checked against what is actually
 * configured and running (not ticked by hand), with where to do it.
 */
final class ChecklistApi {
    static final String UPLINK = "io.wardgate.uplink.Uplink";

    private final Services services;
    private final ConfigApi config;

    ChecklistApi(Services services, ConfigApi config) {
        this.services = services;
        this.config = config;
    }

    Reply checklist(Call call) throws IOException {
        List<Map<String, Object>> steps = new ArrayList<>();
        Map<String, List<String>> uplink = config.configured(UPLINK);
        boolean located = !uplink.getOrDefault("site", List.of()).isEmpty() && !uplink.getOrDefault("ward", List.of()).isEmpty();
        steps.add(step("site", "Site and ward", located,
                located ? "site " + uplink.get("site").get(0) + ", ward " + uplink.get("ward").get(0)
                        : "Set site and ward (topic levels such as st-marys and icu-3).", "/config.html#" + UPLINK));
        Optional<UplinkStatus> status = services.uplink().map(u -> u.status());
        boolean brokers = !uplink.getOrDefault("brokerUrls", List.of()).isEmpty();
        steps.add(step("uplink", "Uplink to the hospital broker", status.map(UplinkStatus::connected).orElse(false),
                status.isPresent() ? (status.get().connected() ? "connected to " + status.get().broker()
                        : "configured, not connected" + (status.get().lastError().isEmpty() ? "" : ": " + status.get().lastError()))
                        : brokers ? "configured; the uplink starts once the certificate and trust anchors are installed"
                                : "Set the broker URL (ssl://host:8883) and the broker CA file (trustAnchorsPath).", "/config.html#" + UPLINK));
        int anchors = services.trustAnchors().map(TrustAnchors::anchors).map(List::size).orElse(0);
        steps.add(step("anchors", "Trust anchors (hospital CA)", anchors > 0,
                anchors > 0 ? anchors + " CA certificate(s) installed" : "Install the hospital CA certificates the gateway certificate will chain to (before it).",
                "/security.html#install"));
        boolean certified = services.identity().map(i -> !i.certificateChain().isEmpty()).orElse(false);
        steps.add(step("certificate", "Gateway certificate", certified,
                certified ? "installed for " + services.identity().map(GatewayIdentity::gatewayId).orElse("")
                        : "Download the certificate request, have the hospital PKI sign it, install the signed chain.",
                "/security.html#install"));
        Optional<DeviceRegistry> registry = services.devices();
        int groups = registry.map(r -> r.groups().size()).orElse(0);
        steps.add(step("group", "A device group", groups > 0,
                groups > 0 ? groups + " group(s)" : "Create a group: which vital signs its devices may deliver.", "/devices.html#group-editor"));
        int ports = config.instances("io.wardgate.serial.Port");
        boolean ble = !config.configured("io.wardgate.ble.Bluetooth").isEmpty();
        steps.add(step("port", "The first serial port or Bluetooth", ports > 0 || ble,
                ports > 0 ? ports + " serial port(s)" + (ble ? " and Bluetooth" : "") : ble ? "Bluetooth configured"
                        : "Add a serial port per bed (Configuration, + WardGate serial port) or configure Bluetooth.",
                "/config.html"));
        int approved = registry.map(r -> r.allowed().size()).orElse(0);
        steps.add(step("device", "The first device approved", approved > 0,
                approved > 0 ? approved + " device(s) on the allowlist" : "Plug in a device; approve it when it appears.",
                "/devices.html"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("steps", steps);
        out.put("done", steps.stream().allMatch(s -> (Boolean) s.get("done")));
        return Reply.json(out);
    }

    private static Map<String, Object> step(String id, String title, boolean done, String detail, String link) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", id);
        s.put("title", title);
        s.put("done", done);
        s.put("detail", detail);
        s.put("link", link);
        return s;
    }
}
