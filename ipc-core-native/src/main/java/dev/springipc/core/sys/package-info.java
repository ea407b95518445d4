/**
 * The one native binding layer: direct-mapped libc and librt functions, errno names,
 * and the small native structures (timespec, statx, mq_attr, pollfd) the resources need.
 * <p>
 * Only the core's implementation packages use this package; public core types never expose
 * a JNA type. Every function is registered with {@code Native.register} (direct mapping),
 * so a per-message call costs no reflection and no proxy. The kernel message queues'
 * per-message calls go through {@link dev.springipc.core.sys.MessageCalls}, which binds them
 * with {@code java.lang.foreign} on JDK 22 and later and with JNA before.
 */
@NullMarked
package dev.springipc.core.sys;

import org.jspecify.annotations.NullMarked;
