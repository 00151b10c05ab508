package io.heartline.referral.referral;

/** Who a referral is about: a student or a member of staff. */
public enum SubjectType {
    STUDENT, STAFF
}
