package io.wardgate.web.config;

import io.wardgate.api.pipeline.AuditEvent.Outcome;
import io.wardgate.web.auth.Audit;
import io.wardgate.web.auth.Role;
import io.wardgate.web.http.Call;
import io.wardgate.web.http.Reply;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * Reads and writes configuration through the Metatype forms. A write changes only the attributes
 * the form describes and that were sent, and keeps every other property, such as FileInstall's
 * felix.fileinstall.filename (without it a change would not be written back to the file).
 * Field names are "a." + attribute id; an empty password field keeps the stored password.
 */
public final class ConfigApi {
    public static final String FIELD_PREFIX = "a.";

    private final Supplier<Optional<ConfigForms>> forms;
    private final Supplier<Optional<ConfigurationAdmin>> admin;
    private final Audit audit;

    public ConfigApi(Supplier<Optional<ConfigForms>> forms, Supplier<Optional<ConfigurationAdmin>> admin, Audit audit) {
        this.forms = forms;
        this.admin = admin;
        this.audit = audit;
    }

    public Reply read(Call call) throws IOException {
        Optional<ConfigForms> f = forms.get();
        if (f.isEmpty()) {
            return Reply.json(Map.of("available", false));
        }
        return Reply.json(Map.of("available", true, "forms", f.get().forms()));
    }

    public Reply write(Call call) throws IOException {
        Optional<ConfigForms> f = forms.get();
        Optional<ConfigurationAdmin> ca = admin.get();
        if (f.isEmpty() || ca.isEmpty()) {
            return Reply.error(503, "Configuration services are not running");
        }
        Optional<String> pid = call.field("pid").filter(p -> !p.isEmpty());
        Optional<String> factoryPid = call.field("factoryPid").filter(p -> !p.isEmpty());
        Map<String, ConfigForms.Known> known = f.get().known();
        Configuration configuration;
        ConfigForms.Known form;
        if (pid.isPresent()) {
            Optional<Configuration> existing = f.get().find(pid.get());
            String described = existing.map(Configuration::getFactoryPid).orElse(pid.get());
            form = known.get(described);
            if (form == null || (form.factory() && existing.isEmpty())) {
                return Reply.error(404, "No configuration form for that PID");
            }
            configuration = existing.isPresent() ? existing.get() : null;
        } else if (factoryPid.isPresent() && known.containsKey(factoryPid.get()) && known.get(factoryPid.get()).factory()) {
            form = known.get(factoryPid.get());
            configuration = null;
        } else {
            return Reply.error(400, "Name a pid or a factoryPid");
        }
        if (form.adminOnly() && call.session().role() != Role.ADMINISTRATOR) {
            audit.record(call.actor(), "CONFIG_CHANGE_DENIED", form.pid(), Outcome.DENIED, "administrators only");
            return Reply.error(403, "Only administrators change the web UI's own settings");
        }
        Dictionary<String, Object> props = configuration == null || configuration.getProperties() == null
                ? new Hashtable<>() : configuration.getProperties();
        Map<String, String> problems = new LinkedHashMap<>();
        List<String> changed = new ArrayList<>();
        apply(form.ocd(), call, props, problems, changed);
        if (!problems.isEmpty()) {
            return Reply.json(400, Map.of("error", "Some values are not valid", "fields", problems));
        }
        if (configuration == null) {
            configuration = pid.isPresent() ? ca.get().getConfiguration(pid.get(), "?")
                    : ca.get().createFactoryConfiguration(factoryPid.get(), "?");
        }
        configuration.update(props);
        audit.record(call.actor(), "CONFIG_CHANGED", configuration.getPid(), Outcome.SUCCESS,
                shorten("attributes: " + String.join(", ", changed)));
        return Reply.json(Map.of("ok", true, "pid", configuration.getPid()));
    }

    private static void apply(ObjectClassDefinition ocd, Call call, Dictionary<String, Object> props,
            Map<String, String> problems, List<String> changed) {
        List<String> sent = call.fieldNames();
        AttributeDefinition[] required = ocd.getAttributeDefinitions(ObjectClassDefinition.REQUIRED);
        List<String> requiredIds = required == null ? List.of() : java.util.Arrays.stream(required).map(AttributeDefinition::getID).toList();
        AttributeDefinition[] all = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
        for (AttributeDefinition ad : all == null ? new AttributeDefinition[0] : all) {
            String field = FIELD_PREFIX + ad.getID();
            if (!sent.contains(field)) {
                continue;
            }
            List<String> values = call.fields(field);
            if (ad.getType() == AttributeDefinition.PASSWORD && values.stream().allMatch(String::isEmpty)) {
                continue;
            }
            AttributeValues.Outcome outcome = AttributeValues.convert(ad, values, requiredIds.contains(ad.getID()));
            if (!outcome.ok()) {
                problems.put(ad.getID(), outcome.problem());
            } else if (outcome.value() == null) {
                if (props.remove(ad.getID()) != null) {
                    changed.add(ad.getID());
                }
            } else {
                Object before = props.put(ad.getID(), outcome.value());
                if (before == null || !ConfigForms.asStrings(before).equals(ConfigForms.asStrings(outcome.value()))) {
                    changed.add(ad.getID());
                }
            }
        }
    }

    private static String shorten(String s) {
        String clean = s.replaceAll("[^\\x20-\\x7E]", "?");
        return clean.length() > 1000 ? clean.substring(0, 1000) : clean;
    }
}
