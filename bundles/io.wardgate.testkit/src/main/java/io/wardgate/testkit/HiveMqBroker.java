package io.wardgate.testkit;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HiveMQ CE embedded: a TLS listener on 127.0.0.1, client certificates REQUIRED, and an embedded
 * extension that admits a client only with a verified certificate and lets it use "wardgate/#" only
 * (HiveMQ CE refuses every client until an extension authenticates it). Used where mosquitto is absent.
 * A session's queue holds 100,000 messages, as the kit's mosquitto (max_queued_messages): HiveMQ's
 * default of 1000 silently drops a reconnecting subscriber's newest messages after a restart under load.
 */
public final class HiveMqBroker implements MqttBroker {
    private final Path configFolder;
    private final Path dataFolder;
    private final Path extensionsFolder;
    private final int port;
    private final StringBuilder events = new StringBuilder();
    private EmbeddedHiveMQ hivemq;

    public HiveMqBroker(BrokerSetup setup) {
        try {
            Path directory = Files.createDirectories(setup.directory());
            this.port = setup.port() == 0 ? FreePort.pick() : setup.port();
            this.configFolder = Files.createDirectories(directory.resolve("conf"));
            this.dataFolder = Files.createDirectories(directory.resolve("data"));
            this.extensionsFolder = Files.createDirectories(directory.resolve("extensions"));
            // Random store passwords: nothing default, and they never leave this directory.
            String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
            Path keyStore = setup.server().writePkcs12(configFolder.resolve("server.p12"), password.toCharArray());
            Path trustStore = writeTrustStore(configFolder.resolve("client-ca.p12"), setup, password.toCharArray());
            Files.writeString(configFolder.resolve("config.xml"), configuration(keyStore, trustStore, password),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String configuration(Path keyStore, Path trustStore, String password) {
        return """
                <?xml version="1.0"?>
                <hivemq>
                  <listeners>
                    <tls-tcp-listener>
                      <port>%d</port>
                      <bind-address>127.0.0.1</bind-address>
                      <tls>
                        <keystore>
                          <path>%s</path>
                          <password>%s</password>
                          <private-key-password>%s</private-key-password>
                        </keystore>
                        <truststore>
                          <path>%s</path>
                          <password>%s</password>
                        </truststore>
                        <client-authentication-mode>REQUIRED</client-authentication-mode>
                        <protocols>
                          <protocol>TLSv1.3</protocol>
                          <protocol>TLSv1.2</protocol>
                        </protocols>
                      </tls>
                    </tls-tcp-listener>
                  </listeners>
                  <mqtt>
                    <queued-messages>
                      <max-queue-size>100000</max-queue-size>
                      <strategy>discard</strategy>
                    </queued-messages>
                  </mqtt>
                  <anonymous-usage-statistics>
                    <enabled>false</enabled>
                  </anonymous-usage-statistics>
                </hivemq>
                """.formatted(port, keyStore, password, password, trustStore, password);
    }

    private static Path writeTrustStore(Path file, BrokerSetup setup, char[] password) {
        try (OutputStream out = Files.newOutputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("client-ca", setup.clientCa());
            store.store(out, password);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String kind() {
        return "hivemq";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public synchronized void start() {
        if (hivemq != null) {
            return;
        }
        EmbeddedExtension extension = EmbeddedExtension.builder()
                .withId("wardgate-test-auth")
                .withName("WardGate test: client certificate required")
                .withVersion("1")
                .withPriority(1000)
                .withStartPriority(1000)
                .withExtensionMain(new CertificateAuthExtension(events))
                .build();
        EmbeddedHiveMQ started = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(configFolder)
                .withDataFolder(dataFolder)
                .withExtensionsFolder(extensionsFolder)
                .withEmbeddedExtension(extension)
                .withoutLoggingBootstrap() // keep the test's own logging configuration
                .build();
        try {
            started.start().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting HiveMQ", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("HiveMQ did not start on port " + port, e);
        }
        hivemq = started;
    }

    @Override
    public synchronized void stop() {
        if (hivemq == null) {
            return;
        }
        try {
            hivemq.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("HiveMQ did not stop cleanly", e);
        } finally {
            hivemq = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return hivemq != null;
    }

    @Override
    public String log() {
        synchronized (events) {
            return events.toString();
        }
    }

    @Override
    public int admittedConnections(String commonName) {
        // "admitted <client id> as <subject>", the CN anywhere in the subject.
        java.util.regex.Pattern admitted = java.util.regex.Pattern.compile(
                "admitted \\S+ as (.*,)?CN=" + java.util.regex.Pattern.quote(commonName) + "(,.*)?");
        return (int) log().lines().filter(line -> admitted.matcher(line).matches()).count();
    }

    @Override
    public void close() {
        stop();
    }

    /** Admits only clients with a verified certificate, and lets them use wardgate/# only. */
    private record CertificateAuthExtension(StringBuilder events) implements ExtensionMain {
        @Override
        public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
            Services.securityRegistry().setAuthenticatorProvider(providerInput -> (SimpleAuthenticator) this::authenticate);
        }

        private void authenticate(SimpleAuthInput input, SimpleAuthOutput output) {
            var tls = input.getConnectionInformation().getTlsInformation();
            String clientId = input.getClientInformation().getClientId();
            if (tls.isEmpty()) {
                note("refused " + clientId + ": no client certificate");
                output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, "client certificate required");
                return;
            }
            note("admitted " + clientId + " as " + tls.get().getCertificate().getSubjectX500Principal().getName());
            TopicPermission wardgate = Builders.topicPermission().topicFilter("wardgate/#").build();
            output.getDefaultPermissions().add(wardgate);
            output.getDefaultPermissions().setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
            output.authenticateSuccessfully();
        }

        private void note(String line) {
            synchronized (events) {
                events.append(line).append('\n');
            }
        }

        @Override
        public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
            // nothing to release
        }
    }
}
