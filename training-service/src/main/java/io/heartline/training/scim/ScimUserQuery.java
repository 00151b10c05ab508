package io.heartline.training.scim;

import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.filters.EqualFilter;
import com.unboundid.scim2.common.filters.Filter;

/**
 * The User searches this service answers: all staff of the district, or an equality on one identifying attribute
 * (what IdP connectors send before they create or match someone). Anything else is an {@code invalidFilter}.
 */
record ScimUserQuery(Attribute attribute, String value) {

    enum Attribute {
        /** Case-insensitive, like the unique index on user names (RFC 7643: userName is not caseExact). */
        USER_NAME,
        /** The HR employee number (externalId or enterprise employeeNumber). */
        SOURCE_ID,
        PERSON_ID
    }

    static final ScimUserQuery ALL = new ScimUserQuery(null, null);

    static ScimUserQuery parse(String filter) {
        if (filter == null || filter.isBlank()) {
            return ALL;
        }
        Filter parsed;
        try {
            parsed = Filter.fromString(filter);
        } catch (BadRequestException e) {
            throw ScimFailure.invalidFilter("Cannot parse the filter: " + e.getMessage());
        }
        if (!(parsed instanceof EqualFilter eq) || eq.getComparisonValue() == null
                || !eq.getComparisonValue().isTextual()) {
            throw unsupported();
        }
        return new ScimUserQuery(attribute(eq.getAttributePath()), eq.getComparisonValue().asText());
    }

    private static Attribute attribute(Path path) {
        if (path.size() != 1 || path.getElement(0).getValueFilter() != null) {
            throw unsupported();
        }
        String schema = path.getSchemaUrn();
        String name = path.getElement(0).getAttribute();
        if (schema == null || schema.equalsIgnoreCase(ScimSchemas.USER)) {
            if (name.equalsIgnoreCase("userName")) {
                return Attribute.USER_NAME;
            }
            if (name.equalsIgnoreCase("externalId")) {
                return Attribute.SOURCE_ID;
            }
            if (name.equalsIgnoreCase("id")) {
                return Attribute.PERSON_ID;
            }
        } else if (schema.equalsIgnoreCase(ScimSchemas.ENTERPRISE_USER) && name.equalsIgnoreCase("employeeNumber")) {
            return Attribute.SOURCE_ID;
        }
        throw unsupported();
    }

    private static ScimFailure unsupported() {
        return ScimFailure.invalidFilter("Supported filters: userName, externalId, id or enterprise employeeNumber"
                + " 'eq' a string");
    }
}
