package io.wardgate.driver.nonin;

/** What makes a frame good in one data format. Each method answers why not, or null when good. */
interface FrameCheck {

    /** Why a byte cannot be the first byte of a frame, or null. */
    String startProblem(int firstByte);

    /** Why the complete frame at {@code bytes[start..start+length)} is not good, or null. */
    String frameProblem(byte[] bytes, int start);
}
