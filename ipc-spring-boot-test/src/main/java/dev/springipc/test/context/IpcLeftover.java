package dev.springipc.test.context;

/**
 * One IPC object found on the host after its test context closed.
 *
 * @param object what and where it is, e.g. {@code POSIX shared memory /dev/shm/demo-4242-1.prices}
 * @param removal a shell command (or call) that removes it
 */
record IpcLeftover(String object, String removal) {

    @Override
    public String toString() {
        return this.object + ": remove with " + this.removal;
    }
}
