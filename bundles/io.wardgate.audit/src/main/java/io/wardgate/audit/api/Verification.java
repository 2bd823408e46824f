package io.wardgate.audit.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of checking the retained hash chain.
 *
 * @param brokenLink the first broken link, or null when the chain is intact
 * @param records how many records were checked (up to the broken link)
 * @param firstSegment the first retained segment (greater than 1 once the size bound dropped older ones)
 * @param lastSegment the last segment
 * @param firstAnchor the anchor the retained chain starts from (hex)
 * @param notes facts worth knowing that are not breaks: dropped segments, quarantined torn writes
 */
public record Verification(BrokenLink brokenLink, long records, long firstSegment, long lastSegment,
        String firstAnchor, List<String> notes) {
    public Verification {
        Objects.requireNonNull(firstAnchor, "firstAnchor");
        notes = List.copyOf(notes);
    }

    public boolean intact() {
        return brokenLink == null;
    }

    public Optional<BrokenLink> firstBrokenLink() {
        return Optional.ofNullable(brokenLink);
    }

    /**
     * Where the chain breaks.
     *
     * @param segment segment file number
     * @param index record index within the segment, from 0; -1 for the segment's header
     * @param reason what is wrong, in a sentence
     */
    public record BrokenLink(long segment, long index, String reason) {
        public BrokenLink {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String toString() {
            return "segment " + segment + (index < 0 ? " header" : " record " + index) + ": " + reason;
        }
    }
}
