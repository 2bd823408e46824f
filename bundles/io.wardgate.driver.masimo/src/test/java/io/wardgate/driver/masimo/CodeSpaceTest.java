package io.wardgate.driver.masimo;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.Metric;
import io.wardgate.api.Unit;
import io.wardgate.api.nomenclature.CodeSpace;
import io.wardgate.api.nomenclature.Nomenclature;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue #19 item 1: every code the Masimo decoder can emit (one per {@link MasimoParameter}, the only
 * source of its readings' metric and unit) is a named term of the nomenclature table; the three
 * parameters without a public term are the table's private rows, each saying why.
 */
class CodeSpaceTest {

    @Test
    void everyParameterIsATableTermAndOnlyTheDocumentedOnesArePrivate() {
        List<Metric> metrics = Arrays.stream(MasimoParameter.values()).map(MasimoParameter::metric).toList();
        List<Unit> units = Arrays.stream(MasimoParameter.values()).map(MasimoParameter::unit).toList();
        CodeSpace.requireClean(metrics, units);
        assertThat(metrics.stream().filter(CodeSpace::isPrivate)).extracting(Metric::referenceId).containsExactly(
                "MDC_PRIV_WARDGATE_MASIMO_DESAT", "MDC_PRIV_WARDGATE_MASIMO_PIDELTA", "MDC_PRIV_WARDGATE_MASIMO_PVI");
        assertThat(metrics.stream().filter(CodeSpace::isPrivate)
                .map(m -> Nomenclature.standard().term(m.mdcCode()).orElseThrow().source()))
                .allMatch(source -> source.startsWith("PRIVATE: no public MDC term"));
    }
}
