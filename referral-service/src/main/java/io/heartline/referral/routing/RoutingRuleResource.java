package io.heartline.referral.routing;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import io.heartline.platform.web.Caller;
import io.heartline.platform.web.CurrentCaller;
import io.heartline.platform.web.Page;
import io.heartline.platform.web.PageRequest;
import io.heartline.platform.web.ProblemException;
import io.heartline.platform.web.Roles;
import io.heartline.referral.domain.Actor;
import io.smallrye.common.annotation.RunOnVirtualThread;

/**
 * Routing rules: a school-admin reads and replaces their school's overrides, a district-admin their district's
 * defaults. Every replacement is kept as a version with who and when ({@code /history}).
 */
@Path("/api/v1/routing-rules")
@RolesAllowed({ Roles.SCHOOL_ADMIN, Roles.DISTRICT_ADMIN })
@RunOnVirtualThread
public class RoutingRuleResource {

    private final RoutingRules rules;
    private final CurrentCaller caller;
    private final RuleSetValidator validator = new RuleSetValidator();

    RoutingRuleResource(RoutingRules rules, CurrentCaller caller) {
        this.rules = rules;
        this.caller = caller;
    }

    @GET
    public RoutingRulesView get() {
        return view(ownScope(caller.get()));
    }

    @PUT
    public RoutingRulesView replace(@Valid @NotNull RuleSetRequest body) {
        Caller c = caller.get();
        OwnScope scope = ownScope(c);
        RuleSetValidator.Result result = validator.validate(body.rules());
        if (!result.valid()) {
            throw ProblemException.badRequest(result.errors().size() + " problem(s) in the rules; first: "
                    + result.errors().get(0).field() + " " + result.errors().get(0).message(), result.errors());
        }
        rules.replace(scope.scope(), scope.district(), scope.id(), result.rules(), Actor.of(c));
        return view(scope);
    }

    /** Every version of the caller's rules, newest first: who changed them, when, and the whole set. */
    @GET
    @Path("/history")
    public Page<RuleSetView> history(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        OwnScope scope = ownScope(caller.get());
        Page<RoutingRuleSet> page = rules.history(scope.scope(), scope.district(), scope.id(), PageRequest.of(limit, cursor));
        return new Page<>(page.items().stream().map(RuleSetView::of).toList(), page.nextCursor());
    }

    private RoutingRulesView view(OwnScope scope) {
        RoutingRulesView.Fallback fallback = new RoutingRulesView.Fallback(Router.FALLBACK_TIER,
                rules.router().fallbackAcceptWithin().toString());
        if (scope.scope() == RuleScope.SCHOOL) {
            RuleSetView district = RuleSetView.of(rules.districtSet(scope.district()));
            return RoutingRuleSet.current(RuleScope.SCHOOL, scope.district(), scope.id())
                    .map(s -> own(RuleSetView.of(s), district, fallback))
                    .orElseGet(() -> new RoutingRulesView(RuleScope.SCHOOL, scope.id(), 0, null, null, List.of(),
                            district, fallback));
        }
        return own(RuleSetView.of(rules.districtSet(scope.id())), null, fallback);
    }

    private static RoutingRulesView own(RuleSetView s, RuleSetView district, RoutingRulesView.Fallback fallback) {
        return new RoutingRulesView(s.scope(), s.scopeId(), s.version(), s.changedBy(), s.changedAt(), s.rules(),
                district, fallback);
    }

    private record OwnScope(RuleScope scope, String id, String district) {
    }

    /** A school-admin manages their school's overrides; a district-level district-admin their district's rules. */
    private static OwnScope ownScope(Caller c) {
        if (c.hasRole(Roles.SCHOOL_ADMIN) && c.school() != null) {
            return new OwnScope(RuleScope.SCHOOL, c.school(), c.district());
        }
        if (c.hasRole(Roles.DISTRICT_ADMIN) && c.district() != null) {
            return new OwnScope(RuleScope.DISTRICT, c.district(), c.district());
        }
        throw ProblemException.forbidden("Routing rules belong to a school (school-admin) or a district (district-admin)");
    }
}
