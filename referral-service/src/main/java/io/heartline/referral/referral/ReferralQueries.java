package io.heartline.referral.referral;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.heartline.platform.web.Caller;
import io.heartline.platform.web.Page;
import io.heartline.platform.web.PageRequest;
import io.heartline.platform.web.ProblemException;
import io.heartline.platform.web.Roles;
import io.heartline.referral.domain.Referral;
import io.heartline.referral.domain.ReferralStage;
import io.heartline.referral.domain.Tier;

/**
 * Lists referrals newest first within the caller's scope (the same scopes as {@code ReferralAccess}): the school for
 * psychologists and school-admins, district tiers of the district for district-admins, and for teachers the
 * class-teacher stages of their school that are free or theirs. Referrals about the caller are never listed (for
 * every role, as {@code ReferralAccess} never shows them).
 */
@ApplicationScoped
public class ReferralQueries {

    private static final List<Tier> DISTRICT_TIERS = List.of(Tier.DISTRICT_CENTRE, Tier.HOSPITAL);

    private final EntityManager em;
    private final Clock clock;

    ReferralQueries(EntityManager em, Clock clock) {
        this.clock = clock;
        this.em = em;
    }

    @Transactional
    public Page<?> list(Caller caller, ReferralFilter filter, PageRequest page) {
        Instant now = clock.instant();
        if (caller.school() != null && caller.hasAnyRole(Roles.PSYCHOLOGIST, Roles.SCHOOL_ADMIN)) {
            return referrals("r.school = :scope and r.district = :district", caller, caller.school(), filter, page,
                    now);
        }
        if (caller.district() != null && caller.hasRole(Roles.DISTRICT_ADMIN)) {
            return referrals("r.district = :scope and r.tier in :districtTiers", caller, caller.district(), filter,
                    page, now);
        }
        if (caller.school() != null && caller.hasRole(Roles.TEACHER)) {
            return teacherStages(caller, filter, page, now);
        }
        throw ProblemException.forbidden("Referrals are listed for school staff of a school or a district-admin");
    }

    private Page<ReferralSummary> referrals(String scope, Caller caller, String scopeId, ReferralFilter f,
            PageRequest page, Instant now) {
        StringBuilder q = new StringBuilder("select r from Referral r where ").append(scope)
                .append(" and r.subjectId <> :me");
        Map<String, Object> params = new HashMap<>();
        params.put("scope", scopeId);
        params.put("me", caller.id());
        if (scope.contains("r.district = :district")) {
            params.put("district", caller.district());
        }
        if (scope.contains(":districtTiers")) {
            params.put("districtTiers", DISTRICT_TIERS);
        }
        if (f.status() != null) {
            q.append(" and r.status = :status");
            params.put("status", f.status());
        }
        if (f.tier() != null) {
            q.append(" and r.tier = :tier");
            params.put("tier", f.tier());
        }
        where(q, params, f, page);
        List<Referral> rows = run(q, params, Referral.class, page);
        return page.page(rows, r -> r.createdAt, r -> r.id, r -> ReferralSummary.of(r, now));
    }

    private Page<TeacherView> teacherStages(Caller caller, ReferralFilter f, PageRequest page, Instant now) {
        if (f.tier() != null && f.tier() != Tier.CLASS_TEACHER) {
            return new Page<>(List.of(), null);
        }
        StringBuilder q = new StringBuilder("""
                select r, s from Referral r, ReferralStage s
                where s.referralId = r.id and s.tier = :classTeacher and r.school = :school and r.district = :district
                  and (s.assignee = :me
                       or (s.assignee is null and (s.offeredTo is null or array_contains(s.offeredTo, :me))))
                  and r.subjectId <> :me""");
        Map<String, Object> params = new HashMap<>();
        params.put("classTeacher", Tier.CLASS_TEACHER);
        params.put("school", caller.school());
        params.put("district", caller.district());
        params.put("me", caller.id());
        if (f.status() != null) {
            q.append(" and s.status = :status");
            params.put("status", f.status());
        }
        where(q, params, f, page);
        List<Object[]> rows = run(q, params, Object[].class, page);
        return page.page(rows, row -> ((Referral) row[0]).createdAt, row -> ((Referral) row[0]).id,
                row -> TeacherView.of((Referral) row[0], (ReferralStage) row[1], now));
    }

    private static void where(StringBuilder q, Map<String, Object> params, ReferralFilter f, PageRequest page) {
        if (f.subjectId() != null) {
            q.append(" and r.subjectId = :subjectId");
            params.put("subjectId", f.subjectId());
        }
        if (page.hasCursor()) {
            q.append(" and (r.createdAt < :at or (r.createdAt = :at and r.id < :id))");
            params.put("at", page.beforeAt());
            params.put("id", page.beforeId());
        }
        q.append(" order by r.createdAt desc, r.id desc");
    }

    private <T> List<T> run(StringBuilder q, Map<String, Object> params, Class<T> type, PageRequest page) {
        var query = em.createQuery(q.toString(), type).setMaxResults(page.limit() + 1);
        params.forEach(query::setParameter);
        return query.getResultList();
    }
}
