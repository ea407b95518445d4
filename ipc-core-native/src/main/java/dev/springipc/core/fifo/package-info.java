/**
 * Named pipes: creation and safe opening ({@code mkfifo}, no symlinks, nothing but a FIFO),
 * non-blocking ends with {@code poll}, and the framings that cut a byte stream into messages.
 */
@NullMarked
package dev.springipc.core.fifo;

import org.jspecify.annotations.NullMarked;
