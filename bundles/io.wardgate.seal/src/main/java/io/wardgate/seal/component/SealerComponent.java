package io.wardgate.seal.component;

import io.wardgate.api.DataDirectory;
import org.osgi.framework.BundleContext;
import io.wardgate.api.pipeline.AdmittedAlarms;
import io.wardgate.api.pipeline.AdmittedReadings;
import io.wardgate.api.pipeline.AuditTrail;
import io.wardgate.api.pipeline.Outbox;
import io.wardgate.api.pipeline.Sealer;
import io.wardgate.seal.envelope.EnvelopeSealer;
import io.wardgate.seal.envelope.Randomness;
import io.wardgate.seal.envelope.RecipientKey;
import io.wardgate.seal.envelope.SigningKey;
import io.wardgate.seal.identity.Certificates;
import io.wardgate.seal.sealer.BatchingSealer;
import io.wardgate.seal.sealer.EpochStore;
import io.wardgate.seal.sealer.SealerSettings;
import io.wardgate.seal.sealer.SealingKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Sealer service: a new boot epoch at every activation, then a {@link BatchingSealer} on its
 * own thread. A configuration change restarts it (new epoch), after sealing what was waiting.
 */
@Component(configurationPid = SealerComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = Sealer.class)
@Designate(ocd = SealerConfig.class)
public final class SealerComponent implements Sealer {
    public static final String PID = "io.wardgate.seal.Sealer";
    private static final Logger LOG = LoggerFactory.getLogger(SealerComponent.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile AuditTrail audit;

    private final BatchingSealer sealer;

    @Activate
    public SealerComponent(BundleContext context, SealerConfig config, @Reference IdentityComponent identity,
            @Reference Outbox outbox) throws IOException {
        this(context.getProperty(DataDirectory.PROPERTY), config, identity, outbox);
    }

    SealerComponent(String dataDirectory, SealerConfig config, IdentityComponent identity, Outbox outbox)
            throws IOException {
        SealerSettings settings = new SealerSettings(config.batchMaxReadings(), config.batchMaxMillis(),
                config.contentAlgorithm(), config.maxPendingReadings(), config.batchAdaptive());
        long epoch = EpochStore.next(DataDirectory.resolve(dataDirectory, config.dataDirectory()));
        SecureRandom random = new SecureRandom();
        this.sealer = new BatchingSealer(settings, keys(identity, config), outbox,
                new EnvelopeSealer(Randomness.secure(random), identity.signer()), epoch,
                Clock.systemUTC(), () -> Optional.ofNullable(audit));
        sealer.readKeysAhead(config.backendKeyId());
        LOG.info("Sealer started in boot epoch {} ({}, {} batches of up to {} readings or {} ms)", epoch,
                settings.algorithm(), settings.adaptive() ? "adaptive" : "fixed", settings.maxReadings(),
                settings.maxMillis());
    }

    @Override
    public void seal(AdmittedReadings readings) {
        sealer.seal(readings);
    }

    @Override
    public void seal(AdmittedAlarms alarms) {
        sealer.seal(alarms);
    }

    @Deactivate
    void deactivate() {
        sealer.close();
    }

    /**
     * The configured backend key file, if any, else the keys installed in the identity. While the identity's
     * keys are unavailable (a token gone) these throw KeyStorageUnavailableException and the sealer waits.
     */
    static SealingKeys keys(IdentityComponent identity, SealerConfig config) throws IOException {
        Optional<RecipientKey> fileKey = config.backendKeyFile().isEmpty() ? Optional.empty()
                : Optional.of(new RecipientKey(config.backendKeyId(),
                        Certificates.readPublicKey(Files.readAllBytes(Path.of(config.backendKeyFile())))));
        Set<String> warned = ConcurrentHashMap.newKeySet();
        return new SealingKeys() {
            @Override
            public String gatewayId() {
                return identity.gatewayId();
            }

            @Override
            public SigningKey signingKey() {
                return identity.store().signingKey();
            }

            @Override
            public Optional<RecipientKey> recipient(String backendKeyId) {
                if (fileKey.isPresent() && fileKey.get().keyId().equals(backendKeyId)) {
                    return fileKey;
                }
                Optional<RecipientKey> installed = identity.store().backendKey(backendKeyId);
                if (installed.isPresent() || fileKey.isEmpty()) {
                    return installed;
                }
                // A route names a key this gateway lacks: seal to the configured key rather than lose data.
                if (warned.add(backendKeyId)) {
                    LOG.warn("No backend key '{}'; sealing to the configured key '{}' instead", backendKeyId,
                            fileKey.get().keyId());
                }
                return fileKey;
            }
        };
    }
}
