package io.wardgate.web.config;

import io.wardgate.api.config.ChangeResult;
import io.wardgate.api.config.ComponentProblem;
import io.wardgate.api.config.ConfigurationChanges;
import io.wardgate.api.pipeline.AuditEvent.Outcome;
import io.wardgate.web.auth.Audit;
import io.wardgate.web.auth.Role;
import io.wardgate.web.http.Call;
import io.wardgate.web.http.Reply;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.osgi.service.cm.Configuration;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * Reads the configuration forms, and saves them through the gateway's {@link ConfigurationChanges}
 * service, the same validation, wait-for-activation and rollback as the management channel's
 * config.put: "Saved" means the components run with the new settings; otherwise the form says
 * why in plain words and the previous settings are back. Field names are "a." + attribute id; an
 * empty password field keeps the stored password; an empty field of a setting with a default
 * removes the value, so that the default applies. A new factory instance is named by the user.
 */
public final class ConfigApi {
    public static final String FIELD_PREFIX = "a.";
    static final Pattern INSTANCE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    private final Supplier<Optional<ConfigForms>> forms;
    private final Supplier<Optional<ConfigurationChanges>> changes;
    private final Audit audit;

    public ConfigApi(Supplier<Optional<ConfigForms>> forms, Supplier<Optional<ConfigurationChanges>> changes, Audit audit) {
        this.forms = forms;
        this.changes = changes;
        this.audit = audit;
    }

    public Reply read(Call call) throws IOException {
        Optional<ConfigForms> f = forms.get();
        if (f.isEmpty()) {
            return Reply.json(Map.of("available", false));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("available", true);
        out.put("applyAvailable", changes.get().isPresent());
        out.put("forms", f.get().forms());
        out.put("problems", problems());
        return Reply.json(out);
    }

    /** A configuration's non-secret values as text, empty when it does not exist (for the first-run checklist). */
    public Map<String, List<String>> configured(String pid) throws IOException {
        Optional<ConfigForms> f = forms.get();
        Optional<Configuration> c = f.isEmpty() ? Optional.empty() : f.get().find(pid);
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (c.isPresent() && c.get().getProperties() != null) {
            for (String key : java.util.Collections.list(c.get().getProperties().keys())) {
                if (!key.toLowerCase(java.util.Locale.ROOT).contains("password")) {
                    out.put(key, ConfigForms.asStrings(c.get().getProperties().get(key)));
                }
            }
        }
        return out;
    }

    /** Each configured serial port's protocol by its path (the address its devices have). */
    public Map<String, String> serialProtocols() throws IOException {
        Optional<ConfigForms> f = forms.get();
        Map<String, String> out = new LinkedHashMap<>();
        if (f.isPresent()) {
            for (Configuration c : f.get().instancesOf(DriverChoices.SERIAL_PORT_PID)) {
                java.util.Dictionary<String, Object> p = c.getProperties();
                if (p != null && p.get("path") != null && p.get(DriverChoices.PROTOCOL) != null) {
                    out.put(String.valueOf(p.get("path")), String.valueOf(p.get(DriverChoices.PROTOCOL)));
                }
            }
        }
        return out;
    }

    /** How many instances of a factory PID exist. */
    public int instances(String factoryPid) throws IOException {
        Optional<ConfigForms> f = forms.get();
        return f.isEmpty() ? 0 : f.get().instances(factoryPid);
    }

    /** Components that are configured but do not run, with why (also on the dashboard). */
    public List<Map<String, Object>> problems() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ComponentProblem p : changes.get().map(ConfigurationChanges::problems).orElse(List.of())) {
            out.add(Map.of("component", p.component(), "pid", p.pid(), "state", p.state(), "reason", p.reason()));
        }
        return out;
    }

    public Reply write(Call call) throws IOException {
        Optional<ConfigForms> f = forms.get();
        Optional<ConfigurationChanges> applier = changes.get();
        if (f.isEmpty() || applier.isEmpty()) {
            return Reply.error(503, "The configuration service (bundle io.wardgate.manage) is not running: nothing was saved");
        }
        Optional<String> pid = call.field("pid").filter(p -> !p.isEmpty());
        Optional<String> factoryPid = call.field("factoryPid").filter(p -> !p.isEmpty());
        Map<String, ConfigForms.Known> known = f.get().known();
        String target;
        ConfigForms.Known form;
        Optional<Configuration> existing = Optional.empty();
        if (pid.isPresent()) {
            existing = f.get().find(pid.get());
            String described = existing.map(Configuration::getFactoryPid).orElse(pid.get());
            form = known.get(described);
            if (form == null || (form.factory() && existing.isEmpty())) {
                return Reply.error(404, "No configuration form for that PID");
            }
            target = pid.get();
        } else if (factoryPid.isPresent() && known.containsKey(factoryPid.get()) && known.get(factoryPid.get()).factory()) {
            form = known.get(factoryPid.get());
            String name = call.field("instanceName").orElse("").strip();
            if (!INSTANCE_NAME.matcher(name).matches()) {
                return Reply.json(400, Map.of("error", "Give the new instance a name", "fields",
                        Map.of("instanceName", "1 to 40 of a-z, 0-9 and '-', starting with a letter or digit, e.g. bed-12")));
            }
            target = factoryPid.get() + "~" + name;
            if (f.get().find(target).isPresent()) {
                return Reply.json(400, Map.of("error", "That name is taken", "fields",
                        Map.of("instanceName", "an instance of this name exists")));
            }
        } else {
            return Reply.error(400, "Name a pid or a factoryPid");
        }
        if (form.adminOnly() && call.session().role() != Role.ADMINISTRATOR) {
            audit.record(call.actor(), "CONFIG_CHANGE_DENIED", form.pid(), Outcome.DENIED, "administrators only");
            return Reply.error(403, "Only administrators change security-relevant settings (audit, TLS, trust, keys, "
                    + "management, update, this console)");
        }
        Map<String, Object> values = values(form.ocd(), call, existing.isPresent());
        Optional<String> noDriver = unknownDriver(f.get().drivers(), form.pid(), values, existing);
        if (noDriver.isPresent()) {
            return Reply.json(400, Map.of("error", "Some values are not valid: nothing was saved", "fields",
                    Map.of(DriverChoices.PROTOCOL, noDriver.get())));
        }
        ChangeResult result = applier.get().apply(call.actor(), Map.of(target, values));
        return switch (result.status()) {
            case APPLIED -> Reply.json(Map.of("ok", true, "pid", target, "notices", result.notices()));
            case REFUSED -> {
                Map<String, String> fields = new LinkedHashMap<>();
                List<String> general = new ArrayList<>();
                result.problems().values().forEach(byKey -> byKey.forEach((key, problem) -> {
                    if (key.equals("*")) {
                        general.add(problem);
                    } else {
                        fields.put(key, problem);
                    }
                }));
                yield Reply.json(400, Map.of("error", general.isEmpty() ? "Some values are not valid: nothing was saved"
                        : "Not saved: " + String.join("; ", general), "fields", fields));
            }
            case ROLLED_BACK -> Reply.json(409, Map.of("error", "Not saved, the previous settings are back: "
                    + result.failure(), "rolledBack", true));
        };
    }

    /**
     * A protocol must name an installed driver; a stored name whose driver is gone may stay (the
     * port waits for it), so that other settings of such a port can still be changed.
     */
    static Optional<String> unknownDriver(DriverChoices drivers, String formPid, Map<String, Object> values,
            Optional<Configuration> existing) {
        Optional<List<String>> choices = drivers.choices(formPid, DriverChoices.PROTOCOL);
        if (choices.isEmpty() || !values.containsKey(DriverChoices.PROTOCOL) || values.get(DriverChoices.PROTOCOL) == null) {
            return Optional.empty();
        }
        String chosen = String.valueOf(values.get(DriverChoices.PROTOCOL)).strip();
        Object stored = existing.map(Configuration::getProperties).map(p -> p.get(DriverChoices.PROTOCOL)).orElse(null);
        if (choices.get().contains(chosen) || chosen.equals(stored)) {
            return Optional.empty();
        }
        return Optional.of(choices.get().isEmpty() ? "no driver is installed for this kind of source"
                : "choose an installed driver: " + String.join(", ", choices.get()));
    }

    /** Deletes a named factory instance (e.g. a serial port), with the same rights as changing it. */
    public Reply delete(Call call) throws IOException {
        Optional<ConfigForms> f = forms.get();
        Optional<ConfigurationChanges> applier = changes.get();
        if (f.isEmpty() || applier.isEmpty()) {
            return Reply.error(503, "The configuration service (bundle io.wardgate.manage) is not running");
        }
        String pid = call.required("pid");
        Optional<Configuration> existing = f.get().find(pid);
        if (existing.isEmpty() || existing.get().getFactoryPid() == null
                || !f.get().known().containsKey(existing.get().getFactoryPid())) {
            return Reply.error(404, "Only an existing instance of a factory (such as a serial port) can be deleted");
        }
        if (ConfigForms.adminOnly(existing.get().getFactoryPid()) && call.session().role() != Role.ADMINISTRATOR) {
            audit.record(call.actor(), "CONFIG_CHANGE_DENIED", pid, Outcome.DENIED, "administrators only");
            return Reply.error(403, "Only administrators change security-relevant settings");
        }
        ChangeResult result = applier.get().delete(call.actor(), pid);
        return result.ok() ? Reply.json(Map.of("ok", true, "notices", result.notices()))
                : Reply.error(400, "Not deleted: " + (result.failure().isEmpty() ? result.problems().toString() : result.failure()));
    }

    /** The sent attributes as changes: text or lists of text; empty means "use the default" (null). */
    static Map<String, Object> values(ObjectClassDefinition ocd, Call call, boolean exists) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<String> sent = call.fieldNames();
        AttributeDefinition[] all = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
        for (AttributeDefinition ad : all == null ? new AttributeDefinition[0] : all) {
            String field = FIELD_PREFIX + ad.getID();
            if (!sent.contains(field)) {
                continue;
            }
            List<String> submitted = call.fields(field);
            if (ad.getType() == AttributeDefinition.PASSWORD && submitted.stream().allMatch(String::isEmpty)) {
                continue;
            }
            if (ad.getCardinality() != 0) {
                out.put(ad.getID(), submitted.stream().map(String::strip).filter(v -> !v.isEmpty()).toList());
            } else if (submitted.isEmpty() || submitted.get(0).isBlank()) {
                if (exists) {
                    out.put(ad.getID(), null);
                }
            } else {
                out.put(ad.getID(), ad.getType() == AttributeDefinition.STRING ? submitted.get(0) : submitted.get(0).strip());
            }
        }
        return out;
    }
}
