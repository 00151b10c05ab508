package io.heartline.platform.testsupport;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.heartline.platform.infra.PostgresNode;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Quarkus test resource giving a service its real database and the shared Kafka broker.
 * Use {@code @QuarkusTestResource(value = HeartlineTestInfra.class, initArgs = @ResourceArg(name = "database",
 * value = "heartline_screening"))}. On a shared external server the database gets a unique suffix and is dropped
 * afterwards, so that two runs never collide.
 */
public class HeartlineTestInfra implements QuarkusTestResourceLifecycleManager {

    private String database = "heartline_test";
    private boolean dropOnStop;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        PostgresNode pg = SharedInfra.postgres();
        if (!pg.isEmbedded()) {
            database = database + "_" + UUID.randomUUID().toString().substring(0, 8);
            dropOnStop = true;
        }
        pg.createDatabase(database);
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", pg.jdbcUrl(database));
        config.put("quarkus.datasource.username", pg.user());
        config.put("quarkus.datasource.password", pg.password());
        config.put("kafka.bootstrap.servers", SharedInfra.kafka().bootstrapServers());
        // Never the service's real port: tests must pass while the local stack runs (bin/heartline up).
        config.put("quarkus.http.test-port", "0");
        return config;
    }

    @Override
    public void stop() {
        if (dropOnStop) {
            SharedInfra.postgres().dropDatabase(database);
        }
    }
}
