package dev.springipc.core.support;

/**
 * Makes the fault of a plain access to a truncated mapping surface where it happened. HotSpot
 * turns the SIGBUS into an {@link InternalError}, but asynchronously: the access returns
 * garbage and the error is raised at the thread's next safepoint poll, possibly after the
 * accessor returned and outside its {@code catch}. {@link #deliver()}, called inside the
 * {@code try} right after the access, is a method that is never inlined (it is too large), so
 * its return poll lies inside the {@code try} and the error is caught there. It costs a call.
 */
public final class FaultFence {

    /** Never set: only keeps the switch from being folded away. */
    private static volatile int selector;

    private static int sink;

    private FaultFence() {
    }

    /** Returns at once; its size (above HotSpot's inlining limits) is the point. */
    public static void deliver() {
        switch (selector) {
            case 0 -> {
            }
            case 1 -> sink = sink * 31 + 8;
            case 2 -> sink = sink * 31 + 15;
            case 3 -> sink = sink * 31 + 22;
            case 4 -> sink = sink * 31 + 29;
            case 5 -> sink = sink * 31 + 36;
            case 6 -> sink = sink * 31 + 43;
            case 7 -> sink = sink * 31 + 50;
            case 8 -> sink = sink * 31 + 57;
            case 9 -> sink = sink * 31 + 64;
            case 10 -> sink = sink * 31 + 71;
            case 11 -> sink = sink * 31 + 78;
            case 12 -> sink = sink * 31 + 85;
            case 13 -> sink = sink * 31 + 92;
            case 14 -> sink = sink * 31 + 99;
            case 15 -> sink = sink * 31 + 106;
            case 16 -> sink = sink * 31 + 113;
            case 17 -> sink = sink * 31 + 120;
            case 18 -> sink = sink * 31 + 127;
            case 19 -> sink = sink * 31 + 134;
            case 20 -> sink = sink * 31 + 141;
            case 21 -> sink = sink * 31 + 148;
            case 22 -> sink = sink * 31 + 155;
            case 23 -> sink = sink * 31 + 162;
            case 24 -> sink = sink * 31 + 169;
            case 25 -> sink = sink * 31 + 176;
            case 26 -> sink = sink * 31 + 183;
            case 27 -> sink = sink * 31 + 190;
            case 28 -> sink = sink * 31 + 197;
            case 29 -> sink = sink * 31 + 204;
            case 30 -> sink = sink * 31 + 211;
            case 31 -> sink = sink * 31 + 218;
            case 32 -> sink = sink * 31 + 225;
            case 33 -> sink = sink * 31 + 232;
            case 34 -> sink = sink * 31 + 239;
            case 35 -> sink = sink * 31 + 246;
            case 36 -> sink = sink * 31 + 253;
            case 37 -> sink = sink * 31 + 260;
            case 38 -> sink = sink * 31 + 267;
            case 39 -> sink = sink * 31 + 274;
            case 40 -> sink = sink * 31 + 281;
            case 41 -> sink = sink * 31 + 288;
            case 42 -> sink = sink * 31 + 295;
            case 43 -> sink = sink * 31 + 302;
            case 44 -> sink = sink * 31 + 309;
            case 45 -> sink = sink * 31 + 316;
            case 46 -> sink = sink * 31 + 323;
            case 47 -> sink = sink * 31 + 330;
            case 48 -> sink = sink * 31 + 337;
            case 49 -> sink = sink * 31 + 344;
            case 50 -> sink = sink * 31 + 351;
            case 51 -> sink = sink * 31 + 358;
            case 52 -> sink = sink * 31 + 365;
            case 53 -> sink = sink * 31 + 372;
            case 54 -> sink = sink * 31 + 379;
            case 55 -> sink = sink * 31 + 386;
            case 56 -> sink = sink * 31 + 393;
            case 57 -> sink = sink * 31 + 400;
            case 58 -> sink = sink * 31 + 407;
            case 59 -> sink = sink * 31 + 414;
            case 60 -> sink = sink * 31 + 421;
            case 61 -> sink = sink * 31 + 428;
            case 62 -> sink = sink * 31 + 435;
            case 63 -> sink = sink * 31 + 442;
            case 64 -> sink = sink * 31 + 449;
            case 65 -> sink = sink * 31 + 456;
            case 66 -> sink = sink * 31 + 463;
            case 67 -> sink = sink * 31 + 470;
            case 68 -> sink = sink * 31 + 477;
            case 69 -> sink = sink * 31 + 484;
            case 70 -> sink = sink * 31 + 491;
            case 71 -> sink = sink * 31 + 498;
            case 72 -> sink = sink * 31 + 505;
            case 73 -> sink = sink * 31 + 512;
            case 74 -> sink = sink * 31 + 519;
            case 75 -> sink = sink * 31 + 526;
            case 76 -> sink = sink * 31 + 533;
            case 77 -> sink = sink * 31 + 540;
            case 78 -> sink = sink * 31 + 547;
            case 79 -> sink = sink * 31 + 554;
            default -> sink = sink * 17;
        }
    }
}
