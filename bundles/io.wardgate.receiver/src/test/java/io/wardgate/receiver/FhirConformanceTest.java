package io.wardgate.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.seal.envelope.Batch;
import io.wardgate.seal.envelope.SealTags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/**
 * The HL7 FHIR validator over a ward's worth of output (issue #19 item 3): not one error, and no
 * warning but the MDC code system's. Then the same resources with a patient associated, as the
 * backend will make them, against the vital-signs profiles they may claim from then on.
 */
class FhirConformanceTest {

    private static List<FhirResource> ward() {
        List<FhirResource> resources = new ArrayList<>();
        for (Map.Entry<SealTags, Batch> batch : GeneratedWard.batches().entrySet()) {
            resources.addAll(FhirResources.of(batch.getKey(), batch.getValue(), Terms.nomenclature()));
        }
        return resources;
    }

    @Test
    void everyResourceOfAWardValidatesWithoutErrorsOrWarnings() {
        List<FhirResource> resources = ward();
        assertThat(resources).hasSizeGreaterThan(100);
        assertThat(resources).extracting(FhirResource::json)
                .anyMatch(j -> j.contains("\"valueSampledData\""))
                .anyMatch(j -> j.contains("\"code\":\"196616\""))
                .anyMatch(j -> j.contains("\"85354-9\"") && j.contains("\"dataAbsentReason\""))
                .anyMatch(j -> j.contains("\"code\":\"negative-infinity\""));
        // No placeholder leaves the receiver: the driver's MDC_IV_0302 / {mdc-dim-263442} are named by the table.
        assertThat(resources).extracting(FhirResource::json).noneMatch(j -> j.contains("MDC_IV_") || j.contains("{mdc-dim"))
                .anyMatch(j -> j.contains("\"MDC_ECG_AMPL_ST_II\"") && j.contains("\"code\":\"mm\""));
        List<String> problems = new ArrayList<>();
        for (FhirResource resource : resources) {
            FhirValidation.problems(resource.json()).forEach(p -> problems.add(resource.identifier() + " " + p));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void aTransactionBundleOfABatchValidates() {
        Map.Entry<SealTags, Batch> first = GeneratedWard.batches().entrySet().iterator().next();
        String bundle = FhirTransaction.bundle(FhirResources.of(first.getKey(), first.getValue(), Terms.nomenclature()));
        assertThat(FhirValidation.problems(bundle)).isEmpty();
    }

    @Test
    void onceThePatientIsAssociatedTheVitalSignsProfilesHold() {
        List<String> problems = new ArrayList<>();
        int profiled = 0;
        for (FhirResource resource : ward()) {
            Observation o = FhirValidation.CONTEXT.newJsonParser().parseResource(Observation.class, resource.json());
            if (!o.hasCategory()) {
                continue;
            }
            o.setSubject(new Reference("Patient/example"));
            o.getMeta().addProfile("http://hl7.org/fhir/StructureDefinition/vitalsigns");
            if (o.getCode().getCoding().stream().anyMatch(c -> "85354-9".equals(c.getCode()))) {
                o.getMeta().addProfile("http://hl7.org/fhir/StructureDefinition/bp");
            }
            assertThat(o.getMeta().getProfile()).extracting(CanonicalType::getValue).isNotEmpty();
            profiled++;
            // Without the MDC codings: offline, a CodeableConcept holding a coding of an unknown system
            // cannot be judged against the profile's value set, so the LOINC coding is checked alone.
            o.getCode().getCoding().removeIf(c -> FhirResources.MDC.equals(c.getSystem()));
            o.getComponent().forEach(c -> c.getCode().getCoding().removeIf(x -> FhirResources.MDC.equals(x.getSystem())));
            String json = FhirValidation.CONTEXT.newJsonParser().encodeResourceToString(o);
            FhirValidation.problems(json).forEach(p -> problems.add(resource.identifier() + " " + p));
        }
        assertThat(profiled).isGreaterThan(50);
        assertThat(problems).isEmpty();
    }

    @Test
    void theVitalSignsProfileAdmitsOnlyAPatientAsSubjectSoNoneIsClaimedForABed() {
        FhirResource vital = ward().stream().filter(r -> r.json().contains("vital-signs")).findFirst().orElseThrow();
        assertThat(vital.json()).doesNotContain("\"profile\"").contains("\"type\":\"Location\"");
        // Why (the validator cannot check a logical reference's type offline): the profile itself.
        org.hl7.fhir.r4.model.StructureDefinition profile = (org.hl7.fhir.r4.model.StructureDefinition)
                new ca.uhn.fhir.context.support.DefaultProfileValidationSupport(FhirValidation.CONTEXT)
                        .fetchStructureDefinition("http://hl7.org/fhir/StructureDefinition/vitalsigns");
        List<String> targets = profile.getDifferential().getElement().stream()
                .filter(e -> e.getPath().equals("Observation.subject"))
                .flatMap(e -> e.getType().stream()).flatMap(t -> t.getTargetProfile().stream())
                .map(CanonicalType::getValue).toList();
        assertThat(targets).containsExactly("http://hl7.org/fhir/StructureDefinition/Patient");
    }
}
