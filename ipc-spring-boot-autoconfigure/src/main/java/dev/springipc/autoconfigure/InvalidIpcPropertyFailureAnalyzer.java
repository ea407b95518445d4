package dev.springipc.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an {@code ipc.*} property that cannot be honoured: which property, its value, why, and
 * what to change.
 */
class InvalidIpcPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidIpcPropertyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidIpcPropertyException cause) {
        return new FailureAnalysis(cause.property() + "=" + cause.value() + " " + cause.reason(), cause.action(),
                cause);
    }
}
