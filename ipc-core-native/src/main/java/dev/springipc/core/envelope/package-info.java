/**
 * The envelope wire format's codec: plain Java, no native code.
 */
@NullMarked
package dev.springipc.core.envelope;

import org.jspecify.annotations.NullMarked;
