package io.wardgate.api;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** Immutable copies of status flag sets. */
final class Flags {
    private Flags() {
    }

    static Set<StatusFlag> copy(Collection<StatusFlag> flags) {
        Objects.requireNonNull(flags, "status");
        EnumSet<StatusFlag> copy = EnumSet.noneOf(StatusFlag.class);
        for (StatusFlag flag : flags) {
            copy.add(Objects.requireNonNull(flag, "status flag"));
        }
        return Collections.unmodifiableSet(copy);
    }

    static boolean anyMeansNoValue(Set<StatusFlag> flags) {
        for (StatusFlag flag : flags) {
            if (flag.meansNoValue()) {
                return true;
            }
        }
        return false;
    }
}
