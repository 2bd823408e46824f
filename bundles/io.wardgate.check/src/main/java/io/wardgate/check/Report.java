package io.wardgate.check;

import io.wardgate.shared.json.JsonWriter;
import java.util.List;

/** The results of one self-check run, in the order the checks ran. */
public record Report(List<CheckResult> results) {

    public Report {
        results = List.copyOf(results);
    }

    /** True when no check failed. Skipped checks are reported, and do not fail the run. */
    public boolean passed() {
        return results.stream().noneMatch(r -> r.status() == CheckResult.Status.FAIL);
    }

    public long count(CheckResult.Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    /** One line per check, then a summary line "N passed, N failed, N skipped". */
    public String toText() {
        StringBuilder text = new StringBuilder();
        for (CheckResult r : results) {
            text.append(String.format("%-7s %-20s %-4s %s%n", r.status(), r.id(), r.requirement(),
                    Text.printable(r.detail())));
        }
        return text.append(count(CheckResult.Status.PASS)).append(" passed, ")
                .append(count(CheckResult.Status.FAIL)).append(" failed, ")
                .append(count(CheckResult.Status.SKIPPED)).append(" skipped").append(System.lineSeparator())
                .toString();
    }

    /**
     * {"passed":bool,"results":[{"id":..,"requirement":..,"status":..,"detail":..},...]}, in printable
     * ASCII: details quote file names found on disk, which may hold anything.
     */
    public String toJson() {
        JsonWriter json = new JsonWriter(JsonWriter.Escaping.ASCII_SHORT_NEWLINE).beginObject()
                .name("passed").value(passed()).name("results").beginArray();
        for (CheckResult r : results) {
            json.beginObject().field("id", r.id()).field("requirement", r.requirement())
                    .field("status", r.status().name()).field("detail", r.detail()).endObject();
        }
        return json.endArray().endObject().toString();
    }
}
