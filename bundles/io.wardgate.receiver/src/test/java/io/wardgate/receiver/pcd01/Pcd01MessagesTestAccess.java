package io.wardgate.receiver.pcd01;

/** Lets tests of other packages parse a message the way Pcd01MessagesTest does. */
public final class Pcd01MessagesTestAccess {
    private Pcd01MessagesTestAccess() {
    }

    public static ca.uhn.hl7v2.model.Message parse(String er7) throws Exception {
        return Pcd01MessagesTest.parse(er7);
    }
}
