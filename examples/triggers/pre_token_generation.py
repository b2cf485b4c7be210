"""PreTokenGeneration, event version 2 (V2_0): a tenant claim in both tokens, and a scope in the access
token, for a backend that authorizes by tenant and scope."""


def handler(event, context):
    domain = event["request"]["userAttributes"].get("email", "@").split("@")[-1]
    tenant = domain.split(".")[0] or "default"
    event["response"]["claimsAndScopeOverrideDetails"] = {
        "idTokenGeneration": {"claimsToAddOrOverride": {"tenant": tenant}},
        "accessTokenGeneration": {"claimsToAddOrOverride": {"tenant": tenant}, "scopesToAdd": [f"{tenant}/orders.read"]},
    }
    return event
