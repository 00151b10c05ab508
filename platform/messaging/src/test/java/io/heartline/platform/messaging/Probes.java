package io.heartline.platform.messaging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.heartline.platform.events.EventBuilder;
import io.heartline.platform.events.EventSamples;
import io.heartline.platform.events.IncomingEvent;
import io.heartline.platform.events.OutgoingEvent;

/** Helpers of the messaging tests: build sample events, read effects and topics. */
final class Probes {
    private Probes() {
    }

    static OutgoingEvent event(String subject) {
        return EventBuilder.from("screening").type(ProbeHandler.SUBMITTED).subject(subject)
                .data(EventSamples.data(ProbeHandler.SUBMITTED).put("subjectId", subject)).build();
    }

    /** Event ids of the records, in topic order, keeping each id's first occurrence, grouped by key. */
    static Map<String, List<UUID>> idsByKey(List<ConsumerRecord<String, byte[]>> records, Set<UUID> wanted) {
        Map<String, List<UUID>> byKey = new LinkedHashMap<>();
        Set<UUID> seen = new HashSet<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            UUID id = idOf(r);
            if (id != null && wanted.contains(id) && seen.add(id)) {
                byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(id);
            }
        }
        return byKey;
    }

    static long countOf(List<ConsumerRecord<String, byte[]>> records, Set<UUID> wanted) {
        return records.stream().map(Probes::idOf).filter(id -> id != null && wanted.contains(id)).count();
    }

    static UUID idOf(ConsumerRecord<String, byte[]> r) {
        try {
            return IncomingEvent.parse(r.value()).id();
        } catch (RuntimeException e) {
            return null;
        }
    }

    static long scalar(DataSource ds, String sql, Object... args) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
