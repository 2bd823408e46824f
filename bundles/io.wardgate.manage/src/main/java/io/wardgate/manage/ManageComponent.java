package io.wardgate.manage;

import io.wardgate.api.DataDirectory;
import io.wardgate.api.pipeline.AuditTrail;
import io.wardgate.api.pipeline.GatewayIdentity;
import io.wardgate.api.pipeline.Outbox;
import io.wardgate.api.pipeline.Uplink;
import io.wardgate.audit.api.AuditLog;
import io.wardgate.api.manage.ManagementOperation;
import io.wardgate.api.manage.StatusContribution;
import io.wardgate.policy.api.Allowlist;
import io.wardgate.seal.admin.GatewaySigner;
import io.wardgate.seal.admin.IdentityAdmin;
import io.wardgate.api.channel.GatewayChannel;
import io.wardgate.shared.tls.RevocationChecker;
import io.wardgate.shared.tls.RevocationSettings;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/** Remote management: needs a configuration naming the trusted management keys (off without one). */
@Component(service = {}, configurationPid = ManageComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ManageConfiguration.class)
public final class ManageComponent {
    static final String PID = "io.wardgate.manage.Manage";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Allowlist allowlist;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Outbox outbox;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Uplink uplink;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuditLog auditLog;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile IdentityAdmin identityAdmin;

    private final ContributedOperations contributed = new ContributedOperations();
    private final StatusSections sections = new StatusSections();
    private final ManageService service;

    @Activate
    public ManageComponent(ManageConfiguration config, BundleContext context, @Reference GatewayChannel channel,
            @Reference GatewaySigner signer, @Reference GatewayIdentity identity, @Reference AuditTrail audit)
            throws IOException {
        Path state = Files.createDirectories(
                DataDirectory.resolve(context.getProperty(DataDirectory.PROPERTY), config.stateDirectory()));
        TrustedKeyFile trusted = new TrustedKeyFile(Path.of(config.trustedKeysPath()));
        KeyStatus keyStatus = keyStatus(config, state, audit);
        NonceStore nonces = new NonceStore(state.resolve("nonces"), config.nonceCapacity());
        Uploads uploads = new Uploads(state.resolve("uploads"), new Uploads.Limits(config.maxUploadBytes(),
                config.maxConcurrentUploads(), Duration.ofMinutes(config.uploadMaxAgeMinutes())), Clock.systemUTC());
        Operations.Services services = new Operations.Services(() -> identity, () -> allowlist, () -> outbox,
                () -> uplink, () -> auditLog, () -> bundles(context), () -> identityAdmin, channel::reconnect);
        this.service = new ManageService(channel, signer, trusted, keyStatus, nonces, audit,
                contributed.over(withSections(Operations.of(services))), uploads,
                new ManageService.Settings(identity.gatewayId(), Duration.ofSeconds(config.maxLifetimeSeconds()),
                        config.maxRequestBytes()), Clock.systemUTC()).start();
    }

    private static KeyStatus keyStatus(ManageConfiguration config, Path state, AuditTrail audit) throws IOException {
        RevocationChecker revocation;
        if (config.revocationCheck()) {
            List<Path> crls = Arrays.stream(config.crlPaths()).filter(p -> !p.isBlank()).map(Path::of).toList();
            try {
                revocation = new RevocationChecker(RevocationSettings.defaults(state.resolve("crl-cache"))
                        .withGrace(Duration.ofHours(config.revocationGraceHours())).withCrlFiles(crls),
                        Clock.systemUTC());
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new IOException("management CRL settings unusable: " + e.getMessage(), e);
            }
        } else {
            revocation = RevocationChecker.off();
        }
        Supplier<RevokedKeys> revoked = config.revokedKeysPath().isBlank() ? () -> RevokedKeys.NONE
                : new WatchedFile<>(Path.of(config.revokedKeysPath()), "Revoked management keys", RevokedKeys::load,
                        RevokedKeys.ALL);
        return new KeyStatus(revocation, revoked, Clock.systemUTC()).auditOptOut(audit);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addOperation(ManagementOperation operation, Map<String, Object> properties) {
        contributed.add(operation, properties);
    }

    void removeOperation(ManagementOperation operation, Map<String, Object> properties) {
        contributed.remove(operation);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addStatus(StatusContribution contribution, Map<String, Object> properties) {
        sections.add(contribution, properties);
    }

    void removeStatus(StatusContribution contribution, Map<String, Object> properties) {
        sections.remove(contribution);
    }

    private Map<String, ManagementOperation> withSections(Map<String, ManagementOperation> builtIn) {
        Map<String, ManagementOperation> out = new LinkedHashMap<>(builtIn);
        out.put("status", sections.around(builtIn.get("status")));
        return out;
    }

    private static Map<String, String> bundles(BundleContext context) {
        Map<String, String> out = new TreeMap<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getSymbolicName() != null) {
                out.put(bundle.getSymbolicName(), bundle.getVersion() + " " + state(bundle.getState()));
            }
        }
        return out;
    }

    private static String state(int state) {
        return switch (state) {
            case Bundle.ACTIVE -> "active";
            case Bundle.RESOLVED -> "resolved";
            case Bundle.INSTALLED -> "installed";
            default -> "changing";
        };
    }

    @Deactivate
    void deactivate() {
        service.close();
    }
}
