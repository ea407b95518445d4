/**
 * The public face of the core: one type per kind of Linux IPC object, each opened through a
 * fluent builder ending in {@code open()}, plus {@link dev.springipc.core.Permissions},
 * {@link dev.springipc.core.CreateMode} and the {@link dev.springipc.core.IpcException} family.
 * No type here exposes JNA.
 */
@NullMarked
package dev.springipc.core;

import org.jspecify.annotations.NullMarked;
