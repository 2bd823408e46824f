package io.wardgate.web.ui;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The outbox backlog over the last minutes, sampled whenever the dashboard asks (at most one
 * sample per 5 s, at most 10 minutes kept): "growing" when it rose over the last minute and is
 * above every sample of that minute's start, i.e. the uplink does not keep up.
 */
final class Backlog {
    static final Duration MIN_STEP = Duration.ofSeconds(5);
    static final Duration KEEP = Duration.ofMinutes(10);
    static final Duration GROWTH_WINDOW = Duration.ofMinutes(1);

    private record Sample(Instant at, long envelopes) {
    }

    private final Deque<Sample> samples = new ArrayDeque<>();

    /** Records a sample; returns whether the backlog is growing. */
    synchronized boolean record(Instant now, long envelopes) {
        Sample last = samples.peekLast();
        if (last == null || !now.isBefore(last.at().plus(MIN_STEP))) {
            samples.addLast(new Sample(now, envelopes));
        }
        while (!samples.isEmpty() && samples.peekFirst().at().isBefore(now.minus(KEEP))) {
            samples.removeFirst();
        }
        Sample windowStart = null;
        for (Sample s : samples) {
            if (!s.at().isBefore(now.minus(GROWTH_WINDOW).minus(MIN_STEP))) {
                windowStart = s;
                break;
            }
        }
        return windowStart != null && envelopes > 0 && envelopes > windowStart.envelopes()
                && Duration.between(windowStart.at(), now).compareTo(GROWTH_WINDOW.minus(MIN_STEP)) >= 0;
    }

    /** [epoch millis, envelopes] pairs, oldest first, for the sparkline. */
    synchronized List<List<Long>> trend() {
        List<List<Long>> out = new ArrayList<>();
        samples.forEach(s -> out.add(List.of(s.at().toEpochMilli(), s.envelopes())));
        return out;
    }
}
