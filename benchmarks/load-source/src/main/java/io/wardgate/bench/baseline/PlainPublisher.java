package io.wardgate.bench.baseline;

import io.wardgate.api.pipeline.AdmittedReadings;
import io.wardgate.api.pipeline.Sealer;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The baseline run's replacement for seal + outbox + uplink: takes the policy's admitted readings
 * (as the {@link Sealer} service) and publishes each batch unsealed, QoS 1, over plain TCP, with the
 * same in-flight window the uplink uses. It stops the seal, outbox and uplink bundles (transiently)
 * so the baseline launch runs without them. Benchmark only; configured only by benchmarks/e2e.
 */
@Component(configurationPid = PlainPublisher.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = Sealer.class, property = "wardgate.bench=baseline")
@Designate(ocd = PlainConfig.class)
public final class PlainPublisher implements Sealer {
    static final String PID = "io.wardgate.bench.PlainPublisher";
    static final List<String> LEFT_OUT = List.of("io.wardgate.uplink", "io.wardgate.outbox", "io.wardgate.seal");
    private static final Logger LOG = LoggerFactory.getLogger(PlainPublisher.class);

    private final BlockingQueue<AdmittedReadings> queue;
    private final Semaphore window;
    private final MqttAsyncClient client;
    private final Thread publisher;
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean running = true;

    @Activate
    public PlainPublisher(BundleContext context, PlainConfig config) throws MqttException {
        URI uri = URI.create(config.brokerUrl());
        if (!"tcp".equals(uri.getScheme()) || !(uri.getHost().equals("127.0.0.1") || uri.getHost().equals("localhost"))) {
            throw new IllegalArgumentException("the baseline publishes only to a loopback tcp:// broker");
        }
        queue = new ArrayBlockingQueue<>(config.queueBatches());
        window = new Semaphore(config.inFlightWindow());
        client = new MqttAsyncClient(config.brokerUrl(), "wardgate-bench-baseline", new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setAutomaticReconnect(true);
        client.connect(options).waitForCompletion(10_000);
        publisher = new Thread(this::publish, "wardgate-bench-baseline");
        publisher.setDaemon(true);
        publisher.start();
        Thread stopper = new Thread(() -> leaveOut(context), "wardgate-bench-leave-out");
        stopper.setDaemon(true);
        stopper.start();
        LOG.info("Benchmark baseline: admitted readings go unsealed to {}", config.brokerUrl());
    }

    /** The baseline carries readings only: alarm changes (option alarmEvery) are measured in secured mode. */
    @Override
    public void seal(io.wardgate.api.pipeline.AdmittedAlarms alarms) {
    }

    @Override
    public void seal(AdmittedReadings readings) {
        if (!queue.offer(readings)) {
            long total = dropped.incrementAndGet();
            if (Long.bitCount(total) == 1) {
                LOG.warn("Baseline queue full: {} batches dropped", total);
            }
        }
    }

    private void publish() {
        while (running) {
            try {
                AdmittedReadings batch = queue.poll(100, TimeUnit.MILLISECONDS);
                if (batch == null) {
                    continue;
                }
                byte[] payload = PlainCodec.encode(batch.readings());
                window.acquire();
                String topic = "wardgate-baseline/" + batch.readings().device().address();
                client.publish(topic, payload, 1, false, null, new MqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken token) {
                        window.release();
                    }

                    @Override
                    public void onFailure(IMqttToken token, Throwable error) {
                        window.release();
                        LOG.warn("Baseline publish failed: {}", error.toString());
                    }
                });
            } catch (InterruptedException e) {
                return;
            } catch (MqttException e) {
                window.release();
                LOG.warn("Baseline publish refused: {}", e.toString());
            }
        }
    }

    /** The baseline launch leaves out seal, outbox and uplink; stopping them rebinds the policy to us. */
    private static void leaveOut(BundleContext context) {
        for (Bundle bundle : context.getBundles()) {
            if (LEFT_OUT.contains(bundle.getSymbolicName())) {
                try {
                    bundle.stop(Bundle.STOP_TRANSIENT);
                    LOG.info("Benchmark baseline: stopped {}", bundle.getSymbolicName());
                } catch (BundleException | IllegalStateException e) {
                    LOG.warn("Benchmark baseline: cannot stop {}: {}", bundle.getSymbolicName(), e.toString());
                }
            }
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        running = false;
        publisher.interrupt();
        publisher.join(5000);
        try {
            client.disconnect(2000).waitForCompletion(3000);
            client.close();
        } catch (MqttException e) {
            // stopping
        }
    }
}
