/* The floor for the article's flow: its four requests (AdminCreateUser, InitiateAuth,
 * RespondToAuthChallenge, GetUser) from one process through one kept-alive libcurl handle, with
 * nothing else done: no configuration, no store, no SigV4 (moto does not check signatures), answers
 * searched for the one value the next request needs. Usage: floor URL POOL CLIENT USERNAME|@FILE. */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct buffer { char data[1 << 16]; size_t size; };

static size_t collect(char *p, size_t size, size_t n, void *userdata) {
  struct buffer *b = userdata;
  size_t len = size * n;
  if (b->size + len >= sizeof b->data) return 0;
  memcpy(b->data + b->size, p, len);
  b->size += len;
  b->data[b->size] = 0;
  return len;
}

static int post(CURL *curl, const char *url, const char *target, const char *body, struct buffer *b) {
  char header[128];
  struct curl_slist *headers = NULL;
  snprintf(header, sizeof header, "X-Amz-Target: AWSCognitoIdentityProviderService.%s", target);
  headers = curl_slist_append(headers, header);
  headers = curl_slist_append(headers, "Content-Type: application/x-amz-json-1.1");
  headers = curl_slist_append(headers,
    "Authorization: AWS4-HMAC-SHA256 Credential=testing/20261129/us-east-1/cognito-idp/aws4_request, "
    "SignedHeaders=host, Signature=0");
  b->size = 0;
  curl_easy_setopt(curl, CURLOPT_URL, url);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, b);
  CURLcode rc = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  if (rc != CURLE_OK || status != 200) {
    fprintf(stderr, "floor: %s: %s %ld %s\n", target, curl_easy_strerror(rc), status, b->data);
    return 1;
  }
  return 0;
}

/* The string value of "key" in b, copied to out. */
static int value(const struct buffer *b, const char *key, char *out, size_t room) {
  char pattern[64];
  snprintf(pattern, sizeof pattern, "\"%s\": \"", key);
  const char *p = strstr(b->data, pattern);
  size_t skip = strlen(pattern);
  if (!p) {
    snprintf(pattern, sizeof pattern, "\"%s\":\"", key);
    p = strstr(b->data, pattern);
    skip = strlen(pattern);
  }
  if (!p) return 1;
  p += skip;
  const char *end = strchr(p, '"');
  if (!end || (size_t)(end - p) >= room) return 1;
  memcpy(out, p, end - p);
  out[end - p] = 0;
  return 0;
}

int main(int argc, char **argv) {
  if (argc != 5) {
    fprintf(stderr, "usage: floor URL POOL CLIENT USERNAME\n");
    return 2;
  }
  const char *url = argv[1], *pool = argv[2], *client = argv[3], *user = argv[4];
  static char named[256];
  if (user[0] == '@') { /* @FILE: the username is in FILE (a fresh one each run) */
    FILE *f = fopen(user + 1, "r");
    if (!f || !fgets(named, sizeof named, f)) return 2;
    fclose(f);
    named[strcspn(named, "\n")] = 0;
    user = named;
  }
  static struct buffer b;
  static char body[1 << 16], session[8192], token[8192];
  CURL *curl = curl_easy_init();
  snprintf(body, sizeof body,
    "{\"UserPoolId\":\"%s\",\"Username\":\"%s\",\"TemporaryPassword\":\"temporary-1\",\"MessageAction\":\"SUPPRESS\"}",
    pool, user);
  if (post(curl, url, "AdminCreateUser", body, &b)) return 1;
  snprintf(body, sizeof body,
    "{\"AuthFlow\":\"USER_PASSWORD_AUTH\",\"ClientId\":\"%s\",\"AuthParameters\":{\"USERNAME\":\"%s\",\"PASSWORD\":\"temporary-1\"}}",
    client, user);
  if (post(curl, url, "InitiateAuth", body, &b) || value(&b, "Session", session, sizeof session)) return 1;
  snprintf(body, sizeof body,
    "{\"ChallengeName\":\"NEW_PASSWORD_REQUIRED\",\"ClientId\":\"%s\",\"Session\":\"%s\","
    "\"ChallengeResponses\":{\"USERNAME\":\"%s\",\"NEW_PASSWORD\":\"password-1\"}}",
    client, session, user);
  if (post(curl, url, "RespondToAuthChallenge", body, &b) || value(&b, "AccessToken", token, sizeof token)) return 1;
  snprintf(body, sizeof body, "{\"AccessToken\":\"%s\"}", token);
  if (post(curl, url, "GetUser", body, &b)) return 1;
  curl_easy_cleanup(curl);
  return 0;
}
