package io.heartline.platform.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one process), from the Kafka jars.
 * It keeps its log directory across {@link #restart()}, so a test can take the broker away and bring it back with
 * its data, as an outage does.
 */
public final class KafkaNode implements AutoCloseable {

    private final int kafkaPort;
    private final int controllerPort;
    private final Path logDir;
    private final boolean deleteOnClose;
    private String clusterId;
    private EmbeddedKafkaBroker broker;

    private KafkaNode(int kafkaPort, int controllerPort, Path logDir, boolean deleteOnClose) {
        this.kafkaPort = kafkaPort;
        this.controllerPort = controllerPort;
        this.logDir = logDir;
        this.deleteOnClose = deleteOnClose;
    }

    /** A broker on free ports with a temporary log directory removed on close. */
    public static KafkaNode startOnFreePorts() {
        try {
            return start(Ports.free(), Ports.free(), Files.createTempDirectory("heartline-kafka-"), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a broker; a log directory formatted by an earlier run is reused with its data. */
    public static KafkaNode start(int kafkaPort, int controllerPort, Path logDir, boolean deleteOnClose) {
        KafkaNode node = new KafkaNode(kafkaPort, controllerPort, logDir, deleteOnClose);
        node.clusterId = existingClusterId(logDir);
        node.startBroker();
        return node;
    }

    private synchronized void startBroker() {
        EmbeddedKafkaBroker b = new EmbeddedKafkaBroker()
                .withNodeId(1)
                .withKafkaHost("127.0.0.1")
                .withKafkaPort(kafkaPort)
                .withControllerPort(controllerPort)
                .withDeleteLogDirsOnClose(false)
                .withAdditionalProperties(props -> {
                    props.put("log.dirs", logDir.toAbsolutePath().toString());
                    props.put("num.partitions", "3");
                    props.put("auto.create.topics.enable", "true");
                    props.put("offsets.topic.replication.factor", "1");
                    props.put("offsets.topic.num.partitions", "3");
                    props.put("transaction.state.log.replication.factor", "1");
                    props.put("transaction.state.log.min.isr", "1");
                    props.put("group.initial.rebalance.delay.ms", "0");
                    // Two cores: the defaults (3 network, 8 I/O threads) only add hand-offs and context switches.
                    props.put("num.network.threads", "2");
                    props.put("num.io.threads", "2");
                });
        if (clusterId != null) {
            b.withClusterId(clusterId);
        }
        broker = b.start();
        clusterId = broker.getClusterId();
    }

    /** The cluster id written in {@code meta.properties} when the directory was formatted, or null. */
    private static String existingClusterId(Path logDir) {
        Path meta = logDir.resolve("meta.properties");
        if (!Files.isRegularFile(meta)) {
            return null;
        }
        Properties props = new Properties();
        try (var in = Files.newInputStream(meta)) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + meta, e);
        }
        return props.getProperty("cluster.id");
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    /** Creates the topic (3 partitions) unless it exists, and returns once the broker knows it. */
    public void ensureTopic(String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
                admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create topic " + topic, e.getCause());
            }
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException("Cannot create topic " + topic, e);
        }
    }

    public String clusterId() {
        return clusterId;
    }

    public int port() {
        return kafkaPort;
    }

    public synchronized boolean isRunning() {
        return broker != null && broker.isRunning();
    }

    /** Stops the broker process part but keeps its data, as a crash or maintenance would. */
    public synchronized void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    /** Starts the broker again on the same ports with the same data. */
    public synchronized void restart() {
        stop();
        startBroker();
    }

    @Override
    public synchronized void close() {
        stop();
        if (deleteOnClose) {
            Files2.deleteTree(logDir);
        }
    }
}
