package io.heartline.training.scim;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.agroal.api.AgroalDataSource;
import io.heartline.platform.web.Trace;
import io.heartline.training.directory.Change;
import io.heartline.training.directory.Directory;
import io.heartline.training.directory.DirectoryStore;
import io.heartline.training.directory.Outcome;
import io.heartline.training.directory.Person;
import io.heartline.training.directory.PersonInput;
import io.heartline.training.directory.PersonKind;

/**
 * SCIM User operations on the staff of one district. Every write goes through {@link Directory#apply}, so SCIM
 * changes publish the same events as roster imports. People who are not staff, or of another district, do not exist
 * here (404).
 */
@ApplicationScoped
public class ScimUsers {


    public record Page(int totalResults, List<Person> people) {
    }

    private final AgroalDataSource dataSource;
    private final Directory directory;

    ScimUsers(AgroalDataSource dataSource, Directory directory) {
        this.dataSource = dataSource;
        this.directory = directory;
    }

    @Transactional
    public Person get(String district, String id) {
        try (Connection c = dataSource.getConnection()) {
            return staff(c, district, id);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read a SCIM user", e);
        }
    }

    @Transactional
    public Page search(String district, ScimUserQuery query, int startIndex, int count) {
        try (Connection c = dataSource.getConnection()) {
            int total = ScimUserStore.count(c, district, query);
            List<String> ids = ScimUserStore.page(c, district, query, startIndex - 1, count);
            Map<String, Person> people = DirectoryStore.byPersonIds(c, district, ids);
            return new Page(total, ids.stream().map(people::get).filter(p -> p != null).toList());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot search SCIM users", e);
        }
    }

    /**
     * POST: a new staff member. A body with {@code active: false} creates the person and deactivates them at once, so
     * that the IdP finds the user it created.
     */
    @Transactional
    public Person create(String district, ObjectNode body, Trace trace) {
        PersonInput input = ScimUserMapper.toInput(body, null);
        try (Connection c = dataSource.getConnection()) {
            refuseTaken(c, district, input, null);
            String id = write(district, input.withActive(true), trace);
            if (!input.active()) {
                write(district, input, trace);
            }
            return staff(c, district, id);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create a SCIM user", e);
        }
    }

    /** PUT: the body replaces the user; a new externalId re-keys the same person. */
    @Transactional
    public Person replace(String district, String id, ObjectNode body, String ifMatch, Trace trace) {
        return update(district, id, ifMatch, trace, current -> body);
    }

    @Transactional
    public Person patch(String district, String id, ObjectNode patch, String ifMatch, Trace trace) {
        return update(district, id, ifMatch, trace,
                current -> ScimPatch.apply(ScimUserMapper.toScim(current, java.net.URI.create("")), patch));
    }

    /** DELETE deactivates: Heartline never forgets a staff member who may have records (docs/scim.md). */
    @Transactional
    public void deactivate(String district, String id, String ifMatch, Trace trace) {
        try (Connection c = dataSource.getConnection()) {
            Person current = staff(c, district, id);
            ETags.require(ifMatch, current);
            if (current.active()) {
                directory.deactivate(district, List.of(current.personId()), "SCIM_DELETED", trace, null, true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot deactivate a SCIM user", e);
        }
    }

    private Person update(String district, String id, String ifMatch, Trace trace,
            Function<Person, ObjectNode> desired) {
        try (Connection c = dataSource.getConnection()) {
            Person current = staff(c, district, id);
            ETags.require(ifMatch, current);
            PersonInput input = ScimUserMapper.toInput(desired.apply(current), current);
            refuseTaken(c, district, input, current.personId());
            write(district, input, trace);
            return staff(c, district, id);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot update a SCIM user", e);
        }
    }

    private String write(String district, PersonInput input, Trace trace) {
        Outcome outcome = directory.apply(district, List.of(input), trace, null).get(0);
        if (outcome.change() == Change.ERROR) {
            throw ScimFailure.uniqueness(outcome.reason());
        }
        return outcome.personId();
    }

    /** userName and the employee number are unique in the district; {@code self} may keep its own. */
    private static void refuseTaken(Connection c, String district, PersonInput input, String self)
            throws SQLException {
        String holder = ScimUserStore.personIdByUserName(c, district, input.userName()).orElse(self);
        if (holder != null && !holder.equals(self)) {
            throw ScimFailure.uniqueness("userName '" + input.userName() + "' is already taken");
        }
        Person bySource = DirectoryStore.bySourceIds(c, district, List.of(input.sourceId())).get(input.sourceId());
        Person byFirstId = DirectoryStore.byPersonId(c, district, input.sourceId()).orElse(null);
        for (Person other : new Person[] {bySource, byFirstId}) {
            if (other != null && !other.personId().equals(self)) {
                throw ScimFailure.uniqueness("externalId '" + input.sourceId() + "' belongs to another person");
            }
        }
    }

    private static Person staff(Connection c, String district, String id) throws SQLException {
        return DirectoryStore.byPersonId(c, district, id).filter(p -> p.kind() == PersonKind.STAFF)
                .orElseThrow(() -> ScimFailure.notFound(id));
    }
}
