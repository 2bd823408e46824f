package io.wardgate.api.nomenclature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wardgate.api.Metric;
import io.wardgate.api.Unit;
import io.wardgate.api.VitalSign;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The nomenclature table: the rows of the nomenclature facts (shared/specs/nomenclature.md), what the
 * drivers emit today and what issue #17's drivers will emit, every unit with its UCUM code, and the
 * placeholder check a driver's tests run.
 */
class NomenclatureTest {
    private static final Nomenclature TABLE = Nomenclature.standard();
    /** IntelliVue ids (device-protocols.md: MDC code = physio_id + 0x20000) a real monitor sends. */
    private static final int SCADA = 0x20000;

    private static Term term(int code) {
        return TABLE.term(code).orElseThrow(() -> new AssertionError(code + " not in the table"));
    }

    @Test
    void theRowsOfTheNomenclatureFactsAreInTheTableAsPublished() {
        // nomenclature.md, "Tagging readings" table: code, reference id, LOINC, UCUM, MDC unit.
        Object[][] rows = {
            {147842, "MDC_ECG_HEART_RATE", "8867-4", "/min", 264864},
            {150456, "MDC_PULS_OXIM_SAT_O2", "2708-6", "%", 262688},
            {149530, "MDC_PULS_OXIM_PULS_RATE", "8867-4", "/min", 264864},
            {150020, "MDC_PRESS_BLD_NONINV", "85354-9", "mm[Hg]", 266016},
            {150021, "MDC_PRESS_BLD_NONINV_SYS", "8480-6", "mm[Hg]", 266016},
            {150022, "MDC_PRESS_BLD_NONINV_DIA", "8462-4", "mm[Hg]", 266016},
            {150023, "MDC_PRESS_BLD_NONINV_MEAN", "8478-0", "mm[Hg]", 266016},
            {150364, "MDC_TEMP_BODY", "8310-5", "Cel", 268192},
            {151562, "MDC_RESP_RATE", "9279-1", "/min", 264928},
            {151708, "MDC_CONC_AWAY_CO2_ET", "19889-5", "mm[Hg]", 266016},
        };
        for (Object[] row : rows) {
            Term term = term((int) row[0]);
            assertThat(term.metric().referenceId()).isEqualTo(row[1]);
            assertThat(term.metric().loinc()).isEqualTo(row[2]);
            assertThat(term.defaultUnit().unit().ucum()).isEqualTo(row[3]);
            assertThat(term.defaultUnit().unit().mdcCode()).isEqualTo(row[4]);
        }
        assertThat(term(150344).metric().referenceId()).isEqualTo("MDC_TEMP");
    }

    @Test
    void everyVitalSignAgreesWithTheTable() {
        for (VitalSign sign : VitalSign.values()) {
            assertThat(term(sign.metric().mdcCode()).metric()).isEqualTo(sign.metric());
            assertThat(TABLE.unit(sign.unit().mdcCode()).orElseThrow().unit()).isEqualTo(sign.unit());
        }
    }

    @Test
    void whatARealIntelliVueSendsHasPublicNames() {
        // Issue #19: ST levels of every lead (mm), PVC count, pleth pulse rate, perfusion indicator,
        // ECG leads other than II, invasive pressures, temperatures.
        List<Integer> ids = new ArrayList<>(List.of(0x0301, 0x0302, 0x0303, 0x0304, 0x0305, 0x0306, 0x0307, 0x0308,
                0x033D, 0x033E, 0x033F, 0x0340, 0x0343, 0x034B, // ST
                0x0101, 0x0102, 0x0103, 0x0104, 0x0105, 0x0106, 0x0107, 0x0108, 0x013D, 0x013E, 0x013F, 0x0140, // leads
                0x4261, 0x4262, 0x4822, 0x4BB0, 0x4BB4, 0x4BB8, 0x4182, 0x3F20, // PVC, pleth, PI, SpO2, HR, QT
                0x4A05, 0x4A06, 0x4A07, 0x4A15, 0x4A16, 0x4A17, 0x4A1D, 0x4A1E, 0x4A1F, 0x4A45, 0x4A46, 0x4A47,
                0x4B48, 0x4B60, 0x4B74, 0x500A, 0x509C, 0x50B0, 0x5000));
        for (int id : ids) {
            Term term = term(SCADA + id);
            assertThat(term.metric().referenceId()).as("id 0x%04X", id).startsWith("MDC_").doesNotStartWith("MDC_IV_");
            assertThat(term.privateCode()).isFalse();
        }
        assertThat(term(SCADA + 0x0302).metric().referenceId()).isEqualTo("MDC_ECG_AMPL_ST_II");
        assertThat(term(SCADA + 0x0302).defaultUnit().unit().ucum()).isEqualTo("mm");
        assertThat(term(SCADA + 0x0302).metric().mdcCode()).isEqualTo(131842); // as in public PCD-01 examples
        assertThat(term(SCADA + 0x033E).metric().mdcCode()).isEqualTo(131902);
        assertThat(term(SCADA + 0x4262).metric().referenceId()).isEqualTo("MDC_ECG_V_P_C_RATE");
        assertThat(term(SCADA + 0x4BB0).metric().referenceId()).isEqualTo("MDC_PULS_OXIM_PERF_REL");
        // IntelliVue units: unit_code + 0x40000, MDC_DIM_MILLI_M is the {mdc-dim-263442} of today's output.
        assertThat(TABLE.unit(0x40000 + 0x0512).orElseThrow().unit()).isEqualTo(new Unit("mm", 263442, "MDC_DIM_MILLI_M"));
    }

    @Test
    void theCodesOfTheDatexAndMedibusDriversAreNamed() {
        // Issue #17 via device-protocols.md: Datex basic class (HR, NIBP, invasive pressures, T1..,
        // SpO2 and its pulse rate, EtCO2/FiCO2, RR); Medibus (SpO2, pulse, EtCO2, RR, ventilation).
        Set<Integer> codes = Set.of(147842, 150021, 150022, 150023, 150033, 150034, 150035, 150085, 150086, 150087,
                150045, 150046, 150047, 150017, 150018, 150019, 150344, 150456, 149530, 151708, 151716, 151562,
                151570, 151868, 151880, 151817, 151819, 151784, 151976, 152196);
        assertThat(CodeSpace.problems(codes, Set.of(266016, 262688, 264864, 268192, 264928, 263762, 265216, 266048,
                266098))).isEmpty();
    }

    @Test
    void whatTheMasimoNonINAndGattPathsEmitIsNamed() {
        // io.wardgate.protocol: MasimoParameter, Nonin (VitalSign SpO2/pulse rate, Df7 pleth), GattMetrics.
        Set<Integer> masimo = Set.of(150456, 149530, 150448, 160128, 160124, 0x2FD01, 0x2FD02, 0x2FD03);
        Set<Integer> nonin = Set.of(150456, 149530, 150452);
        Set<Integer> gatt = Set.of(150364, 188452, 188428, 0x20000 + 57360, 188456, 188424, 188420, 0x20000 + 57376,
                150392, 149546, 147842, 147240, (129 << 16) + 119, 150448, 188736, 188740, 188752, 150020, 150021,
                150022, 150023, 0x20000 + 28948, 0x20000 + 29112, 0x20000 + 29116, 0x20000 + 29120, 0x20000 + 29124,
                0x20000 + 29128, 0x20000 + 29132, 0x20000 + 29136, 0x20000 + 29140, 0x20000 + 29292, 0x20000 + 29296);
        Set<Integer> units = Set.of(262688, 264864, 262656, 268192, 266560, 266016, 265987, 263875, 263904, 263424,
                263520, 264096, 266115, 264320, 264274, 266866);
        List<String> problems = new ArrayList<>(CodeSpace.problems(masimo, units));
        problems.addAll(CodeSpace.problems(nonin, Set.of()));
        problems.addAll(CodeSpace.problems(gatt, Set.of()));
        assertThat(problems).isEmpty();
        // The three Masimo parameters without a public term are the private ones, each saying why.
        assertThat(masimo.stream().map(NomenclatureTest::term).filter(Term::privateCode).map(Term::source))
                .hasSize(3).allMatch(s -> s.startsWith("PRIVATE: no public MDC term"));
    }

    @Test
    void everyUnitHasARealUcumCodeAndEveryTermAUnitAndASource() {
        assertThat(TABLE.units().values()).allMatch(u -> !CodeSpace.isPlaceholder(u.unit()) && !u.unit().ucum().isBlank());
        assertThat(TABLE.terms().values()).allMatch(t -> !t.source().isBlank() && !t.display().isBlank());
        assertThat(TABLE.terms().values().stream().map(t -> t.metric().referenceId()).collect(Collectors.toSet()))
                .hasSize(TABLE.terms().size());
        // LOINC only where FHIR's vital-signs value set (or the nomenclature facts) give one.
        Set<String> vitalSignsLoinc = Set.of("85353-1", "9279-1", "8867-4", "2708-6", "8310-5", "8302-2", "9843-4",
                "29463-7", "39156-5", "85354-9", "8480-6", "8462-4", "8478-0", "19889-5", "");
        assertThat(TABLE.terms().values()).allMatch(t -> vitalSignsLoinc.contains(t.metric().loinc()));
    }

    @Test
    void thePlaceholderCheckFailsOnTodaysIntelliVueFallbacks() {
        Metric unnamed = Metric.mdc(SCADA + 0x0302, "MDC_IV_0302");
        Unit annotated = new Unit("{mdc-dim-263442}", 263442, "");
        assertThat(CodeSpace.problemsOfEmitted(List.of(unnamed), List.of(annotated)))
                .anyMatch(p -> p.contains("MDC_IV_0302")).anyMatch(p -> p.contains("{mdc-dim-263442}"));
        assertThatThrownBy(() -> CodeSpace.requireNoPlaceholders(Set.of(SCADA + 0xF03D), Set.of(0x40000 + 0x0F73)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("2 code(s)");
        // Resolving through the table gives the names a backend expects.
        assertThat(TABLE.resolve(unnamed).referenceId()).isEqualTo("MDC_ECG_AMPL_ST_II");
        assertThat(TABLE.resolve(annotated).ucum()).isEqualTo("mm");
        assertThat(CodeSpace.problemsOfEmitted(List.of(TABLE.resolve(unnamed)), List.of(TABLE.resolve(annotated))))
                .isEmpty();
    }

    @Test
    void driversTakeTheirTermsFromTheTableAndPrivateTermsStayInThePrivateRange() {
        assertThat(TABLE.metricOf(131842)).isEqualTo(Metric.mdc(131842, "MDC_ECG_AMPL_ST_II"));
        assertThat(TABLE.unitOf(265234)).isEqualTo(new Unit("mL/min", 265234, "MDC_DIM_MILLI_L_PER_MIN"));
        assertThatThrownBy(() -> TABLE.metricOf(SCADA + 0x1234)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not in the nomenclature table");
        assertThatThrownBy(() -> TABLE.unitOf(0x41234)).isInstanceOf(IllegalArgumentException.class);
        // 11073-10101 leaves term codes 0xF000.. to manufacturers; a private name outside it is a problem.
        Metric privateTerm = Metric.mdc(SCADA + 0xF17D, "MDC_PRIV_WARDGATE_MEDIBUS_CP1_7D");
        assertThat(CodeSpace.isPrivate(privateTerm)).isTrue();
        assertThat(CodeSpace.isPrivate(Metric.mdc(SCADA + 0x017D, "MDC_PRIV_WARDGATE_X"))).isFalse();
        assertThat(CodeSpace.problemsOfEmitted(List.of(privateTerm), List.of(Unit.PERCENT))).isEmpty();
        // A unit without its MDC code, or a name that differs from the table's, is a problem.
        assertThat(CodeSpace.problemsOfEmitted(List.of(Metric.mdc(151728, "MDC_AWAY_CO2_ET")),
                List.of(new Unit("mbar", 0, ""), new Unit("mm", 266098, "MDC_DIM_MILLI_BAR"))))
                .hasSize(3).anyMatch(p -> p.contains("without its MDC unit code"));
        assertThatThrownBy(() -> CodeSpace.requireClean(List.of(Metric.mdc(SCADA + 0x0302, "MDC_IV_0302")), List.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("MDC_IV_0302");
    }
}
