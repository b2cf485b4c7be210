"""The article's four calls from one boto3 process: python3 flow_boto3.py URL POOL CLIENT USERFILE."""
import sys

import boto3

url, pool, client, userfile = sys.argv[1:5]
user = open(userfile).read().strip()
idp = boto3.client("cognito-idp", endpoint_url=url, region_name="us-east-1")
idp.admin_create_user(UserPoolId=pool, Username=user, TemporaryPassword="temporary-1", MessageAction="SUPPRESS")
challenge = idp.initiate_auth(
    AuthFlow="USER_PASSWORD_AUTH", ClientId=client, AuthParameters={"USERNAME": user, "PASSWORD": "temporary-1"}
)
tokens = idp.respond_to_auth_challenge(
    ClientId=client,
    ChallengeName="NEW_PASSWORD_REQUIRED",
    Session=challenge["Session"],
    ChallengeResponses={"USERNAME": user, "NEW_PASSWORD": "password-1"},
)
idp.get_user(AccessToken=tokens["AuthenticationResult"]["AccessToken"])
