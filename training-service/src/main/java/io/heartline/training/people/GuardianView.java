package io.heartline.training.people;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A guardian of a student; {@code contact} only for the school's psychologists (an audited read). */
public record GuardianView(String id, String name, String relationship,
        @JsonInclude(JsonInclude.Include.NON_NULL) Contact contact) {

    public record Contact(String email, String phone) {
    }

    GuardianView withoutContact() {
        return new GuardianView(id, name, relationship, null);
    }
}
