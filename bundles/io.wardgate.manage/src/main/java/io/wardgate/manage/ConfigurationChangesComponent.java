package io.wardgate.manage;

import io.wardgate.api.config.ChangeResult;
import io.wardgate.api.config.ComponentProblem;
import io.wardgate.api.config.ConfigurationChanges;
import io.wardgate.api.pipeline.AuditTrail;
import io.wardgate.api.secrets.SecretBox;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.metatype.MetaTypeService;

/**
 * Offers the management channel's validate/apply/wait/rollback to the rest of the gateway (the
 * web console) as {@link ConfigurationChanges}; same settle time and limits as config.put.
 */
@Component(service = ConfigurationChanges.class, configurationPid = ConfigOperations.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class ConfigurationChangesComponent implements ConfigurationChanges {
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuditTrail audit;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile SecretBox secrets;

    private final ConfigChanges changer;
    private final ConfigApplier applier;

    @Activate
    public ConfigurationChangesComponent(ConfigOperationsConfiguration config, BundleContext context,
            @Reference ConfigurationAdmin admin, @Reference MetaTypeService metatype,
            @Reference ServiceComponentRuntime scr) {
        ConfigTargets targets = new ConfigTargets(context, metatype, admin);
        this.applier = new ConfigApplier(targets, scr, Duration.ofSeconds(config.settleSeconds()));
        this.changer = new ConfigChanges(context, targets, applier, ConfigFiles.in(context),
                () -> Optional.ofNullable(audit), () -> Optional.ofNullable(secrets), config.maxPidsPerChange());
    }

    @Override
    public ChangeResult apply(String actor, Map<String, Map<String, Object>> changes) {
        return changer.apply(actor, changes, "web console");
    }

    @Override
    public ChangeResult delete(String actor, String pid) {
        return changer.delete(actor, pid, "web console");
    }

    @Override
    public List<ComponentProblem> problems() {
        return applier.problems();
    }
}
