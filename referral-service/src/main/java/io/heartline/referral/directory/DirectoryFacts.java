package io.heartline.referral.directory;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.heartline.referral.domain.Tier;

/** What routing and access ask of the directory projection. */
@ApplicationScoped
public class DirectoryFacts {

    /** A student's class and its active class teachers ({@code classId} null when the student has no class). */
    public record StudentClass(String classId, List<String> teacherIds) {
    }

    private static final Set<String> PSYCHOLOGY_ROLES = Set.of("PSYCHOLOGY_TEACHER", "COUNSELLOR",
            "PSYCHOLOGY_CENTRE_HEAD");

    private final EntityManager em;

    DirectoryFacts(EntityManager em) {
        this.em = em;
    }

    /** Empty when the directory does not know the student as an active student. */
    public Optional<StudentClass> studentClass(String district, String studentId) {
        List<?> rows = em.createNativeQuery("""
                SELECT s.class_id, COALESCE(ARRAY(SELECT t FROM unnest(c.teacher_ids) AS t
                    WHERE EXISTS (SELECT 1 FROM directory_person p WHERE p.district = s.district AND p.person_id = t
                                  AND p.active)
                       OR NOT EXISTS (SELECT 1 FROM directory_person p WHERE p.district = s.district
                                      AND p.person_id = t)), '{}')
                FROM directory_student s
                JOIN directory_person sp ON sp.district = s.district AND sp.person_id = s.student_id AND sp.active
                LEFT JOIN directory_class c ON c.district = s.district AND c.class_id = s.class_id
                WHERE s.district = ?1 AND s.student_id = ?2""")
                .setParameter(1, district).setParameter(2, studentId).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        String[] teachers = (String[]) row[1];
        return Optional.of(new StudentClass((String) row[0], teachers == null ? List.of() : Arrays.asList(teachers)));
    }

    /** Whether the directory knows any staff role at the school (otherwise nothing can be said about staffing). */
    public boolean knowsStaffOf(String district, String school) {
        return !em.createNativeQuery("SELECT 1 FROM directory_staff_role WHERE district = ?1 AND school = ?2 LIMIT 1")
                .setParameter(1, district).setParameter(2, school).getResultList().isEmpty();
    }

    /** Whether someone active holds a psychology role at the school. */
    public boolean hasPsychologyStaff(String district, String school) {
        return !em.createNativeQuery("""
                SELECT 1 FROM directory_staff_role r JOIN directory_person p
                  ON p.district = r.district AND p.person_id = r.person_id AND p.active
                WHERE r.district = ?1 AND r.school = ?2 AND r.role IN ('PSYCHOLOGY_TEACHER', 'COUNSELLOR',
                      'PSYCHOLOGY_CENTRE_HEAD') LIMIT 1""")
                .setParameter(1, district).setParameter(2, school).getResultList().isEmpty();
    }

    /**
     * Whether the person holds, at the school, a role that serves the tier: psychology staff for
     * {@code SCHOOL_PSYCHOLOGIST} and {@code SCHOOL_CENTRE}. Class-teacher stages are checked against the stage's
     * class teachers instead; district tiers are not the directory's to say.
     */
    public boolean servesTier(String district, String school, String personId, Tier tier) {
        if (tier != Tier.SCHOOL_PSYCHOLOGIST && tier != Tier.SCHOOL_CENTRE) {
            return true;
        }
        return em.createNativeQuery("""
                SELECT r.role FROM directory_staff_role r JOIN directory_person p
                  ON p.district = r.district AND p.person_id = r.person_id AND p.active
                WHERE r.district = ?1 AND r.school = ?2 AND r.person_id = ?3""")
                .setParameter(1, district).setParameter(2, school).setParameter(3, personId).getResultList()
                .stream().anyMatch(PSYCHOLOGY_ROLES::contains);
    }
}
