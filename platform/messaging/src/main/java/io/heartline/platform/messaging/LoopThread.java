package io.heartline.platform.messaging;

import java.time.Duration;

/** A named daemon thread running {@link #loop()} until {@link #close()}: the lifecycle of the relay and consumers. */
abstract class LoopThread implements AutoCloseable {

    private final String name;
    private volatile boolean running;
    private Thread thread;

    LoopThread(String name) {
        this.name = name;
    }

    public final synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().daemon().name(name).start(this::loop);
    }

    /** True while started and its thread has not died. */
    public final synchronized boolean isAlive() {
        return running && thread != null && thread.isAlive();
    }

    public final String name() {
        return name;
    }

    protected final boolean running() {
        return running;
    }

    /** Runs until {@link #running()} turns false. */
    protected abstract void loop();

    /** Nudges a loop blocked in a wait so that it sees the stop at once. */
    protected abstract void interruptWait();

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
            thread = null;
        }
        interruptWait();
        if (t != null) {
            try {
                t.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
