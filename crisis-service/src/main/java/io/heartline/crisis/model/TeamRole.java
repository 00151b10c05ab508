package io.heartline.crisis.model;

/** The emergency team of an EXTREME case. */
public enum TeamRole {
    PRINCIPAL, CENTRE_HEAD, MORAL_EDUCATION_HEAD, SCHOOL_DOCTOR
}
