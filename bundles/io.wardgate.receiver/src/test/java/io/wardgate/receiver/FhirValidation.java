package io.wardgate.receiver;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;

/**
 * The HL7 FHIR validator (HAPI's FhirInstanceValidator with the R4 core definitions, offline):
 * built once per test JVM because loading the definitions takes seconds.
 */
final class FhirValidation {
    static final FhirContext CONTEXT = FhirContext.forR4Cached();
    private static FhirValidator validator;
    private static FhirInstanceValidator module;

    private FhirValidation() {
    }

    static synchronized FhirValidator validator() {
        if (validator == null) {
            UnknownCodeSystemWarningValidationSupport unknown = new UnknownCodeSystemWarningValidationSupport(CONTEXT);
            unknown.setNonExistentCodeSystemSeverity(ca.uhn.fhir.context.support.IValidationSupport.IssueSeverity.WARNING);
            DefaultProfileValidationSupport core = new DefaultProfileValidationSupport(CONTEXT);
            PrePopulatedValidationSupport loinc = new PrePopulatedValidationSupport(CONTEXT);
            loinc.addCodeSystem(loincFragment(core));
            ValidationSupportChain chain = new ValidationSupportChain(core, loinc,
                    new CommonCodeSystemsTerminologyService(CONTEXT), new InMemoryTerminologyServerValidationSupport(CONTEXT),
                    new SnapshotGeneratingValidationSupport(CONTEXT), unknown);
            module = new FhirInstanceValidator(chain);
            validator = CONTEXT.newValidator().registerValidatorModule(module);
        }
        return validator;
    }

    /** The validator module itself, for a server's request validation. */
    static synchronized FhirInstanceValidator module() {
        validator();
        return module;
    }

    /**
     * LOINC is not shipped with the validator (its content is licensed apart). A fragment holding the
     * codes of R4's own vital-signs value set, read from the validator's definitions, and EtCO2
     * (19889-5, nomenclature facts) lets it check every LOINC code we emit: any other one is an
     * "unknown code in fragment" warning, which fails the tests.
     */
    private static CodeSystem loincFragment(DefaultProfileValidationSupport core) {
        ValueSet vitals = (ValueSet) core.fetchValueSet("http://hl7.org/fhir/ValueSet/observation-vitalsignresult");
        CodeSystem loinc = new CodeSystem();
        loinc.setUrl(FhirResources.LOINC);
        loinc.setStatus(org.hl7.fhir.r4.model.Enumerations.PublicationStatus.ACTIVE);
        loinc.setContent(CodeSystem.CodeSystemContentMode.FRAGMENT);
        for (ValueSet.ConceptSetComponent include : vitals.getCompose().getInclude()) {
            if (FhirResources.LOINC.equals(include.getSystem())) {
                include.getConcept().forEach(c -> loinc.addConcept().setCode(c.getCode()));
            }
        }
        if (loinc.getConcept().size() < 13) {
            throw new IllegalStateException("the R4 vital-signs value set lists " + loinc.getConcept().size() + " codes");
        }
        loinc.addConcept().setCode("19889-5");
        return loinc;
    }

    /**
     * Errors and warnings, except the "unknown code system" warning the MDC code system must cause (no
     * terminology server knows it offline) and the one WardGate's own alarm-code system causes (the
     * devices' condition codes, open-ended: no CodeSystem resource can list them).
     */
    static List<String> problems(String json) {
        return validator().validateWithResult(json).getMessages().stream()
                .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.WARNING.ordinal())
                .filter(m -> !unknownSystem(m, FhirResources.MDC) && !unknownSystem(m, FhirAlarms.ALARM_CODE))
                .map(m -> m.getSeverity() + " " + m.getLocationString() + ": " + m.getMessage())
                .toList();
    }

    private static boolean unknownSystem(SingleValidationMessage m, String system) {
        return m.getSeverity() == ResultSeverityEnum.WARNING && m.getMessage().contains(system)
                && (m.getMessage().contains("unknown") || m.getMessage().contains("could not be found"));
    }
}
