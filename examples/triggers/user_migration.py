"""UserMigration from a dictionary standing in for the old user store: a user found there with the right
password is created in the pool with their attributes, confirmed; the password is checked, never kept here."""

import hashlib

# The old store: a salted hash of each password (old-pass-1 for both).
OLD_USERS = {
    "ken@legacy.example": {"name": "Ken", "salt": "s1", "hash": hashlib.sha256(b"s1old-pass-1").hexdigest()},
    "yui@legacy.example": {"name": "Yui", "salt": "s2", "hash": hashlib.sha256(b"s2old-pass-1").hexdigest()},
}


def handler(event, context):
    user = OLD_USERS.get(event["userName"])
    if user is None:
        raise Exception("User does not exist in the old store.")
    if event["triggerSource"] == "UserMigration_Authentication":
        given = hashlib.sha256((user["salt"] + event["request"]["password"]).encode()).hexdigest()
        if given != user["hash"]:
            raise Exception("Bad password.")
        event["response"]["finalUserStatus"] = "CONFIRMED"
    else:  # UserMigration_ForgotPassword: the user resets the password
        event["response"]["finalUserStatus"] = "RESET_REQUIRED"
    event["response"]["userAttributes"] = {"email": event["userName"], "email_verified": "true", "name": user["name"]}
    event["response"]["messageAction"] = "SUPPRESS"
    return event
