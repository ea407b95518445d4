package dev.springipc.sample;

/** The few lines the sample prints; the log itself is at WARN, so these stand out. */
final class Console {

    private Console() {
    }

    static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
