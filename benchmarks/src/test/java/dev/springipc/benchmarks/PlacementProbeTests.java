package dev.springipc.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The placement probe's protocol between two mappings of its file (here two threads; the matrix
 * smoke test runs it between the duel's JVMs): each probe times its round trips, stops the echo,
 * and the next probe starts from a clean word; the measuring side removes the file.
 */
class PlacementProbeTests {

    @Test
    void probesTimeRoundTripsStopTheEchoAndRemoveTheFileOnClose() throws Exception {
        String name = "ipcbench" + ProcessHandle.current().pid() + "-probe-test";
        Path file = Path.of("/dev/shm", name);
        boolean removedOnClose;
        try {
            try (PlacementProbe measuring = PlacementProbe.create(name);
                    PlacementProbe peer = PlacementProbe.open(name)) {
                for (int probe = 0; probe < 3; probe++) {
                    CompletableFuture<Void> echo = CompletableFuture.runAsync(peer::echo);
                    double nanos = measuring.roundTripNanos(1_000);
                    assertTrue(nanos > 0 && Double.isFinite(nanos), "probe " + probe + ": " + nanos);
                    echo.get(10, TimeUnit.SECONDS);
                }
            }
            removedOnClose = !Files.exists(file);
        }
        finally {
            // Also when an assertion above failed: nothing is left in /dev/shm.
            Files.deleteIfExists(file);
        }
        assertTrue(removedOnClose, file + " was left behind by close()");
    }
}
