package io.wardgate.backend.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The backend's Kafka topics, all named {@code <prefix>.<name>}: envelopes (from the bridge, keyed by
 * gateway/device), readings and alarms (JSON lines, keyed by gateway/device), rejected (the
 * envelope's bytes with the reason in headers) and dedup-changelog (compacted; partition p holds the
 * de-duplication state of envelopes partition p, so both need the same partition count).
 */
public record BackendTopics(String prefix) {
    public BackendTopics {
        Objects.requireNonNull(prefix, "prefix");
        if (!prefix.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException("topic prefix: 1 to 100 letters, digits, '.', '_' or '-'");
        }
    }

    public String envelopes() {
        return prefix + ".envelopes";
    }

    public String readings() {
        return prefix + ".readings";
    }

    public String alarms() {
        return prefix + ".alarms";
    }

    public String rejected() {
        return prefix + ".rejected";
    }

    public String changelog() {
        return prefix + ".dedup-changelog";
    }

    /**
     * Creates the topics that do not exist yet. Envelopes and changelog get {@code partitions}; the
     * outputs too (the FHIR and PCD-01 consumers scale with them).
     */
    public void create(Admin admin, int partitions, short replication) throws ExecutionException, InterruptedException {
        if (partitions < 1 || partitions > 10_000 || replication < 1 || replication > 7) {
            throw new IllegalArgumentException("partitions 1 to 10000, replication 1 to 7");
        }
        Set<String> existing = admin.listTopics().names().get();
        String minIsr = String.valueOf(Math.max(1, replication - 1));
        List<NewTopic> missing = new ArrayList<>();
        for (String name : List.of(envelopes(), readings(), alarms(), rejected())) {
            if (!existing.contains(name)) {
                missing.add(new NewTopic(name, partitions, replication).configs(Map.of("min.insync.replicas", minIsr)));
            }
        }
        if (!existing.contains(changelog())) {
            missing.add(new NewTopic(changelog(), partitions, replication).configs(Map.of("cleanup.policy", "compact",
                    "min.insync.replicas", minIsr)));
        }
        try {
            admin.createTopics(missing).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }
}
