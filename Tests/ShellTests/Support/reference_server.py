#!/usr/bin/env python3
"""A loopback server answering, as ../shared/reference/cognito.md describes them, the Cognito
operations moto 5.2.1 does not serve: USER_AUTH with SELECT_CHALLENGE / PASSWORD / PASSWORD_SRP /
EMAIL_OTP, CUSTOM_AUTH (with and without SRP), real SRP checks for USER_SRP_AUTH, device tracking
(ConfirmDevice, DEVICE_SRP_AUTH, DEVICE_PASSWORD_VERIFIER, List/Get/ForgetDevice), refresh-token
rotation (GetTokensFromRefreshToken), RevokeToken, ResendConfirmationCode, attribute verification
and DeleteUser. Standard library only; the SRP server side is written here from the formulas and
checked at start against the pycognito vectors, so it shares no code with cogsh.

usage: reference_server.py VECTORS_JSON     prints "PORT <n>" once listening.
Fixed facts tests rely on: pool us-east-1_RefPool; bob@example.com / "bob-password" must choose
an MFA (SELECT_MFA_TYPE, then SMS_MFA); clients "plain" (no secret), "devices" (issues
NewDeviceMetadata), "rotating" (refresh-token rotation), "secret" (client secret "reference-secret":
SECRET_HASH is checked over the USERNAME sent, and over the internal username, the sub, on refresh); user alice@example.com / "alice-password"
with sub "sub-alice"; every OTP and verification code is 246810; the custom challenge asks
"2+3" and wants "5".
Identity pools (cognito-identity's GetId, GetCredentialsForIdentity, GetOpenIdToken), with the checks
the developer guide and the services' own messages describe: IDENTITY_POOLS below. A login's key must
be one of the pool's providers ("Token is not from a supported provider of this identity pool."), the
id token's issuer must be that key ("Invalid login token. Issuer doesn't match providerName"), its aud
the provider's client, its exp in the future ("Invalid login token. Token expired: …"), and a guest
needs a pool that allows them ("Unauthenticated access is not supported for this identity pool.").
"""
import base64
import hashlib
import hmac
import json
import os
import pathlib
import sys
import time
import uuid

from loopback import JSONHandler, serve

N = int(
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD"
    "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
    "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F"
    "83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
    "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510"
    "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7"
    "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C"
    "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF", 16)
G = 2
POOL = "us-east-1_RefPool"
SECRETS = {"secret": "reference-secret"}
CODE = "246810"


def pad(n):
    h = format(n, "x")
    if len(h) % 2:
        h = "0" + h
    elif h[0] in "89abcdef":
        h = "00" + h
    return bytes.fromhex(h)


def H(b):
    return hashlib.sha256(b).digest()


K = int.from_bytes(H(pad(N) + pad(G)), "big")


def x_of(salt, name_part, user, password):
    return int.from_bytes(H(pad(salt) + H(f"{name_part}{user}:{password}".encode())), "big")


def expected_signature(a_big, b_small, v, name_part, user, block_b64, timestamp):
    """The server's side: S = (A * v^u)^b, then the same HKDF and HMAC the client must produce."""
    big_b = (K * v + pow(G, b_small, N)) % N
    u = int.from_bytes(H(pad(a_big) + pad(big_b)), "big")
    s = pow(a_big * pow(v, u, N), b_small, N)
    prk = hmac.new(pad(u), pad(s), hashlib.sha256).digest()
    key = hmac.new(prk, b"Caldera Derived Key\x01", hashlib.sha256).digest()[:16]
    msg = name_part.encode() + user.encode() + base64.b64decode(block_b64) + timestamp.encode()
    return base64.b64encode(hmac.new(key, msg, hashlib.sha256).digest()).decode()


def self_check(vectors_path):
    """Our server-side maths must agree with pycognito's client on its committed vector."""
    c = json.load(open(vectors_path))["cases"][0]
    salt = int(c["salt"], 16)
    name_part = c["poolId"].split("_")[1]
    v = pow(G, x_of(salt, name_part, c["userIdForSrp"], c["password"]), N)
    sig = expected_signature(int(c["srpA"], 16), int("bb" * 32, 16), v, name_part, c["userIdForSrp"],
                             c["secretBlock"], c["timestamp"])
    assert sig == c["passwordClaimSignature"], "reference server SRP disagrees with pycognito"


def b64url(obj):
    return base64.urlsafe_b64encode(json.dumps(obj).encode()).rstrip(b"=").decode()


class State:
    def __init__(self):
        self.users = {"alice@example.com": {"password": "alice-password", "sub": "sub-alice",
                                            "attributes": {"email": "alice@example.com"}, "deleted": False},
                      # bob has SMS and TOTP MFA and must choose between them (SELECT_MFA_TYPE)
                      "bob@example.com": {"password": "bob-password", "sub": "sub-bob", "mfa": True,
                                          "attributes": {"email": "bob@example.com"}, "deleted": False}}
        self.sessions = {}
        self.access = {}  # access token -> username
        self.refresh = {}  # refresh token -> (username, client, device_key)
        self.devices = {}  # device key -> {user, group, verifier, salt, name}

    def tokens(self, username, client, device_key=None, new_device=False, refresh=True):
        user = self.users[username]
        now = int(time.time())
        common = {"sub": user["sub"], "iss": f"https://cognito-idp.us-east-1.amazonaws.com/{POOL}", "iat": now,
                  "exp": now + 3600, "auth_time": now, "jti": str(uuid.uuid4()), "origin_jti": str(uuid.uuid4())}
        access_claims = dict(common, token_use="access", client_id=client, username=user["sub"],
                             scope="aws.cognito.signin.user.admin")
        if device_key:
            access_claims["device_key"] = device_key
        id_claims = dict(common, token_use="id", aud=client, **{"cognito:username": user["sub"]},
                         email=user["attributes"]["email"])
        if username == "alice@example.com":
            # alice is in the group "readers", whose role the identity pool may give her.
            id_claims.update({"cognito:groups": ["readers"],
                              "cognito:roles": ["arn:aws:iam::123456789012:role/readers"],
                              "cognito:preferred_role": "arn:aws:iam::123456789012:role/readers"})
        header = {"alg": "RS256", "kid": "reference"}
        access = f"{b64url(header)}.{b64url(access_claims)}.c2ln"
        result = {"AccessToken": access, "IdToken": f"{b64url(header)}.{b64url(id_claims)}.c2ln",
                  "ExpiresIn": 3600, "TokenType": "Bearer"}
        self.access[access] = username
        if refresh:
            token = "refresh-" + uuid.uuid4().hex
            self.refresh[token] = (username, client, device_key)
            result["RefreshToken"] = token
        if new_device:
            key = "us-east-1_" + str(uuid.uuid4())
            self.devices[key] = {"user": username, "group": "-Group" + uuid.uuid4().hex[:8], "verifier": None}
            result["NewDeviceMetadata"] = {"DeviceKey": key, "DeviceGroupKey": self.devices[key]["group"]}
        return {"AuthenticationResult": result}


STATE = State()


class ServiceError(Exception):
    def __init__(self, code, message):
        self.code, self.message = code, message


def fail(code, message):
    raise ServiceError(code, message)


def find_user(name):
    for username, u in STATE.users.items():
        if (name == username or name == u["sub"]) and not u["deleted"]:
            return username
    fail("UserNotFoundException", "User does not exist.")


def new_session(**data):
    token = "session-" + uuid.uuid4().hex
    STATE.sessions[token] = data
    return token


def srp_challenge(username, a_hex, name, client, then=None, device_key=None):
    """PASSWORD_VERIFIER for the user (or DEVICE_PASSWORD_VERIFIER for a device)."""
    b = int.from_bytes(os.urandom(32), "big")
    block = base64.b64encode(os.urandom(48)).decode()
    user = STATE.users[username]
    if name == "DEVICE_PASSWORD_VERIFIER":
        device = STATE.devices[device_key]
        salt, v = device["salt"], device["verifier"]
    else:
        salt = int.from_bytes(os.urandom(16), "big") | (1 << 120)
        v = pow(G, x_of(salt, POOL.split("_")[1], user["sub"], user["password"]), N)
    big_b = (K * v + pow(G, b, N)) % N
    session = new_session(user=username, client=client, stage=name, a=int(a_hex, 16), b=b, v=v, block=block,
                          then=then, device_key=device_key)
    params = {"SALT": format(salt, "x"), "SRP_B": format(big_b, "x"), "SECRET_BLOCK": block,
              "USERNAME": user["sub"]}
    if name == "PASSWORD_VERIFIER":
        params["USER_ID_FOR_SRP"] = user["sub"]
    return {"ChallengeName": name, "Session": session, "ChallengeParameters": params}


def check_claim(s, responses, name_part, user_part):
    sig = expected_signature(s["a"], s["b"], s["v"], name_part, user_part, s["block"], responses.get("TIMESTAMP", ""))
    if responses.get("PASSWORD_CLAIM_SECRET_BLOCK") != s["block"]:
        fail("NotAuthorizedException", "Incorrect username or password.")
    if not hmac.compare_digest(sig, responses.get("PASSWORD_CLAIM_SIGNATURE", "")):
        fail("NotAuthorizedException", "Incorrect username or password.")


def signed_in(username, client, device_key=None):
    if device_key and device_key not in STATE.devices:
        fail("ResourceNotFoundException", "Device does not exist.")
    if STATE.users[username].get("mfa"):
        return {"ChallengeName": "SELECT_MFA_TYPE", "ChallengeParameters": {"MFAS_CAN_CHOOSE": '["SMS_MFA","SOFTWARE_TOKEN_MFA"]'},
                "Session": new_session(user=username, client=client, stage="SELECT_MFA_TYPE")}
    if device_key and STATE.devices.get(device_key, {}).get("verifier") is not None:
        # A remembered device: prove it with DEVICE_SRP_AUTH before tokens.
        return {"ChallengeName": "DEVICE_SRP_AUTH", "ChallengeParameters": {},
                "Session": new_session(user=username, client=client, stage="DEVICE_SRP_AUTH", device_key=device_key)}
    return STATE.tokens(username, client, device_key=device_key, new_device=(client == "devices" and not device_key))


def check_secret_hash(client, username, given):
    """SECRET_HASH = Base64(HMAC-SHA256(secret, username + client id)), per the developer guide."""
    if client not in SECRETS:
        return
    expected = base64.b64encode(hmac.new(SECRETS[client].encode(), (username + client).encode(),
                                         hashlib.sha256).digest()).decode()
    if given is None:
        fail("NotAuthorizedException", f"Client {client} is configured for secret but secret was not received")
    if not hmac.compare_digest(expected, given):
        fail("NotAuthorizedException", f"Unable to verify secret hash for client {client}")


def initiate_auth(body):
    client, flow, params = body.get("ClientId"), body.get("AuthFlow"), body.get("AuthParameters", {})
    if flow not in ("REFRESH_TOKEN_AUTH", "REFRESH_TOKEN"):
        check_secret_hash(client, params.get("USERNAME", ""), params.get("SECRET_HASH"))
    if flow == "USER_SRP_AUTH":
        username = find_user(params["USERNAME"])
        return srp_challenge(username, params["SRP_A"], "PASSWORD_VERIFIER", client,
                             device_key=params.get("DEVICE_KEY"))
    if flow == "USER_PASSWORD_AUTH":
        username = find_user(params["USERNAME"])
        if STATE.users[username]["password"] != params.get("PASSWORD"):
            fail("NotAuthorizedException", "Incorrect username or password.")
        return signed_in(username, client, params.get("DEVICE_KEY"))
    if flow == "USER_AUTH":
        username = find_user(params["USERNAME"])
        preferred = params.get("PREFERRED_CHALLENGE")
        if preferred is None:
            # The factors this user has (InitiateAuth's AvailableChallenges): no plain PASSWORD here.
            return {"ChallengeName": "SELECT_CHALLENGE", "AvailableChallenges": ["PASSWORD_SRP", "EMAIL_OTP", "SMS_OTP"],
                    "ChallengeParameters": {}, "Session": new_session(user=username, client=client, stage="SELECT_CHALLENGE")}
        return choose(username, client, preferred, params)
    if flow == "CUSTOM_AUTH":
        username = find_user(params["USERNAME"])
        if params.get("CHALLENGE_NAME") == "SRP_A":
            return srp_challenge(username, params["SRP_A"], "PASSWORD_VERIFIER", client, then="CUSTOM_CHALLENGE")
        return custom_challenge(username, client)
    if flow in ("REFRESH_TOKEN_AUTH", "REFRESH_TOKEN"):
        if client == "rotating":
            # AWS: "You can't authenticate with REFRESH_TOKEN_AUTH in app clients with refresh token
            # rotation enabled" -- the flow is off for such a client, refused as any disabled flow is.
            fail("InvalidParameterException", f"{flow} flow not enabled for this client")
        entry = STATE.refresh.get(params.get("REFRESH_TOKEN"))
        if entry is None:
            fail("NotAuthorizedException", "Invalid Refresh Token")
        username, _, device_key = entry
        check_secret_hash(client, STATE.users[username]["sub"], params.get("SECRET_HASH"))
        if device_key and params.get("DEVICE_KEY") != device_key:
            fail("NotAuthorizedException", "Invalid Refresh Token")
        return STATE.tokens(username, client, device_key=device_key, refresh=False)
    fail("InvalidParameterException", f"{flow} flow not enabled for this client")


def custom_challenge(username, client):
    return {"ChallengeName": "CUSTOM_CHALLENGE", "ChallengeParameters": {"question": "2+3"},
            "Session": new_session(user=username, client=client, stage="CUSTOM_CHALLENGE")}


def choose(username, client, factor, params):
    if factor == "PASSWORD":
        if STATE.users[username]["password"] != params.get("PASSWORD"):
            fail("NotAuthorizedException", "Incorrect username or password.")
        return STATE.tokens(username, client)
    if factor == "PASSWORD_SRP":
        return srp_challenge(username, params["SRP_A"], "PASSWORD_VERIFIER", client)
    if factor in ("EMAIL_OTP", "SMS_OTP"):
        return {"ChallengeName": factor, "Session": new_session(user=username, client=client, stage=factor),
                "ChallengeParameters": {"CODE_DELIVERY_DELIVERY_MEDIUM": "EMAIL", "CODE_DELIVERY_DESTINATION": "a***@e***"}}
    if factor == "WEB_AUTHN":
        # The passkey ceremony's options, as the developer guide shows the challenge.
        return {"ChallengeName": "WEB_AUTHN", "Session": new_session(user=username, client=client, stage="WEB_AUTHN"),
                "ChallengeParameters": {"CREDENTIAL_REQUEST_OPTIONS": json.dumps({"challenge": "abc", "rpId": "example.com"})}}
    fail("InvalidParameterException", f"{factor} is not available")


def respond(body):
    s = STATE.sessions.pop(body.get("Session"), None)
    name, responses = body.get("ChallengeName"), body.get("ChallengeResponses", {})
    if s is None or s["stage"] != name:
        fail("NotAuthorizedException", "Invalid session for the user.")
    username, client = s["user"], s["client"]
    sub = STATE.users[username]["sub"]
    # Device challenges carry no USERNAME; amazon-cognito-identity-js answers them with USER_ID_FOR_SRP
    # (the internal username), so an alias is refused there.
    allowed = (sub,) if name in ("DEVICE_SRP_AUTH", "DEVICE_PASSWORD_VERIFIER") else (sub, username)
    if responses.get("USERNAME") not in allowed:
        fail("NotAuthorizedException", "Incorrect username or password.")
    check_secret_hash(client, responses.get("USERNAME"), responses.get("SECRET_HASH"))
    if name == "PASSWORD_VERIFIER":
        check_claim(s, responses, POOL.split("_")[1], sub)
        if s.get("then") == "CUSTOM_CHALLENGE":
            return custom_challenge(username, client)
        return signed_in(username, client, responses.get("DEVICE_KEY") or s.get("device_key"))
    if name == "SELECT_CHALLENGE":
        return choose(username, client, responses.get("ANSWER"), responses)
    if name == "SELECT_MFA_TYPE":
        if responses.get("ANSWER") != "SMS_MFA":
            fail("InvalidParameterException", "only SMS_MFA is set up in this server")
        return {"ChallengeName": "SMS_MFA", "Session": new_session(user=username, client=client, stage="SMS_MFA"),
                "ChallengeParameters": {"CODE_DELIVERY_DELIVERY_MEDIUM": "SMS", "CODE_DELIVERY_DESTINATION": "+*******1234"}}
    if name in ("EMAIL_OTP", "SMS_OTP", "SMS_MFA"):
        if responses.get(f"{name}_CODE") != CODE:
            STATE.sessions[body["Session"]] = s
            fail("CodeMismatchException", "Invalid code received for user")
        return STATE.tokens(username, client)
    if name == "CUSTOM_CHALLENGE":
        if responses.get("ANSWER") != "5":
            fail("NotAuthorizedException", "Incorrect username or password.")
        return STATE.tokens(username, client)
    if name == "DEVICE_SRP_AUTH":
        if responses.get("DEVICE_KEY") != s["device_key"]:
            fail("ResourceNotFoundException", "Device does not exist.")
        return srp_challenge(username, responses["SRP_A"], "DEVICE_PASSWORD_VERIFIER", client, device_key=s["device_key"])
    if name == "DEVICE_PASSWORD_VERIFIER":
        device = STATE.devices[s["device_key"]]
        check_claim(s, responses, device["group"], s["device_key"])
        return STATE.tokens(username, client, device_key=s["device_key"])
    fail("InvalidParameterException", f"unknown challenge {name}")


def user_of(token):
    username = STATE.access.get(token)
    if username is None or STATE.users[username]["deleted"]:
        fail("NotAuthorizedException", "Access Token has been revoked")
    return username


def confirm_device(body):
    username = user_of(body["AccessToken"])
    device = STATE.devices.get(body["DeviceKey"])
    if device is None or device["user"] != username:
        fail("ResourceNotFoundException", "Device does not exist.")
    config = body["DeviceSecretVerifierConfig"]
    device["verifier"] = int.from_bytes(base64.b64decode(config["PasswordVerifier"]), "big")
    device["salt"] = int.from_bytes(base64.b64decode(config["Salt"]), "big")
    device["name"] = body.get("DeviceName", "")
    return {"UserConfirmationNecessary": False}


def device_record(key):
    d = STATE.devices[key]
    return {"DeviceKey": key, "DeviceAttributes": [{"Name": "device_name", "Value": d.get("name", "")}],
            "DeviceCreateDate": 1700000000, "DeviceLastAuthenticatedDate": int(time.time())}


def list_devices(body):
    username = user_of(body["AccessToken"])
    return {"Devices": [device_record(k) for k, d in STATE.devices.items()
                        if d["user"] == username and d["verifier"] is not None]}


def admin_forget_device(body):
    """The administrator's ForgetDevice: the device is gone for the pool, whatever the client remembers."""
    if STATE.devices.pop(body.get("DeviceKey"), None) is None:
        fail("ResourceNotFoundException", "Device does not exist.")
    return {}


def forget_device(body):
    user_of(body["AccessToken"])
    if STATE.devices.pop(body["DeviceKey"], None) is None:
        fail("ResourceNotFoundException", "Device does not exist.")
    return {}


def tokens_from_refresh(body):
    """With rotation (client "rotating", no grace period) the token is spent and a new one issued;
    without, GetTokensFromRefreshToken works as REFRESH_TOKEN_AUTH does (RefreshTokenRotationType)."""
    if body.get("ClientId") == "rotating":
        entry = STATE.refresh.pop(body.get("RefreshToken"), None)
        if entry is None:
            fail("RefreshTokenReuseException", "Refresh token has been used already")
        username, client, device_key = entry
        return STATE.tokens(username, client, device_key=device_key)
    entry = STATE.refresh.get(body.get("RefreshToken"))
    if entry is None:
        fail("NotAuthorizedException", "Invalid Refresh Token")
    username, client, device_key = entry
    return STATE.tokens(username, client, device_key=device_key, refresh=False)


def describe_pool(body):
    """The pool's settings as far as hints need them: a user-migration trigger (runs on USER_PASSWORD_AUTH only)."""
    return {"UserPool": {"Id": body.get("UserPoolId"), "LambdaConfig": {
        "UserMigration": "arn:aws:lambda:us-east-1:123456789012:function:migrate"},
        "Policies": {"PasswordPolicy": {"MinimumLength": 8}}}}


def set_mfa_preference(body):
    settings = STATE.users[user_of(body["AccessToken"])].setdefault("mfa_settings", {})
    for key, name in (("SMSMfaSettings", "SMS_MFA"), ("SoftwareTokenMfaSettings", "SOFTWARE_TOKEN_MFA"),
                      ("EmailMfaSettings", "EMAIL_OTP")):
        if key in body:
            settings[name] = bool(body[key].get("Enabled"))
    return {}


def describe_client(body):
    rotation = "ENABLED" if body.get("ClientId") == "rotating" else "DISABLED"
    return {"UserPoolClient": {"ClientId": body.get("ClientId"), "UserPoolId": body.get("UserPoolId"),
                               "AuthSessionValidity": 5,
                               "RefreshTokenRotation": {"Feature": rotation, "RetryGracePeriodSeconds": 0}}}


def revoke(body):
    if STATE.refresh.pop(body.get("Token"), None) is None:
        fail("UnsupportedTokenTypeException", "The token is not a valid refresh token")
    return {}


def get_user(body):
    username = user_of(body["AccessToken"])
    u = STATE.users[username]
    return {"Username": u["sub"], "UserAttributes": [{"Name": k, "Value": v} for k, v in u["attributes"].items()],
            "UserMFASettingList": sorted(k for k, on in u.get("mfa_settings", {}).items() if on)}


def verify_attribute(body):
    user_of(body["AccessToken"])
    if body.get("Code") != CODE:
        fail("CodeMismatchException", "Invalid verification code provided, please try again.")
    return {}


def delete_user(body):
    STATE.users[user_of(body["AccessToken"])]["deleted"] = True
    return {}


def delivery(_body):
    return {"CodeDeliveryDetails": {"Destination": "a***@e***", "DeliveryMedium": "EMAIL", "AttributeName": "email"}}


REF_PROVIDER = f"cognito-idp.us-east-1.amazonaws.com/{POOL}"
IDENTITY_POOLS = {
    # The reference pool and its "plain" client as provider; guests allowed.
    "us-east-1:11111111-1111-4111-8111-111111111111": {"providers": {REF_PROVIDER: "plain"}, "guests": True},
    # Another user pool's provider only; no guests.
    "us-east-1:22222222-2222-4222-8222-222222222222": {
        "providers": {"cognito-idp.us-east-1.amazonaws.com/us-east-1_OtherPool": "plain"}, "guests": False},
    # A provider whose name is not the issuer of the reference pool's tokens (a mistyped pool id).
    "us-east-1:33333333-3333-4333-8333-333333333333": {
        "providers": {"cognito-idp.us-east-1.amazonaws.com/us-east-1_Typo": "plain"}, "guests": False},
}
IDENTITIES = {}  # identity id -> pool


def claims_of(token):
    try:
        payload = token.split(".")[1]
        return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except Exception:
        fail("NotAuthorizedException", "Invalid login token. Not a valid OpenId Connect identity token.")


def check_logins(pool_id, logins):
    pool = IDENTITY_POOLS.get(pool_id)
    if pool is None:
        fail("ResourceNotFoundException", f"IdentityPool '{pool_id}' not found.")
    if not logins:
        if not pool["guests"]:
            fail("NotAuthorizedException", "Unauthenticated access is not supported for this identity pool.")
        return
    for key, token in logins.items():
        if key not in pool["providers"]:
            fail("NotAuthorizedException", "Token is not from a supported provider of this identity pool.")
        claims = claims_of(token)
        if claims.get("iss", "").removeprefix("https://") != key:
            fail("NotAuthorizedException", "Invalid login token. Issuer doesn't match providerName")
        if claims.get("aud") != pool["providers"][key]:
            fail("NotAuthorizedException", "Token is not from a supported provider of this identity pool.")
        now = int(time.time())
        if claims.get("exp", 0) <= now:
            fail("NotAuthorizedException", f"Invalid login token. Token expired: {now} >= {claims.get('exp', 0)}")


def get_id(body):
    check_logins(body.get("IdentityPoolId"), body.get("Logins"))
    identity = "us-east-1:" + str(uuid.uuid4())
    IDENTITIES[identity] = body["IdentityPoolId"]
    return {"IdentityId": identity}


def identity_credentials(body):
    pool = IDENTITIES.get(body.get("IdentityId"))
    if pool is None:
        fail("ResourceNotFoundException", "Identity not found.")
    check_logins(pool, body.get("Logins"))
    return {"IdentityId": body["IdentityId"], "Credentials": {
        "AccessKeyId": "ASIAREFERENCE", "SecretKey": "reference-secret-key", "SessionToken": "reference-session",
        "Expiration": time.time() + 3600}}


OPERATIONS = {
    "GetId": get_id, "GetCredentialsForIdentity": identity_credentials,
    "InitiateAuth": initiate_auth, "RespondToAuthChallenge": respond, "ConfirmDevice": confirm_device,
    "ListDevices": list_devices, "ForgetDevice": forget_device, "GetDevice": lambda b: {"Device": device_record(b["DeviceKey"])},
    "GetTokensFromRefreshToken": tokens_from_refresh, "RevokeToken": revoke, "GetUser": get_user,
    "DescribeUserPoolClient": describe_client, "AdminForgetDevice": admin_forget_device,
    "DescribeUserPool": describe_pool, "SetUserMFAPreference": set_mfa_preference,
    "GlobalSignOut": lambda b: (user_of(b["AccessToken"]), {})[1], "ResendConfirmationCode": delivery,
    "GetUserAttributeVerificationCode": delivery, "VerifyUserAttribute": verify_attribute, "DeleteUser": delete_user,
}


class Handler(JSONHandler):
    # Keep-alive, as Cognito's endpoints do: a client's second request may reuse the connection.
    protocol_version = "HTTP/1.1"
    # Headers and body are written separately: without this, Nagle's algorithm holds the body back
    # until the client's delayed ACK (40 ms), which a real endpoint does not do.
    disable_nagle_algorithm = True

    def do_GET(self):
        """Any path ending in jwks.json serves the test key set (Tests/Vectors/jwks-test.json)."""
        if not self.path.endswith("jwks.json"):
            self.send_error(404)
            return
        self.send_bytes(200, pathlib.Path(sys.argv[1]).with_name("jwks-test.json").read_bytes(), "application/json")

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))) or b"{}")
        action = self.headers.get("X-Amz-Target", "").split(".")[-1]
        try:
            if action not in OPERATIONS:
                fail("UnknownOperationException", action)
            payload, status = OPERATIONS[action](body), 200
        except ServiceError as e:
            payload, status = {"__type": e.code, "message": e.message}, 400
        self.send_json(status, payload)


if __name__ == "__main__":
    self_check(sys.argv[1])
    serve(Handler, threaded=True)
