package io.heartline.referral.domain;

/** Screening risk levels, lowest first (API.md "Risk levels"). Manual referrals have none. */
public enum RiskLevel {
    NONE, LOW, MODERATE, HIGH, CRITICAL
}
