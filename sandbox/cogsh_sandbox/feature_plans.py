"""The feature plan (UserPoolTier) a feature needs: the sandbox refuses what a pool's plan does not include.

What it follows, from botocore's model of the API reference (the types' own words):
- EmailMfaConfigType: "To activate this setting, your user pool must be in the Essentials tier or higher."
- UserPoolAddOnsType (threat protection, AdvancedSecurityMode AUDIT or ENFORCED): "your user pool must be
  on the Plus tier."
- Choice-based sign-in, whose factors beyond PASSWORD are the pool's SignInPolicy.AllowedFirstAuthFactors,
  and passkeys (WebAuthnConfiguration) are the Essentials plan's (developer guide, "User pool feature
  plans", cognito-sign-in-feature-plans.html; USER_AUTH itself is refused in user_auth.py).
- The refusal is FeatureUnavailableInTierException, which the model lists for CreateUserPool,
  UpdateUserPool and SetUserPoolMfaConfig; StartWebAuthnRegistration lists none of it, and answers
  WebAuthnNotEnabledException. A pool's plan is ESSENTIALS when none is given (UserPoolTier's default).
The messages are the sandbox's.
"""

from cogsh_sandbox import moto_pools
from cogsh_sandbox.wire import Refusal

RANK = {"LITE": 0, "ESSENTIALS": 1, "PLUS": 2}
UNAVAILABLE = "FeatureUnavailableInTierException"


def tier(pool=None, request=None):
    """The plan a request sets, else the pool's, else the default."""
    given = (request or {}).get("UserPoolTier")
    if given:
        return given
    return (pool.extended_config.get("UserPoolTier") if pool else None) or "ESSENTIALS"


def needs(plan, needed, what):
    """Refuses `what` unless `plan` is `needed` or higher."""
    if RANK.get(plan, 1) < RANK[needed]:
        raise Refusal(UNAVAILABLE, f"{what} needs the {needed.title()} plan or higher; this pool is on {plan.title()}")


def check(action, request):
    """Raises the refusal Cognito gives when `request` uses a feature its pool's plan lacks."""
    if action in ("CreateUserPool", "UpdateUserPool"):
        pool = moto_pools.pool(request.get("UserPoolId")) if action == "UpdateUserPool" else None
        plan = tier(pool, request)
        factors = ((request.get("Policies") or {}).get("SignInPolicy") or {}).get("AllowedFirstAuthFactors") or []
        if any(f != "PASSWORD" for f in factors):
            needs(plan, "ESSENTIALS", "A sign-in policy with factors other than PASSWORD (choice-based sign-in)")
        mode = (request.get("UserPoolAddOns") or {}).get("AdvancedSecurityMode")
        if mode in ("AUDIT", "ENFORCED"):
            needs(plan, "PLUS", "Threat protection (UserPoolAddOns AdvancedSecurityMode " + mode + ")")
    elif action == "SetUserPoolMfaConfig":
        plan = tier(moto_pools.pool(request.get("UserPoolId")))
        if request.get("EmailMfaConfiguration"):
            needs(plan, "ESSENTIALS", "Email MFA (EmailMfaConfiguration)")
        if request.get("WebAuthnConfiguration"):
            needs(plan, "ESSENTIALS", "Passkeys (WebAuthnConfiguration)")
    elif action == "StartWebAuthnRegistration":
        token = request.get("AccessToken")
        pool = moto_pools.by_access_token(token)
        if pool is not None and RANK.get(tier(pool), 1) < RANK["ESSENTIALS"]:
            raise Refusal(
                "WebAuthnNotEnabledException", f"Passkeys need the Essentials plan or higher; this pool is on {tier(pool).title()}"
            )
