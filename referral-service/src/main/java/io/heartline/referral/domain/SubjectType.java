package io.heartline.referral.domain;

/** Who a referral is about: a student or a member of staff. */
public enum SubjectType {
    STUDENT, STAFF
}
