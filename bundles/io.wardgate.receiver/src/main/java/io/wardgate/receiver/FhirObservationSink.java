package io.wardgate.receiver;

import io.wardgate.seal.envelope.Batch;
import io.wardgate.seal.envelope.OpenResult;
import io.wardgate.seal.envelope.SealTags;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Objects;

/**
 * FHIR R4 Observations as NDJSON (one resource per line), built by {@link FhirResources}: LOINC and
 * MDC codings, UCUM quantities, dataAbsentReason instead of a value when the status says there is
 * none, blood pressure as a panel (85354-9), waveforms as SampledData, alarms (a reading flagged in
 * alarm, and each typed alarm change) as MDC_EVT_ALARM Observations. The subject is the bed (a
 * Location) until the backend associates the patient; docs/integration.md says how the vital-signs
 * profiles fit.
 */
public final class FhirObservationSink implements ReadingSink {
    private final Writer out;
    private final Terms terms;

    public FhirObservationSink(Writer out) {
        this(out, Terms.nomenclature());
    }

    FhirObservationSink(Writer out, Terms terms) {
        this.out = Objects.requireNonNull(out, "out");
        this.terms = Objects.requireNonNull(terms, "terms");
    }

    @Override
    public void write(OpenResult.Opened envelope) throws IOException {
        for (FhirResource resource : FhirResources.of(envelope.tags(), envelope.batch(), terms)) {
            out.write(resource.json());
            out.write('\n');
        }
        out.flush();
    }

    /** The resources of one batch as JSON, one per element. */
    static List<String> resources(SealTags tags, Batch batch) {
        return FhirResources.of(tags, batch, Terms.nomenclature()).stream().map(FhirResource::json).toList();
    }
}
