package dev.springipc.examples.cloudstream;

import java.math.BigDecimal;

/** The payload of docs/cloud-stream.md's example. */
public record Order(String id, BigDecimal total) {
}
