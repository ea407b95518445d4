package dev.springipc.core;

import java.util.Set;
import java.util.TreeSet;

/**
 * Whom an object that already exists must belong to before open-or-create uses it. An object
 * that another user created first under our name (a squatter) could read or feed what the
 * application believes is its own, so an existing object is accepted only when
 * <ul>
 * <li>its owner is our effective uid, a uid in {@link #users()}, or its group is in
 * {@link #groups()} (System V: the creator too, since a creator keeps IPC_SET and IPC_RMID
 * rights after handing the object over);</li>
 * <li>its group and other permission bits are no wider than those of the configured mode;</li>
 * <li>it is of the right kind: a regular file in /dev/shm, a FIFO at a FIFO path.</li>
 * </ul>
 * When we run as root, root-owned objects are ours; objects of any other user are foreign like
 * for everyone else (root could open them anyway, but the point is not to trust their contents).
 * <p>
 * Create-only and recreate never check: the object is then always one this call created.
 * Open-only does not check unless {@link #checkOpenOnly()}: naming an object that another
 * process creates (e.g. a C daemon running as another user) is what open-only is for.
 *
 * @param users uids trusted besides our own
 * @param groups gids whose objects are trusted (e.g. a group shared with a native peer)
 * @param checkOpenOnly whether open-only checks too
 */
public record IpcTrust(Set<Integer> users, Set<Integer> groups, boolean checkOpenOnly) {

    /** The default: only objects of our effective uid, under open-or-create. */
    public static final IpcTrust OWNER_ONLY = new IpcTrust(Set.of(), Set.of(), false);

    public IpcTrust {
        users = Set.copyOf(users);
        groups = Set.copyOf(groups);
        for (int id : users) {
            checkId("uid", id);
        }
        for (int id : groups) {
            checkId("gid", id);
        }
    }

    /** This trust plus objects owned by {@code uid}. */
    public IpcTrust trustUser(int uid) {
        Set<Integer> more = new TreeSet<>(this.users);
        more.add(uid);
        return new IpcTrust(more, this.groups, this.checkOpenOnly);
    }

    /** This trust plus objects whose group is {@code gid}. */
    public IpcTrust trustGroup(int gid) {
        Set<Integer> more = new TreeSet<>(this.groups);
        more.add(gid);
        return new IpcTrust(this.users, more, this.checkOpenOnly);
    }

    /** This trust, checked under open-only too. */
    public IpcTrust checkingOpenOnly() {
        return new IpcTrust(this.users, this.groups, true);
    }

    /** Whether an object that this call did not create, opened under {@code create}, must be checked. */
    public boolean appliesTo(CreateMode create) {
        return create == CreateMode.OPEN_OR_CREATE || (create == CreateMode.OPEN_ONLY && this.checkOpenOnly);
    }

    /** Whether an object of owner {@code uid} and group {@code gid} is trusted by a process of effective uid {@code self}. */
    public boolean trusts(int self, int uid, int gid) {
        return uid == self || this.users.contains(uid) || this.groups.contains(gid);
    }

    private static void checkId(String what, int id) {
        if (id < 0) {
            throw new IllegalArgumentException("Invalid " + what + " " + Integer.toUnsignedString(id)
                    + ": expected a non-negative id");
        }
    }
}
