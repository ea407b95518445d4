package dev.springipc.core.trust;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.springipc.core.Permissions;
import dev.springipc.testsupport.NativePeers;
import dev.springipc.testsupport.PeerProcess;

/**
 * Another user on the host (nobody, uid 65534) that creates an object first under the name the
 * application will use: a real process running as that user ({@code setpriv}), calling the
 * same libc functions a C program would (python3 ctypes), with umask 0.
 */
final class Squatter {

    static final int NOBODY = 65534;

    private static final String SCRIPT = String.join("\n",
            "import ctypes, os, sys",
            "os.umask(0)",
            "kind, name, mode = sys.argv[1], sys.argv[2], int(sys.argv[3], 8)",
            "libc = ctypes.CDLL(None, use_errno=True)",
            "def check(ok):",
            "    if not ok: raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()))",
            "if kind == 'file':",
            "    fd = os.open(name, os.O_RDWR | os.O_CREAT | os.O_EXCL, mode)",
            "    os.ftruncate(fd, int(sys.argv[4]))",
            "elif kind == 'sem':",
            "    libc.sem_open.restype = ctypes.c_void_p",
            "    check(libc.sem_open(name.encode(), os.O_CREAT | os.O_EXCL, mode, 1) not in (None, 0))",
            "elif kind == 'mq':",
            "    check(libc.mq_open(name.encode(), os.O_RDWR | os.O_CREAT | os.O_EXCL, mode, None) >= 0)",
            "elif kind == 'sysvsem':",
            "    semid = libc.semget(int(name), 1, 0o1000 | 0o2000 | mode)",
            "    check(semid >= 0)",
            // A wait-for-zero semop stamps sem_otime: the signal our opener waits for.
            "    op = (ctypes.c_short * 3)(0, 0, 0o4000)",
            "    check(libc.semop(semid, op, 1) == 0)",
            "elif kind == 'sysvmsg':",
            "    check(libc.msgget(int(name), 0o1000 | 0o2000 | mode) >= 0)",
            "elif kind == 'fifo':",
            "    os.mkfifo(name, mode)",
            "elif kind == 'symlink':",
            "    os.symlink(sys.argv[4], name)",
            "elif kind == 'dir':",
            "    os.mkdir(name, mode)",
            // Opening what someone else created, as that other user: prints OPENED or DENIED <errno>.
            "elif kind == 'open-file':",
            "    try: os.close(os.open(name, os.O_RDWR | os.O_NONBLOCK)); print('OPENED')",
            "    except OSError as e: print('DENIED', e.errno)",
            "    sys.exit(0)",
            "elif kind in ('open-sem', 'open-mq', 'open-sysvsem', 'open-sysvmsg'):",
            "    libc.sem_open.restype = ctypes.c_void_p",
            "    r = {'open-sem': lambda: libc.sem_open(name.encode(), 0),",
            "         'open-mq': lambda: libc.mq_open(name.encode(), os.O_RDWR),",
            "         'open-sysvsem': lambda: libc.semget(int(name), 0, 0o600),",
            "         'open-sysvmsg': lambda: libc.msgget(int(name), 0o600)}[kind]()",
            "    ok = r not in (None, 0) if kind == 'open-sem' else r >= 0",
            "    print('OPENED' if ok else 'DENIED %d' % ctypes.get_errno())",
            "    sys.exit(0)",
            "print('SQUATTED')");

    private Squatter() {
    }

    /** Runs {@code kind} (file, sem, mq, sysvsem, sysvmsg, fifo, symlink, dir) as nobody; fails the test if it fails. */
    static void create(String kind, String name, int mode, String... extra) {
        run(kind, name, mode, extra);
    }

    /**
     * Opens, as nobody, what another user created: {@code open-file} (read-write), {@code open-sem},
     * {@code open-mq}, {@code open-sysvsem} or {@code open-sysvmsg}; returns {@code OPENED} or
     * {@code DENIED <errno>}.
     */
    static String open(String kind, String name) {
        return run(kind, name, 0);
    }

    private static String run(String kind, String name, int mode, String... extra) {
        NativePeers.require(NativePeers.commandWorks("setpriv", "--version"), "setpriv is not installed (util-linux)");
        List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY,
                "--clear-groups", "/usr/bin/python3", "-c", SCRIPT, kind, name, Permissions.formatMode(mode)));
        command.addAll(List.of(extra));
        try (PeerProcess squatter = PeerProcess.start(command)) {
            String line = squatter.nextLine(Duration.ofSeconds(30));
            int code = squatter.waitFor(Duration.ofSeconds(30));
            if (code != 0) {
                throw new AssertionError("The squatter failed to create " + kind + " " + name + ":\n"
                        + squatter.stderr());
            }
            return line;
        }
    }
}
