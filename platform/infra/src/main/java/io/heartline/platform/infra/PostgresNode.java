package io.heartline.platform.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server: either one that already runs (given by a JDBC URL) or an embedded one started here from
 * the zonky binaries. Creates databases on demand.
 */
public final class PostgresNode implements AutoCloseable {

    private static final Pattern DB_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final EmbeddedPostgres embedded;

    private PostgresNode(String host, int port, String user, String password, EmbeddedPostgres embedded) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.embedded = embedded;
    }

    /**
     * An existing server, e.g. {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres&password=x}.
     * Only host, port, user and password are taken from the URL.
     */
    public static PostgresNode existing(String jdbcUrl) {
        java.net.URI uri = java.net.URI.create(jdbcUrl.substring("jdbc:".length()));
        String user = "postgres";
        String password = "";
        if (uri.getQuery() != null) {
            for (String kv : uri.getQuery().split("&")) {
                String[] p = kv.split("=", 2);
                if (p[0].equals("user")) {
                    user = p.length > 1 ? p[1] : "";
                } else if (p[0].equals("password")) {
                    password = p.length > 1 ? p[1] : "";
                }
            }
        }
        return new PostgresNode(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), user, password, null);
    }

    /** An embedded server; {@code port} 0 picks a free one; {@code dataDir} null uses a temporary directory. */
    public static PostgresNode startEmbedded(int port, Path dataDir) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(port == 0 ? Ports.free() : port)
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "on");
            if (dataDir != null) {
                builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
            }
            EmbeddedPostgres pg = builder.start();
            return new PostgresNode("127.0.0.1", pg.getPort(), "postgres", "", pg);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start embedded PostgreSQL", e);
        }
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** Creates the database unless it exists. */
    public void createDatabase(String name) {
        if (!DB_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a plain database name: " + name);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), user, password)) {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            if (!"42P04".equals(e.getSQLState())) { // duplicate_database: another process won the race
                throw new IllegalStateException("Cannot create database " + name + ": " + e.getMessage(), e);
            }
        }
    }

    /** Drops the database, closing its sessions first. */
    public void dropDatabase(String name) {
        if (!DB_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a plain database name: " + name);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), user, password);
                Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot drop database " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
