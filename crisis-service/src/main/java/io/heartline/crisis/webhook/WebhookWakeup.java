package io.heartline.crisis.webhook;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * Runs the worker on this instance: every {@code heartline.crisis.webhooks.delivery.interval} (the safety net) and at
 * once when a commit queued deliveries. One pass at a time per instance; a wake during a pass asks for another.
 * Several instances run side by side safely (the worker claims rows with {@code FOR UPDATE SKIP LOCKED}).
 */
@ApplicationScoped
public class WebhookWakeup {

    private static final Logger LOG = Logger.getLogger(WebhookWakeup.class);

    private final WebhookWorker worker;
    private final WebhookConfig config;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("webhook-wake").factory());

    WebhookWakeup(WebhookWorker worker, WebhookConfig config) {
        this.worker = worker;
        this.config = config;
    }

    /** Called after a commit that queued deliveries. */
    public void wake() {
        if (config.delivery().enabled()) {
            executor.execute(this::run);
        }
    }

    @Scheduled(identity = "crisis-webhook-delivery", every = "${heartline.crisis.webhooks.delivery.interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (config.delivery().enabled()) {
            run();
        }
    }

    private void run() {
        again.set(true);
        while (again.get() && running.compareAndSet(false, true)) {
            again.set(false);
            try {
                worker.drain();
            } catch (RuntimeException e) {
                LOG.errorf(e, "Webhook delivery pass failed; the next one retries");
            } finally {
                running.set(false);
            }
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
