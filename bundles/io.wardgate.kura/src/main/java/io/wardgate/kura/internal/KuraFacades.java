package io.wardgate.kura.internal;

import java.io.IOException;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.kura.configuration.ConfigurableComponent;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.util.tracker.BundleTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows every WardGate configurable component in Kura's web UI. Kura's configuration service lists a
 * service when it is an instance of ConfigurableComponent and carries service.pid (kura.service.pid
 * names it), and takes its form from OSGI-INF/metatype/PID.xml of the bundle whose Metatype lists the
 * PID (that is why WardGate's OCD ids equal their PIDs). WardGate's components stay free of Kura:
 * this component registers one empty facade per PID, and one per instance of a factory PID, as
 * WardGate bundles start and factory configurations come and go. Kura then writes the PID's
 * configuration through ConfigurationAdmin, and the real component receives it as usual.
 */
@Component(immediate = true, service = ConfigurationListener.class)
public class KuraFacades implements ConfigurationListener {
    static final String KURA_SERVICE_PID = "kura.service.pid";
    private static final Logger LOG = LoggerFactory.getLogger(KuraFacades.class);

    /** The facade: nothing but the marker Kura looks for. */
    static final class Facade implements ConfigurableComponent {
    }

    private final BundleContext context;
    private final MetaTypeService metatype;
    private final ConfigurationAdmin admin;
    private final Map<String, ServiceRegistration<?>> facades = new ConcurrentHashMap<>();
    private final Map<Long, List<String>> pidsOfBundle = new ConcurrentHashMap<>();
    private final Set<String> factoryPids = ConcurrentHashMap.newKeySet();
    private final BundleTracker<Bundle> tracker;

    @Activate
    public KuraFacades(BundleContext context, @Reference MetaTypeService metatype, @Reference ConfigurationAdmin admin) {
        this.context = context;
        this.metatype = metatype;
        this.admin = admin;
        this.tracker = new BundleTracker<>(context, Bundle.ACTIVE, null) {
            @Override
            public Bundle addingBundle(Bundle bundle, BundleEvent event) {
                if (!WardGateMetatype.isWardGate(bundle)) {
                    return null;
                }
                added(bundle);
                return bundle;
            }

            @Override
            public void removedBundle(Bundle bundle, BundleEvent event, Bundle object) {
                removed(bundle);
            }
        };
        tracker.open();
    }

    @Deactivate
    void deactivate() {
        tracker.close();
        facades.values().forEach(KuraFacades::unregister);
        facades.clear();
    }

    private void added(Bundle bundle) {
        MetaTypeInformation info = metatype.getMetaTypeInformation(bundle);
        if (info == null) {
            return;
        }
        List<String> pids = new java.util.ArrayList<>(List.of(info.getPids()));
        for (String pid : pids) {
            register(pid, pid, null);
        }
        for (String factoryPid : info.getFactoryPids()) {
            factoryPids.add(factoryPid);
            for (Configuration c : configurations("(" + ConfigurationAdmin.SERVICE_FACTORYPID + "=" + factoryPid + ")")) {
                register(c.getPid(), kuraPid(c), factoryPid);
                pids.add(c.getPid());
            }
        }
        pidsOfBundle.put(bundle.getBundleId(), pids);
    }

    private void removed(Bundle bundle) {
        for (String pid : pidsOfBundle.getOrDefault(bundle.getBundleId(), List.of())) {
            unregister(facades.remove(pid));
        }
        pidsOfBundle.remove(bundle.getBundleId());
    }

    /** Instances of WardGate factory PIDs (created in Kura's UI or elsewhere) get facades of their own. */
    @Override
    public void configurationEvent(ConfigurationEvent event) {
        String factoryPid = event.getFactoryPid();
        if (factoryPid == null || !factoryPids.contains(factoryPid)) {
            return;
        }
        if (event.getType() == ConfigurationEvent.CM_DELETED) {
            unregister(facades.remove(event.getPid()));
        } else if (event.getType() == ConfigurationEvent.CM_UPDATED && !facades.containsKey(event.getPid())) {
            for (Configuration c : configurations("(" + Constants.SERVICE_PID + "=" + event.getPid() + ")")) {
                register(c.getPid(), kuraPid(c), factoryPid);
            }
        }
    }

    private void register(String servicePid, String kuraPid, String factoryPid) {
        facades.computeIfAbsent(servicePid, pid -> {
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put(Constants.SERVICE_PID, pid);
            properties.put(KURA_SERVICE_PID, kuraPid);
            if (factoryPid != null) {
                properties.put(ConfigurationAdmin.SERVICE_FACTORYPID, factoryPid);
            }
            LOG.debug("Kura facade for {}", pid);
            return context.registerService(ConfigurableComponent.class.getName(), new Facade(), properties);
        });
    }

    private static String kuraPid(Configuration c) {
        Dictionary<String, Object> properties = c.getProperties();
        Object name = properties == null ? null : properties.get(KURA_SERVICE_PID);
        return name instanceof String s ? s : c.getPid();
    }

    private List<Configuration> configurations(String filter) {
        try {
            Configuration[] found = admin.listConfigurations(filter);
            return found == null ? List.of() : List.of(found);
        } catch (IOException | InvalidSyntaxException e) {
            LOG.warn("cannot list configurations: {}", e.getClass().getSimpleName());
            return List.of();
        }
    }

    private static void unregister(ServiceRegistration<?> registration) {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework is stopping
            }
        }
    }

    /** For tests: the PIDs that have a facade now. */
    Map<String, ServiceRegistration<?>> facades() {
        return new HashMap<>(facades);
    }
}
