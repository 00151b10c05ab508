package io.heartline.platform.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class RealServersTest {

    @Test
    void embeddedPostgresCreatesDatabasesIdempotently() throws Exception {
        try (PostgresNode pg = PostgresNode.startEmbedded(0, null)) {
            pg.createDatabase("heartline_probe");
            pg.createDatabase("heartline_probe");
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl("heartline_probe"), pg.user(), pg.password());
                    ResultSet rs = c.createStatement().executeQuery("SELECT current_database()")) {
                assertTrue(rs.next());
                assertEquals("heartline_probe", rs.getString(1));
            }
        }
    }

    @Test
    void kafkaKeepsDataAcrossRestart() throws Exception {
        try (KafkaNode kafka = KafkaNode.startOnFreePorts()) {
            Map<String, Object> p = Map.of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                    new StringSerializer())) {
                producer.send(new ProducerRecord<>("probe", "k", "before")).get();
            }
            kafka.restart();
            assertTrue(kafka.isRunning());
            Properties c = new Properties();
            c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            c.put(ConsumerConfig.GROUP_ID_CONFIG, "probe");
            c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c, new StringDeserializer(),
                    new StringDeserializer())) {
                consumer.subscribe(List.of("probe"));
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                String seen = null;
                while (seen == null && System.nanoTime() < deadline) {
                    ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                    if (!records.isEmpty()) {
                        seen = records.iterator().next().value();
                    }
                }
                assertEquals("before", seen);
            }
            kafka.stop();
            assertFalse(Ports.answers("127.0.0.1", kafka.port()));
        }
    }

    @Test
    void aNewProcessReusesTheDataDirectoryOfAnEarlierOne() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("kafka-reuse-");
        int port = Ports.free();
        int controller = Ports.free();
        String clusterId;
        try (KafkaNode first = KafkaNode.start(port, controller, dir, false)) {
            clusterId = first.clusterId();
        }
        try (KafkaNode second = KafkaNode.start(port, controller, dir, true)) {
            assertTrue(second.isRunning());
            assertEquals(clusterId, second.clusterId());
        }
    }
}
