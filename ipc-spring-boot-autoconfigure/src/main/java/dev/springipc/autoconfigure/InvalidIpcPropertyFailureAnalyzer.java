package dev.springipc.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * Reports an {@code ipc.*} property that cannot be honoured: which property, its value, why,
 * where it was set (file and line, as Spring Boot reports an invalid property value), and what
 * to change.
 */
class InvalidIpcPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidIpcPropertyException> {

    private final @Nullable Environment environment;

    /** Spring Boot passes the application's environment (the only public constructor). */
    public InvalidIpcPropertyFailureAnalyzer(@Nullable Environment environment) {
        this.environment = environment;
    }

    /** Without an environment: the report names no origin. */
    InvalidIpcPropertyFailureAnalyzer() {
        this(null);
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidIpcPropertyException cause) {
        return new FailureAnalysis(cause.property() + "=" + cause.value() + " " + cause.reason()
                + PropertyOrigins.describe(this.environment, cause.property()), cause.action(), cause);
    }
}
