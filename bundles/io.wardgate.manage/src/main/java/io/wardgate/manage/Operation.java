package io.wardgate.manage;

import java.util.Map;

/** One management operation. Its result goes into the signed reply; a refused argument throws IllegalArgumentException. */
@FunctionalInterface
interface Operation {

    Map<String, Object> run(ManageRequest request, String actor, Progress progress) throws Exception;

    /** Progress notifications of a long operation, published to the reply topic before the final reply. */
    @FunctionalInterface
    interface Progress {
        void report(String step, int percent);
    }
}
