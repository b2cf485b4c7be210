"""Multi-Region replication: a user pool's replica in a second Region, which moto does not serve.

What it follows:
- The API reference's CreateUserPoolReplica, ListUserPoolReplicas, UpdateUserPoolReplica and
  DeleteUserPoolReplica (…/APIReference/API_CreateUserPoolReplica.html and its siblings) and
  UserPoolReplicaType: RegionName, Role (PRIMARY "supports all end user and administrator operations";
  SECONDARY "a limited set …: only administrator operations that set configurations specific to the
  replica, and only end-user operations that do not create or change attributes of a user"), Status
  (CREATING, ACTIVE, INACTIVE "not accepting requests for end-users. Administrator configuration
  operations are supported", DELETING), UserPoolArn. UpdateUserPoolReplica "can be made in both primary
  and secondary regions"; DeleteUserPoolReplica deletes "only replicas that are in the INACTIVE status"
  and "must be called from the primary Region".
- The developer guide's "Multi-Region replication for user pools" (user-pool-multi-region.html): the
  Essentials or Plus feature plan ("With the Lite feature plan, you can't enable MRR"); a new secondary
  starts INACTIVE; at most one secondary; a secondary creates no users (sign-up or admin), resets no
  passwords, changes no profile, serves no TOTP MFA ("users who have configured TOTP MFA must
  authenticate when the user pool in the primary Region is serving requests"), and keeps its own
  failed-attempt counts.
- botocore's model, for the refusal's name: OperationNotEnabledException, "thrown when an operation is not
  available in the current region … not supported in secondary replica regions"; FeatureUnavailableInTier
  for the plan; which operations are an end user's (the model's ``auth: smithy.api#noAuth``, the ones sent
  unsigned).

The sandbox's choices where the pages say nothing, said here: a replica is created at once (INACTIVE, no
CREATING); a replica serves the primary's users from the same store (the shared directory, with no
replication delay); of administrator operations a secondary serves reading ones (Describe*, List*, Get*,
AdminGet*, AdminList*), sign-in and sign-out, devices, tags, log delivery and UpdateUserPoolReplica, and
refuses the rest as configuration that the primary owns; the refusals' messages are the sandbox's. moto
counts no failed attempts, so neither Region locks a user out.
"""

import threading

from botocore.session import get_session
from moto.core import DEFAULT_ACCOUNT_ID

from cogsh_sandbox import feature_plans, moto_pools, regions
from cogsh_sandbox.wire import Refusal

NOT_ENABLED = "OperationNotEnabledException"
SERVED_BY_SECONDARY = {
    "InitiateAuth",
    "RespondToAuthChallenge",
    "AdminInitiateAuth",
    "AdminRespondToAuthChallenge",
    "GetTokensFromRefreshToken",
    "RevokeToken",
    "GlobalSignOut",
    "AdminUserGlobalSignOut",
    "RevokeUserSession",
    "ConfirmDevice",
    "UpdateDeviceStatus",
    "ForgetDevice",
    "AdminUpdateDeviceStatus",
    "AdminForgetDevice",
    "UpdateUserPoolReplica",
    "TagResource",
    "UntagResource",
    "SetLogDeliveryConfiguration",
}
# Why a secondary refuses what it refuses, in the developer guide's categories.
REFUSED_BY_SECONDARY = {
    "creates no users": {"SignUp", "ConfirmSignUp", "AdminCreateUser", "AdminConfirmSignUp"},
    "resets and changes no passwords": {
        "ForgotPassword",
        "ConfirmForgotPassword",
        "ChangePassword",
        "AdminResetUserPassword",
        "AdminSetUserPassword",
    },
    "changes no user's profile": {
        "UpdateUserAttributes",
        "DeleteUserAttributes",
        "VerifyUserAttribute",
        "GetUserAttributeVerificationCode",
        "AdminUpdateUserAttributes",
        "AdminDeleteUserAttributes",
    },
    "serves no TOTP MFA": {"AssociateSoftwareToken", "VerifySoftwareToken"},
}
READING = ("Describe", "List", "Get", "AdminGet", "AdminList")
REPLICA_ACTIONS = {"CreateUserPoolReplica", "ListUserPoolReplicas", "UpdateUserPoolReplica", "DeleteUserPoolReplica"}


def _end_user_actions():
    model = get_session().get_service_model("cognito-idp")
    return {
        name
        for name in model.operation_names
        if "smithy.api#noAuth" in (getattr(model.operation_model(name), "auth", None) or [])
        or model.operation_model(name).auth_type == "none"
    }


class Replicas:
    def __init__(self):
        self._lock = threading.Lock()
        self._replicas = {}  # pool id -> {region: {"Role": ..., "Status": ...}}, the primary first
        self.end_user = _end_user_actions()

    # The pool's replicas, the primary's row made on first sight.
    def _of(self, pool):
        return self._replicas.setdefault(pool.id, {pool.region: {"Role": "PRIMARY", "Status": "ACTIVE"}})

    @staticmethod
    def _row(pool, region, replica):
        arn = f"arn:aws:cognito-idp:{region}:{DEFAULT_ACCOUNT_ID}:userpool/{pool.id}"
        return {"RegionName": region, "Role": replica["Role"], "Status": replica["Status"], "UserPoolArn": arn}

    @staticmethod
    def _pool(request):
        pool_id = request.get("UserPoolId")
        pool = moto_pools.pool(pool_id)
        if pool is None:
            raise Refusal("ResourceNotFoundException", f"User pool {pool_id} does not exist.")
        return pool

    @staticmethod
    def pool_of(request):
        """The pool a cognito-idp request is about, or None: by UserPoolId, ClientId or AccessToken."""
        if request.get("UserPoolId"):
            return moto_pools.pool(request["UserPoolId"])
        if request.get("ClientId"):
            found = moto_pools.client(request["ClientId"])
            return found[1] if found else None
        return moto_pools.by_access_token(request.get("AccessToken"))

    def admit(self, action, request, region, environ):
        """Where the request is served, the replica's rules applied: the Region the answer's tokens are
        the replica's (None: the pool's own). Raises a Refusal when the addressed Region does not serve it."""
        pool = self.pool_of(request)
        if pool is None or region is None or region == pool.region:
            self._check_active(pool, pool.region if pool else None, action)
            return None
        with self._lock:
            replica = self._of(pool).get(region)
        if replica is None:
            if request.get("UserPoolId") or action not in self.end_user:
                raise Refusal("ResourceNotFoundException", f"User pool {pool.id} does not exist.")
            raise Refusal("ResourceNotFoundException", f"User pool client {request.get('ClientId')} does not exist.")
        if action not in REPLICA_ACTIONS:
            for why, actions in REFUSED_BY_SECONDARY.items():
                if action in actions:
                    raise Refusal(
                        NOT_ENABLED,
                        f"{action} is not available in {region}: a secondary replica of user pool {pool.id} "
                        f"{why}; its primary Region {pool.region} serves it",
                    )
            if action not in SERVED_BY_SECONDARY and not action.startswith(READING):
                why = "changes no user" if action in self.end_user else "takes its configuration from"
                raise Refusal(
                    NOT_ENABLED,
                    f"{action} is not available in {region}: a secondary replica of user pool {pool.id} {why}"
                    + (f"; its primary Region {pool.region} serves it" if action in self.end_user
                       else f" the primary Region {pool.region}"),
                )
        self._check_active(pool, region, action)
        regions.rescope(environ, pool.region)
        return region

    def _check_active(self, pool, region, action):
        if pool is None or action not in self.end_user:
            return
        with self._lock:
            replica = self._replicas.get(pool.id, {}).get(region)
        if replica and replica["Status"] != "ACTIVE":
            raise Refusal(
                NOT_ENABLED,
                f"user pool {pool.id} in {region} is {replica['Status']}: it accepts no end-user requests",
            )

    @staticmethod
    def check_answer(pool, region, answer):
        """A secondary's sign-in that would go on to TOTP is refused there."""
        if region and answer.get("ChallengeName") == "SOFTWARE_TOKEN_MFA":
            raise Refusal(
                NOT_ENABLED,
                f"TOTP MFA is not served in {region}, a secondary replica of user pool {pool.id}: a user with "
                f"TOTP signs in while the primary Region {pool.region} serves requests",
            )

    def serve(self, action, request, region):
        """The answer to one of the replica actions, made in `region` (None: the pool's own)."""
        pool = self._pool(request)
        here = region or pool.region
        target = request.get("RegionName")
        with self._lock:
            replicas = self._of(pool)
            if action == "ListUserPoolReplicas":
                return {"UserPoolReplicas": [self._row(pool, r, v) for r, v in replicas.items()]}
            if not isinstance(target, str) or not 5 <= len(target) <= 32:
                raise Refusal("InvalidParameterException", "RegionName must be a Region name of 5 to 32 characters")
            if action == "CreateUserPoolReplica":
                if here != pool.region:
                    raise Refusal(NOT_ENABLED, f"a replica is created from the primary Region {pool.region}")
                feature_plans.needs(feature_plans.tier(pool), "ESSENTIALS", "Multi-Region replication")
                if target in replicas:
                    raise Refusal("InvalidParameterException", f"user pool {pool.id} already has a replica in {target}")
                if len(replicas) > 1:
                    raise Refusal("LimitExceededException", f"user pool {pool.id} already has its one secondary replica")
                replicas[target] = {"Role": "SECONDARY", "Status": "INACTIVE"}
                return {"UserPoolReplica": self._row(pool, target, replicas[target])}
            replica = replicas.get(target)
            if replica is None:
                raise Refusal("ResourceNotFoundException", f"user pool {pool.id} has no replica in {target}")
            if action == "UpdateUserPoolReplica":
                status = request.get("Status")
                if status not in ("ACTIVE", "INACTIVE"):
                    raise Refusal("InvalidParameterException", "Status must be ACTIVE or INACTIVE")
                replica["Status"] = status
                return {"UserPoolReplica": self._row(pool, target, replica)}
            # DeleteUserPoolReplica
            if here != pool.region:
                raise Refusal(NOT_ENABLED, f"a replica is deleted from the primary Region {pool.region}")
            if replica["Role"] == "PRIMARY":
                raise Refusal("InvalidParameterException", "the primary replica is not deleted: delete the user pool")
            if replica["Status"] != "INACTIVE":
                raise Refusal("InvalidParameterException", f"the replica in {target} is ACTIVE: deactivate it first")
            del replicas[target]
            return {"UserPoolReplica": dict(self._row(pool, target, replica), Status="DELETING")}
