package io.wardgate.check.internal;

import io.wardgate.check.Installation;
import io.wardgate.check.Probe;
import io.wardgate.check.Report;
import io.wardgate.check.SecurityCheck;
import io.wardgate.check.SelfCheck;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The self-check of the installation this framework runs in; contributed probes join as they come. */
@Component(configurationPid = SelfCheckComponent.PID)
@Designate(ocd = SelfCheckComponent.Config.class)
public class SelfCheckComponent implements SecurityCheck {
    static final String PID = "io.wardgate.check.SelfCheck";

    // The OCD id equals the PID: Kura reads OSGI-INF/metatype/<pid>.xml (see io.wardgate.kura).
    @ObjectClassDefinition(id = PID, name = "Security self-check",
            description = "Checks this installation against docs/security.md.")
    public @interface Config {
        @AttributeDefinition(name = "Data directory", description = "Framework storage, outbox and the gateway identity (identity/).")
        String dataDirectory() default "/var/lib/wardgate";

        @AttributeDefinition(name = "Configuration directory", description = "Where the configuration files live (must be 0700).")
        String configurationDirectory() default "/etc/wardgate/conf";

        @AttributeDefinition(name = "Log directory", description = "Where WardGate writes logs, if not only to the journal (must be 0700).")
        String logDirectory() default "/var/log/wardgate";

        @AttributeDefinition(name = "SBOM", description = "The CycloneDX SBOM installed with WardGate.")
        String sbom() default "/usr/share/wardgate/sbom.cdx.json";

        @AttributeDefinition(name = "Allowed listening sockets",
                description = "The documented listeners, as tcp/PORT or udp/PORT (docs/security.md).")
        String[] allowedListeners() default {"tcp/8443"};

        @AttributeDefinition(name = "Certificate warning (days)",
                description = "A certificate expiring within this many days fails the check. 0 to 3650.", min = "0", max = "3650")
        int expiryWarningDays() default 30;
    }

    private final List<Probe> contributed = new CopyOnWriteArrayList<>();
    private volatile Installation installation;

    @Activate
    public SelfCheckComponent(Config config) {
        modified(config);
    }

    @Modified
    void modified(Config config) {
        installation = new Installation(Path.of(config.dataDirectory()), Path.of(config.configurationDirectory()),
                Path.of(config.logDirectory()), Path.of(config.sbom()), OptionalLong.of(ProcessHandle.current().pid()),
                Arrays.asList(config.allowedListeners()), List.of("nft", "list", "table", "inet", "wardgate"),
                Path.of("/proc"), config.expiryWarningDays(), Clock.systemUTC());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addProbe(Probe probe) {
        contributed.add(probe);
    }

    void removeProbe(Probe probe) {
        contributed.remove(probe);
    }

    @Override
    public Report run() {
        return SelfCheck.withBuiltIns(List.copyOf(contributed)).run(installation);
    }
}
