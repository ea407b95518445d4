package com.example.fresh;

import dev.springipc.core.IpcFifo;
import dev.springipc.core.IpcMessageQueue;
import dev.springipc.core.IpcSemaphore;
import dev.springipc.core.IpcSharedSegment;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/** The README's Spring Boot example: the declared objects injected by type and by key. */
@Component
public class Worker {

    final IpcMessageQueue orders;

    final IpcSemaphore jobs;

    final IpcSharedSegment prices;

    final IpcFifo audit;

    Worker(IpcMessageQueue orders, @Qualifier("jobs") IpcSemaphore jobs, IpcSharedSegment prices, IpcFifo audit) {
        this.orders = orders;
        this.jobs = jobs;
        this.prices = prices;
        this.audit = audit;
    }

}
