package io.heartline.screening.campaign;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An instrument scheduled for a cohort of one school (listed subjects, or all staff) between two instants. */
@Entity
@Table(name = "campaign")
public class Campaign extends PanacheEntityBase {

    @Id
    public UUID id;
    public String school;
    public String district;
    @Column(name = "instrument_code")
    public String instrumentCode;
    public String title;
    @Column(name = "all_staff")
    public boolean allStaff;
    /** SUBJECTS, ALL_STAFF, CLASS, GRADE, SCHOOL_STUDENTS ({@link CampaignReport.Cohort}). */
    public String cohort;
    /** The class id (CLASS) or grade code (GRADE). */
    @Column(name = "cohort_ref")
    public String cohortRef;
    @Column(name = "opens_at")
    public Instant opensAt;
    @Column(name = "closes_at")
    public Instant closesAt;
    /** {@code MONTHLY}: when this campaign closes, the next opens a month later for the same cohort. */
    public String repeat;
    @Column(name = "repeat_of")
    public UUID repeatOf;
    @Column(name = "repeated_by")
    public UUID repeatedBy;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public Instant createdAt;

    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "campaign_subject", joinColumns = @JoinColumn(name = "campaign_id"))
    @Column(name = "subject_id")
    public Set<String> subjectIds;
}
