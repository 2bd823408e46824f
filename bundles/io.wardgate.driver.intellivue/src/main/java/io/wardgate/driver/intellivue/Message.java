package io.wardgate.driver.intellivue;

import java.util.List;

/** One PDU from the monitor, as far as the host cares about it. */
sealed interface Message {

    /** Association result: accepted. {@code minPollPeriodUnits} is -1 when the result did not say. */
    record AssociationAccepted(long minPollPeriodUnits) implements Message {
    }

    record AssociationRefused() implements Message {
    }

    record ReleaseRequested() implements Message {
    }

    record Released() implements Message {
    }

    record Aborted() implements Message {
    }

    /** MDS Create Event Report: the monitor describes itself; the host must confirm it. */
    record MdsCreated(int invokeId, long eventTime, List<Ava> attributes) implements Message {
        public MdsCreated {
            attributes = List.copyOf(attributes);
        }
    }

    /**
     * A poll result (single or extended); {@code last} is false for a linked result that more follow.
     * {@code objectClass} is the polled object type (e.g. NOM_MOC_VMO_METRIC_NU). {@code relativeTime} (u32,
     * 125 us units) and {@code absoluteTime} (8 BCD bytes, as sent) say when the monitor took it.
     */
    record PollReply(int invokeId, boolean last, int objectClass, int attributeGroup, long relativeTime,
            byte[] absoluteTime, List<ObservationPoll> polls) implements Message {
        public PollReply {
            absoluteTime = absoluteTime.clone();
            polls = List.copyOf(polls);
        }

        @Override
        public byte[] absoluteTime() {
            return absoluteTime.clone();
        }
    }

    /** The monitor rejected one of our operations (ROER). */
    record RemoteError(int invokeId, int errorValue) implements Message {
    }

    /** A well-formed PDU the host has no use for. */
    record Other(String description) implements Message {
    }

    /** An attribute value assertion: id and raw value. The value array is never handed out. */
    record Ava(int id, byte[] value) {
        public Ava {
            value = value.clone();
        }

        PduReader reader() {
            return new PduReader(value);
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        int length() {
            return value.length;
        }
    }

    /** The attributes of one object in a poll result; {@code handle} is unique within {@code context}. */
    record ObservationPoll(int context, int handle, List<Ava> attributes) {
        public ObservationPoll {
            attributes = List.copyOf(attributes);
        }
    }
}
