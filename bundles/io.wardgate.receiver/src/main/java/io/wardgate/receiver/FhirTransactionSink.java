package io.wardgate.receiver;

import io.wardgate.receiver.spool.SpoolSender;
import io.wardgate.seal.envelope.OpenResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Queues one FHIR transaction Bundle per envelope for a FHIR server (conditional creates: a batch
 * delivered twice, e.g. after a receiver failover, creates nothing new). The bundle is on disk before
 * {@link #write} returns; the sender posts it when the server is reachable.
 */
public final class FhirTransactionSink implements ReadingSink {
    private final SpoolSender sender;
    private final Terms terms;

    public FhirTransactionSink(SpoolSender sender) {
        this.sender = Objects.requireNonNull(sender, "sender");
        this.terms = Terms.nomenclature();
    }

    @Override
    public void write(OpenResult.Opened envelope) throws IOException {
        List<FhirResource> resources = FhirResources.of(envelope.tags(), envelope.batch(), terms);
        if (resources.isEmpty()) {
            return; // a gateway's clock note: nothing for a FHIR server
        }
        String bundle = FhirTransaction.bundle(resources);
        sender.submit(bundle.getBytes(StandardCharsets.UTF_8));
    }
}
