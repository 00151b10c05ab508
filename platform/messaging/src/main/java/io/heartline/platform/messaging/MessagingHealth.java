package io.heartline.platform.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the outbox relay and every inbox consumer thread run: a service whose intake silently stopped
 * must not look healthy. Also reports the outbox backlog.
 */
@Readiness
@ApplicationScoped
public class MessagingHealth implements HealthCheck {

    private final MessagingRuntime runtime;

    MessagingHealth(MessagingRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("heartline-messaging").up();
        for (LoopThread worker : runtime.workers()) {
            boolean alive = worker.isAlive();
            b.withData(worker.name(), alive ? "running" : "stopped");
            if (!alive) {
                b.down();
            }
        }
        OutboxBacklog backlog = runtime.backlog();
        return b.withData("outboxPending", backlog.pending())
                .withData("outboxOldestPendingSeconds", backlog.oldestAge().toSeconds())
                .build();
    }
}
