"""Which AWS Region a request is addressed to, and the issuer of the tokens it is answered with.

Cognito is reached at one endpoint per Region (cognito-idp.REGION.amazonaws.com); the sandbox is one
address, so a request names its Region in the path, ``/region/REGION/`` before the usual ``/`` (cogsh
does this on the sandbox when it addresses a Region other than the pool id's), or in its SigV4
credential scope, as every signed request does. A request that names none is the pool's own Region's.

The issuer follows the pool's IssuerConfiguration (API reference, IssuerConfigurationType,
https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_IssuerConfigurationType.html):
ORIGINAL is ``https://cognito-idp.REGION.amazonaws.com/POOL``, "hosted in the user pool's region";
UPDATED is ``https://issuer-cognito-idp.REGION.amazonaws.com/POOL`` "where region is the primary AWS
Region of your user pool", the same in every replica. moto always writes the original form with the
pool's own Region; the sandbox gives tokens the pool's configured form, and, for ORIGINAL, the Region of
the replica that issued them (the sandbox's reading of "hosted in the user pool's region": a replica's
tokens name the replica's Region, which is why the developer guide recommends UPDATED for replication).
"""

import re
import threading

PREFIX = re.compile(r"^/region/(?P<region>[a-z0-9-]{5,32})(?P<rest>/.*)?$")
SCOPE = re.compile(r"Credential=[^/,]+/\d{8}/(?P<region>[^/,]+)/")

_serving = threading.local()


def address(environ):
    """The Region `environ` is addressed to (None when it names none); a ``/region/R`` prefix is taken
    off the path, so that what follows is served as it would be at the root."""
    match = PREFIX.match(environ.get("PATH_INFO", ""))
    if match:
        environ["PATH_INFO"] = match.group("rest") or "/"
        return match.group("region")
    scope = SCOPE.search(environ.get("HTTP_AUTHORIZATION", ""))
    return scope.group("region") if scope else None


def rescope(environ, region):
    """The request signed for `region` instead, so that moto (which finds a pool by the scope's Region)
    finds the primary's pool for a request a replica serves; moto checks no signature."""
    auth = environ.get("HTTP_AUTHORIZATION")
    if auth:
        environ["HTTP_AUTHORIZATION"] = SCOPE.sub(
            lambda m: m.group(0).replace("/" + m.group("region") + "/", "/" + region + "/"), auth, count=1
        )


def serve_in(region):
    """Tokens minted by this thread from now on are the replica in `region`'s (None: the pool's own)."""
    _serving.region = region


def issuer(pool):
    """The `iss` of tokens `pool` issues, in its configured form, at the Region serving the request."""
    form = ((pool.extended_config.get("IssuerConfiguration") or {}).get("Type")) or "ORIGINAL"
    if form == "UPDATED":
        return f"https://issuer-cognito-idp.{pool.region}.amazonaws.com/{pool.id}"
    region = getattr(_serving, "region", None) or pool.region
    return f"https://cognito-idp.{region}.amazonaws.com/{pool.id}"
