package io.heartline.training.people;

import java.util.List;

/** {@code GET /api/v1/staff/{id}}: a staff member's name, school roles and whether they are active. */
public record StaffView(String id, String name, List<StaffRoleView> roles, boolean active) {
}
