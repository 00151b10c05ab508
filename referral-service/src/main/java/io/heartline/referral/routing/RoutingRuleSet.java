package io.heartline.referral.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One version of a scope's ordered rules, with who changed them and when. Never changed once written. */
@Entity
@Immutable
@Table(name = "routing_rule_set")
public class RoutingRuleSet extends PanacheEntityBase {

    @Id
    public UUID id;
    @Enumerated(EnumType.STRING)
    public RuleScope scope;
    public String scopeId;
    /** The scope's district (a school id is unique only within it); null for the built-in defaults. */
    public String district;
    public int version;
    public String changedBy;
    public String changedRole;
    public Instant changedAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "routing_rule", joinColumns = @JoinColumn(name = "rule_set_id"))
    @OrderColumn(name = "position")
    public List<RuleRow> rules = new ArrayList<>();

    public List<RoutingRule> toRules() {
        return rules.stream().map(RuleRow::toRule).toList();
    }

    /** The version in force for a scope of a district ({@code district} null: the defaults), if it ever had rules. */
    public static Optional<RoutingRuleSet> current(RuleScope scope, String district, String scopeId) {
        return district == null
                ? find("scope = ?1 and district is null and scopeId = ?2 order by version desc", scope, scopeId)
                        .firstResultOptional()
                : find("scope = ?1 and district = ?2 and scopeId = ?3 order by version desc", scope, district,
                        scopeId).firstResultOptional();
    }
}
