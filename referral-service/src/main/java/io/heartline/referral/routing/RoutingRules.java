package io.heartline.referral.routing;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.heartline.platform.events.Ids;
import io.heartline.platform.web.Page;
import io.heartline.platform.web.PageRequest;
import io.heartline.referral.ReferralConfig;
import io.heartline.referral.domain.Actor;

/**
 * The routing rules in the database: which set is in force for a school and a district, routing with them, and
 * replacing a scope's set as a new version (the old ones stay as the change history).
 */
@ApplicationScoped
public class RoutingRules {

    private final Router router;
    private final EntityManager em;
    private final Clock clock;

    RoutingRules(ReferralConfig config, EscalationWindows windows, EntityManager em, Clock clock) {
        this.clock = clock;
        this.router = new Router(config.routing().fallbackAcceptWithin(), windows);
        this.em = em;
    }

    public Router router() {
        return router;
    }

    /** Routes with the school's overrides (if any) and the district's rules in force. */
    @Transactional
    public Route route(RoutingFacts facts, String school, String district, Staffing staffing) {
        List<RoutingRule> schoolRules = school == null ? List.of()
                : RoutingRuleSet.current(RuleScope.SCHOOL, district, school).map(RoutingRuleSet::toRules).orElse(List.of());
        return router.route(facts, school != null, staffing, schoolRules, districtSet(district).toRules());
    }

    /** The district's own rules, or the built-in defaults while it has none. */
    @Transactional
    public RoutingRuleSet districtSet(String district) {
        return (district == null ? java.util.Optional.<RoutingRuleSet>empty()
                : RoutingRuleSet.current(RuleScope.DISTRICT, district, district))
                .or(() -> RoutingRuleSet.current(RuleScope.DEFAULT, null, RuleScope.DEFAULT_ID))
                .orElseThrow(() -> new IllegalStateException("The default routing rules are missing (migration V2)"));
    }

    /** Makes {@code rules} the scope's set in force, as its next version. */
    @Transactional
    public RoutingRuleSet replace(RuleScope scope, String district, String scopeId, List<RoutingRule> rules,
            Actor actor) {
        // One writer per scope at a time, so two concurrent PUTs get versions n+1 and n+2 instead of a clash.
        em.createNativeQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext(:key))) AS locked")
                .setParameter("key", "routing-rules:" + scope + ":" + district + ":" + scopeId).getSingleResult();
        RoutingRuleSet set = new RoutingRuleSet();
        set.id = Ids.next();
        set.scope = scope;
        set.scopeId = scopeId;
        set.district = district;
        set.version = RoutingRuleSet.current(scope, district, scopeId).map(s -> s.version).orElse(0) + 1;
        set.changedBy = actor.id();
        set.changedRole = actor.role();
        set.changedAt = clock.instant();
        set.rules = new ArrayList<>(rules.stream().map(RuleRow::of).toList());
        set.persist();
        return set;
    }

    /** Every version of a scope's rules, newest first. */
    @Transactional
    public Page<RoutingRuleSet> history(RuleScope scope, String district, String scopeId, PageRequest page) {
        StringBuilder q = new StringBuilder("scope = :scope and district = :district and scopeId = :scopeId");
        var params = new java.util.HashMap<String, Object>();
        params.put("scope", scope);
        params.put("district", district);
        params.put("scopeId", scopeId);
        if (page.hasCursor()) {
            q.append(" and (changedAt < :at or (changedAt = :at and id < :id))");
            params.put("at", page.beforeAt());
            params.put("id", page.beforeId());
        }
        q.append(" order by changedAt desc, id desc");
        List<RoutingRuleSet> rows = RoutingRuleSet.<RoutingRuleSet>find(q.toString(), params)
                .range(0, page.limit()).list(); // inclusive: limit + 1 rows, the extra one says "more"
        return page.page(rows, s -> s.changedAt, s -> s.id, s -> s);
    }
}
