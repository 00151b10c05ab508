package io.heartline.platform.infra;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * Entry point used by {@code bin/heartline}: runs one server in the foreground until the process is stopped.
 *
 * <pre>
 * kafka PORT CONTROLLER_PORT DATA_DIR        a KRaft broker that keeps its data in DATA_DIR
 * postgres PORT DATA_DIR                     an embedded PostgreSQL that keeps its data in DATA_DIR
 * create-databases JDBC_URL NAME...          creates the databases that do not exist yet, then exits
 * </pre>
 */
public final class LocalServers {

    private LocalServers() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length == 0) {
            usage();
        }
        switch (args[0]) {
            case "kafka" -> {
                requireArgs(args, 4);
                KafkaNode node = KafkaNode.start(Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                        Path.of(args[3]), false);
                runUntilStopped("kafka", node.bootstrapServers(), node);
            }
            case "postgres" -> {
                requireArgs(args, 3);
                PostgresNode node = PostgresNode.startEmbedded(Integer.parseInt(args[1]), Path.of(args[2]));
                runUntilStopped("postgres", node.host() + ":" + node.port(), node);
            }
            case "create-databases" -> {
                requireArgs(args, 3);
                PostgresNode node = PostgresNode.existing(args[1]);
                Arrays.stream(args, 2, args.length).forEach(node::createDatabase);
                System.out.println("databases ready: " + String.join(" ", Arrays.copyOfRange(args, 2, args.length)));
            }
            default -> usage();
        }
    }

    private static void runUntilStopped(String name, String address, AutoCloseable server)
            throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println(name + " did not stop cleanly: " + e.getMessage());
            }
            stopped.countDown();
        }, name + "-stop"));
        System.out.println(name + " ready on " + address);
        stopped.await();
    }

    private static void requireArgs(String[] args, int n) {
        if (args.length < n) {
            usage();
        }
    }

    private static void usage() {
        System.err.println("usage: LocalServers kafka PORT CONTROLLER_PORT DIR | postgres PORT DIR"
                + " | create-databases JDBC_URL NAME...");
        System.exit(2);
    }
}
