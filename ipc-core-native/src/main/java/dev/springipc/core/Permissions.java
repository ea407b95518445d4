package dev.springipc.core;

/**
 * Owner, group and permission bits of an IPC object, as the kernel reports them.
 *
 * @param uid owner user id
 * @param gid owner group id
 * @param mode permission bits, e.g. {@code 0660}
 */
public record Permissions(int uid, int gid, int mode) {

    /** The mode every resource gets unless told otherwise: owner read and write only. */
    public static final int DEFAULT_MODE = 0600;

    /**
     * Parses an octal mode string such as {@code "0660"} or {@code "660"}.
     * @throws IllegalArgumentException if it is not an octal number within {@code 0..07777}
     */
    public static int parseMode(String octal) {
        String text = octal.strip();
        if (text.isEmpty() || !text.chars().allMatch((c) -> c >= '0' && c <= '7') || text.length() > 5) {
            throw new IllegalArgumentException("Invalid mode '" + octal + "': expected an octal string such as \"0660\"");
        }
        int mode = Integer.parseInt(text, 8);
        checkMode(mode);
        return mode;
    }

    /** Rejects bits outside the permission and special bits ({@code 07777}). */
    public static int checkMode(int mode) {
        if (mode < 0 || mode > 07777) {
            throw new IllegalArgumentException("Invalid mode " + Integer.toOctalString(mode)
                    + ": only permission bits 0..07777 are allowed");
        }
        return mode;
    }

    /**
     * Rejects bits outside the nine permission bits ({@code 0777}): System V objects have no
     * setuid, setgid or sticky bit, and higher bits would be read as IPC_CREAT and friends.
     */
    public static int checkSysvMode(int mode) {
        if (mode < 0 || mode > 0777) {
            throw new IllegalArgumentException("Invalid mode " + Integer.toOctalString(mode)
                    + " for a System V object: only permission bits 0..0777 are allowed");
        }
        return mode;
    }

    /** The mode as a four-digit octal string, e.g. {@code "0660"}. */
    public static String formatMode(int mode) {
        return String.format("%04o", mode);
    }

    /** The mode as a four-digit octal string, e.g. {@code "0660"}. */
    public String modeString() {
        return formatMode(this.mode);
    }

    @Override
    public String toString() {
        return "Permissions[uid=" + this.uid + ", gid=" + this.gid + ", mode=" + modeString() + "]";
    }
}
