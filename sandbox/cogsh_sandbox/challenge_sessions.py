"""Challenge Sessions that expire, as Cognito's do; moto never expires them.

The API reference's UserPoolClientType.AuthSessionValidity
(https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UserPoolClientType.html):
"Amazon Cognito creates a session token for each API request in an authentication flow.
AuthSessionValidity is the duration, in minutes, of that session token. Your user pool native user must
respond to each authentication challenge before the session expires." Minimum 3, maximum 15, default 3.

Each Session an answer carries (InitiateAuth, RespondToAuthChallenge and their Admin forms,
AssociateSoftwareToken) is noted with the time and the app client; a request that answers with one
after its client's validity is refused with NotAuthorizedException, in the words Cognito uses for it
("Invalid session for the user, session is expired.", as SDK issues quote it, e.g.
https://github.com/aws-amplify/amplify-js/issues/5834's thread). Sessions the sandbox did not see
issued are left to moto.
"""

import threading

from cogsh_sandbox.managed_login import find_client

DEFAULT_VALIDITY_MINUTES = 3
EXPIRED = "Invalid session for the user, session is expired."

ISSUING = {
    "InitiateAuth",
    "AdminInitiateAuth",
    "RespondToAuthChallenge",
    "AdminRespondToAuthChallenge",
    "AssociateSoftwareToken",
}
ANSWERING = {"RespondToAuthChallenge", "AdminRespondToAuthChallenge", "AssociateSoftwareToken", "VerifySoftwareToken"}


class ChallengeSessions:
    def __init__(self, clock):
        self.clock = clock
        self._lock = threading.Lock()
        self._issued = {}  # Session -> (when, client id)

    @staticmethod
    def validity_seconds(client_id):
        client = find_client(client_id) if client_id else None
        minutes = (client.extended_config.get("AuthSessionValidity") if client else None) or DEFAULT_VALIDITY_MINUTES
        return 60 * min(max(int(minutes), 3), 15)

    def refusal(self, action, request):
        """Why this request's Session may not be used any more, or None."""
        session = request.get("Session")
        if action not in ANSWERING or not session:
            return None
        with self._lock:
            issued = self._issued.get(session)
        if issued is None:
            return None
        when, client_id = issued
        if self.clock.now() - when > self.validity_seconds(request.get("ClientId") or client_id):
            return EXPIRED
        return None

    def observe(self, action, request, answer):
        """Notes the Session a successful answer carries."""
        session = answer.get("Session")
        if action not in ISSUING or not session:
            return
        client_id = request.get("ClientId")
        with self._lock:
            if client_id is None and request.get("Session") in self._issued:
                client_id = self._issued[request["Session"]][1]
            self._issued[session] = (self.clock.now(), client_id)
            # A long class issues a few thousand; the oldest are long expired.
            if len(self._issued) > 10000:
                for old in list(self._issued)[:1000]:
                    del self._issued[old]
