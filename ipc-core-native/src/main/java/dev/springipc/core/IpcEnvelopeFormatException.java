package dev.springipc.core;

/**
 * Bytes that should be an {@link IpcEnvelope} are not one: wrong magic or version, a length
 * that runs past the end, more headers than allowed. Raised instead of trusting a broken or
 * hostile peer.
 */
public class IpcEnvelopeFormatException extends IpcException {

    private static final long serialVersionUID = 1L;

    public IpcEnvelopeFormatException(String message) {
        super("envelope", null, 0, message);
    }
}
