package io.heartline.platform.events;

/**
 * The name of every event type, defined once for producers and consumers alike. Each must be in the catalogue
 * ({@code heartline/events/catalogue.json}); {@code EventContractsTest} checks both lists agree.
 */
public final class EventTypes {

    private EventTypes() {
    }

    /** {@code heartline.screening}. */
    public static final class Screening {
        public static final String SUBMITTED = "heartline.screening.submitted.v1";
        public static final String RISK_FLAGGED = "heartline.screening.risk-flagged.v1";
        public static final String REVIEWED = "heartline.screening.reviewed.v1";

        private Screening() {
        }
    }

    /** {@code heartline.referral}. */
    public static final class Referral {
        public static final String CREATED = "heartline.referral.created.v1";
        public static final String ACCEPTED = "heartline.referral.accepted.v1";
        public static final String DECLINED = "heartline.referral.declined.v1";
        public static final String ESCALATED = "heartline.referral.escalated.v1";
        public static final String COMPLETED = "heartline.referral.completed.v1";
        public static final String CANCELLED = "heartline.referral.cancelled.v1";
        public static final String STARTED = "heartline.referral.started.v1";
        public static final String ASSIGNED = "heartline.referral.assigned.v1";

        private Referral() {
        }
    }

    /** {@code heartline.training}: the directory's facts (ids and codes, never names, birth dates or contacts). */
    public static final class Training {
        public static final String PERSON_ACTIVATED = "heartline.training.person-activated.v1";
        public static final String PERSON_ROLES_CHANGED = "heartline.training.person-roles-changed.v1";
        public static final String PERSON_DEACTIVATED = "heartline.training.person-deactivated.v1";
        public static final String STUDENT_ENROLLED = "heartline.training.student-enrolled.v1";
        public static final String STUDENT_MOVED = "heartline.training.student-moved.v1";
        public static final String STUDENT_LEFT = "heartline.training.student-left.v1";
        public static final String CLASS_TEACHER_ASSIGNED = "heartline.training.class-teacher-assigned.v1";
        public static final String GUARDIAN_LINKED = "heartline.training.guardian-linked.v1";
        public static final String CERTIFIED = "heartline.training.certified.v1";
        public static final String CERTIFICATE_EXPIRING = "heartline.training.certificate-expiring.v1";
        public static final String CERTIFICATE_EXPIRED = "heartline.training.certificate-expired.v1";
        public static final String CERTIFICATE_REVOKED = "heartline.training.certificate-revoked.v1";
        public static final String HOURS_SHORTFALL = "heartline.training.hours-shortfall.v1";

        private Training() {
        }
    }

    /** {@code heartline.crisis}: crisis cases (ids, levels and codes; never notes or the reporter). */
    public static final class Crisis {
        public static final String OPENED = "heartline.crisis.opened.v1";
        public static final String CONTACTED = "heartline.crisis.contacted.v1";
        public static final String TRIAGED = "heartline.crisis.triaged.v1";
        public static final String LEVEL_CHANGED = "heartline.crisis.level-changed.v1";
        public static final String SLA_BREACHED = "heartline.crisis.sla-breached.v1";
        public static final String WATCH_GAP = "heartline.crisis.watch-gap.v1";
        public static final String CLOSED = "heartline.crisis.closed.v1";
        public static final String REOPENED = "heartline.crisis.reopened.v1";
        public static final String ALERT_RAISED = "heartline.crisis.alert-raised.v1";
        public static final String ALERT_ACKNOWLEDGED = "heartline.crisis.alert-acknowledged.v1";
        public static final String ALERT_ESCALATED = "heartline.crisis.alert-escalated.v1";
        public static final String ALERT_UNANSWERED = "heartline.crisis.alert-unanswered.v1";

        private Crisis() {
        }
    }
}
