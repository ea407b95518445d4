package dev.springipc.testsupport;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Unique names per test run: {@code sit.<pid>.<tag>.<n>} ("springipc test"), so runs never
 * collide and anything left behind is recognisable by its prefix.
 */
public final class TestNames {

    /** Every name a test makes starts with this, after the POSIX slash. */
    public static final String PREFIX = "sit.";

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private TestNames() {
    }

    /** A bare unique name without slash: {@code sit.4242.tag.7}. */
    public static String unique(String tag) {
        return PREFIX + ProcessHandle.current().pid() + "." + tag + "." + COUNTER.incrementAndGet();
    }

    /** The prefix of every name this JVM makes. */
    public static String runPrefix() {
        return PREFIX + ProcessHandle.current().pid() + ".";
    }
}
