package io.heartline.platform.testsupport;

import io.heartline.platform.infra.KafkaNode;
import io.heartline.platform.infra.PostgresNode;

/**
 * One Kafka broker and one PostgreSQL server per test JVM, started on first use and stopped when the JVM exits.
 * PostgreSQL is the server named by {@code HEARTLINE_TEST_PG_URL} when set, else an embedded one.
 */
public final class SharedInfra {

    public static final String PG_URL_ENV = "HEARTLINE_TEST_PG_URL";

    private static PostgresNode postgres;
    private static KafkaNode kafka;

    private SharedInfra() {
    }

    public static synchronized PostgresNode postgres() {
        if (postgres == null) {
            String url = System.getenv(PG_URL_ENV);
            postgres = url == null || url.isBlank() ? PostgresNode.startEmbedded(0, null) : PostgresNode.existing(url);
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "test-postgres-stop"));
        }
        return postgres;
    }

    public static synchronized KafkaNode kafka() {
        if (kafka == null) {
            kafka = KafkaNode.startOnFreePorts();
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "test-kafka-stop"));
        }
        return kafka;
    }
}
