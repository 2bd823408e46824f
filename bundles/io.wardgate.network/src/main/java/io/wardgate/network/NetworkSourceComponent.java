package io.wardgate.network;

import io.wardgate.api.pipeline.DevicePolicy;
import io.wardgate.api.pipeline.ReadingIntake;
import io.wardgate.api.secrets.SecretBox;
import java.time.Clock;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured network source (one factory configuration of {@value SourceConfig#PID}). It runs while
 * its configuration and a {@link ReadingIntake} exist, waits for the driver its configuration names, and
 * serves on the device-side interface only. A changed configuration re-opens the source. An invalid
 * configuration is refused on activation (DS logs why). The key store password is stored sealed: the
 * sealed-settings plugin usually opens it on its way here, but at start DS may read the configuration
 * before that plugin exists, so a value that arrives sealed is opened here with the same {@link SecretBox}.
 */
@Component(configurationPid = SourceConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = SourceConfig.class, factory = true)
public final class NetworkSourceComponent {
    private static final Logger LOG = LoggerFactory.getLogger(NetworkSourceComponent.class);

    private final ReadingIntake intake;
    private final DevicePolicy policy;
    private final NetworkDrivers drivers;
    private final SecretBox secrets;
    private SourceWorker worker;

    @Activate
    public NetworkSourceComponent(@Reference ReadingIntake intake, @Reference DevicePolicy policy,
            @Reference NetworkDrivers drivers, @Reference SecretBox secrets, SourceConfig config) {
        this.intake = intake;
        this.policy = policy;
        this.drivers = drivers;
        this.secrets = secrets;
        start(SourceSettings.from(config, secrets));
    }

    @Modified
    synchronized void modified(SourceConfig config) {
        SourceSettings settings = SourceSettings.from(config, secrets);
        worker.stop();
        start(settings);
    }

    @Deactivate
    synchronized void deactivate() {
        worker.stop();
        LOG.info("{}: stopped", worker.settings.protocol());
    }

    private synchronized void start(SourceSettings settings) {
        worker = new SourceWorker(settings, intake, policy, drivers,
                s -> DeviceSide.resolve(s.interfaceName(), s.siteFile()), new KernelNeighbours(), Clock.systemUTC(),
                System::nanoTime);
        worker.start();
    }
}
