import Auth
import Basics
import Cognito
import Foundation

/// A session's calls as a bash script of `aws` commands a colleague without cogsh can run: each
/// request as --cli-input-json, the values one answer hands the next (a Session, a username, a
/// token) carried in shell variables through --query, every secret a variable to set first.
enum AWSScript {
  /// The calls SRP and remembered devices make cogsh answer by itself: the AWS CLI cannot compute them.

  /// A value the script reads from the environment (or asks for): a password, an answer, a code.
  struct Secret {
    var name: String
    var value: String
    var what: String
    /// A one-time code: asked for right before the call that sends it, never reused.
    var oneTime: Bool
  }

  /// Whether a request field holds a one-time code (TOTP, SMS, email, a confirmation code).
  static func isOneTimeCode(_ key: String) -> Bool {
    let k = key.uppercased()
    return k.hasSuffix("CODE") || k.hasSuffix("_OTP") || k == "OTP"
  }

  /// The variable a secret is read from: its field's name as a shell variable (`TemporaryPassword` →
  /// `TEMPORARY_PASSWORD`, `SOFTWARE_TOKEN_MFA_CODE` as it is), with `_2`, `_3` for another value.
  static func secretName(_ key: String, taken: [Secret]) -> String {
    let base =
      key.contains("_") || key == key.uppercased() ? key.uppercased() : words(key).joined(separator: "_").uppercased()
    var name = base
    var n = 1
    while taken.contains(where: { $0.name == name }) {
      n += 1
      name = "\(base)_\(n)"
    }
    return name
  }

  static func write(
    _ calls: [CallRecord], poolId: String?, clientId: String?, region: String, endpoint: String?
  ) -> String {
    let calls = calls.filter { $0.purpose == nil && (200..<300).contains($0.status) }
    var secrets: [Secret] = []
    var captures: [Int: [(variable: String, path: String)]] = [:]
    // Which variable carries a value into each request: the answer it came from is the latest one
    // before that request that holds it, so a second sign-in's Session is not the first one's.
    var carriedAt: [Int: [String: String]] = [:]
    var variables: [String: String] = [:]  // "source index/path" -> variable
    var body: [String] = []

    func find(_ value: String, in json: JSON, path: String) -> String? {
      switch json {
      case .string(let s) where s == value: return path
      case .object(let members):
        for (k, v) in members.sorted(by: { $0.key < $1.key }) {
          if let p = find(value, in: v, path: path.isEmpty ? k : "\(path).\(k)") { return p }
        }
        return nil
      default: return nil
      }
    }
    for (i, call) in calls.enumerated() {
      // Values worth carrying: long and not a constant of the API (NEW_PASSWORD_REQUIRED is written as it is).
      for value in strings(call.request)
      where value.count >= 8 && carriedAt[i]?[value] == nil && !value.allSatisfy({ $0.isUppercase || $0 == "_" }) {
        guard
          let source = calls[..<i].lastIndex(where: { c in c.response.flatMap { find(value, in: $0, path: "") } != nil }
          ),
          let path = calls[source].response.flatMap({ find(value, in: $0, path: "") })
        else { continue }
        let key = "\(source)/\(path)"
        let variable = variables[key] ?? variableName(path, index: source)
        if variables[key] == nil {
          variables[key] = variable
          captures[source, default: []].append((variable, path))
        }
        carriedAt[i, default: [:]][value] = variable
      }
    }

    for (i, call) in calls.enumerated() {
      if call.action.hasSuffix("RespondToAuthChallenge"),
        let name = call.request["ChallengeName"]?.stringValue, ChallengeName(name).isAnsweredAutomatically
      {
        body += [
          "", "# cogsh answered \(name) here by itself. It is not expressible with the AWS CLI: the answer is an",
          "# SRP proof (an HMAC over a key derived from the password or the device's secret, the salt and the",
          "# server's B), which the CLI cannot compute. Sign in with USER_PASSWORD_AUTH to replay this flow.",
          "echo 'this flow needs an SRP proof here, which the AWS CLI cannot make' >&2", "exit 3",
        ]
        break
      }
      let carried = carriedAt[i] ?? [:]
      let before = secrets.count
      let json = replaceSecrets(call.request, action: call.action, secrets: &secrets, carried: Set(carried.keys))
      var text = escaped(json.serialized(pretty: true))
      for (value, variable) in carried {
        text = text.replacingOccurrences(of: "\"\(escaped(value))\"", with: "\"${\(variable)}\"")
      }
      for s in secrets { text = text.replacingOccurrences(of: "\"\(placeholder(s.name))\"", with: "\"${\(s.name)}\"") }
      if let poolId { text = text.replacingOccurrences(of: "\"\(poolId)\"", with: "\"${USER_POOL_ID}\"") }
      if let clientId { text = text.replacingOccurrences(of: "\"\(clientId)\"", with: "\"${CLIENT_ID}\"") }
      let service = call.service == "cognito-idp" ? "cognito-idp" : call.service
      let command =
        "aws \(service) \(kebab(call.action)) \"${AWS_ARGS[@]}\" --cli-input-json \"$(cat <<JSON\n\(text)\nJSON\n)\""
      body.append("")
      body.append("# \(i + 1). \(call.action)")
      for s in secrets[before...] where s.oneTime { body.append("need \(s.name) \(shellQuoted(s.what))") }
      if let wanted = captures[i], !wanted.isEmpty {
        let query = wanted.count == 1 ? wanted[0].path : "[" + wanted.map(\.path).joined(separator: ",") + "]"
        // An assignment, so that a failed call stops the script (set -e), which `read <<< "$(…)"` would not.
        body.append("answer=\"$(\(command) --query '\(query)' --output text)\"")
        body.append("read -r \(wanted.map(\.variable).joined(separator: " ")) <<< \"$answer\"")
      } else {
        body.append("\(command) > /dev/null")
      }
    }

    var head = [
      "#!/usr/bin/env bash", "# Written by cogsh \(Version.current): this session's calls as AWS CLI commands.",
      "# The values one answer hands the next (a Session, a username, a token) travel in shell variables.",
      "set -euo pipefail",
      ": \"${USER_POOL_ID:=\(poolId ?? "")}\"", ": \"${CLIENT_ID:=\(clientId ?? "")}\"",
      "AWS_ARGS=(--region \"${AWS_REGION:-\(region)}\")",
    ]
    if let endpoint { head.append("AWS_ARGS+=(--endpoint-url \"${COGNITO_ENDPOINT:-\(endpoint)}\")") }
    if !secrets.isEmpty {
      head += [
        "# What cogsh was given or asked for is not written here: each is read from the environment, else",
        "# asked for (one-time codes when they are needed):",
      ]
      head += secrets.map { "#   \($0.name): \($0.what)" }
      head += [
        "need() {  # NAME WHAT: NAME from the environment, else a line read from the terminal or stdin",
        "  [ -n \"${!1:-}\" ] && return",
        "  printf '%s (%s): ' \"$1\" \"$2\" >&2",
        "  if [ -t 0 ]; then IFS= read -r -s \"$1\"; echo >&2; else IFS= read -r \"$1\" || true; fi",
        "  [ -n \"${!1:-}\" ] || { echo \"$1 is needed: $2\" >&2; exit 2; }",
        "}",
      ]
      head += secrets.filter { !$0.oneTime }.map { "need \($0.name) \(shellQuoted($0.what))" }
    }
    return (head + body).joined(separator: "\n") + "\n"
  }

  /// What stands for a secret in the JSON until the text is written: not a value a request could hold.
  static func placeholder(_ name: String) -> String { "<cogsh:\(name)>" }

  /// `text` in single quotes for bash.
  static func shellQuoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

  /// Every string value in a JSON document.
  static func strings(_ json: JSON) -> [String] {
    switch json {
    case .string(let s): return [s]
    case .object(let m): return m.sorted { $0.key < $1.key }.flatMap { strings($0.value) }
    case .array(let a): return a.flatMap(strings)
    default: return []
    }
  }

  /// `json` with each secret value (a password, a code, a challenge answer) replaced by a placeholder
  /// for the variable that carries it.
  static func replaceSecrets(
    _ json: JSON, action: String, secrets: inout [Secret], carried: Set<String>, key: String = ""
  ) -> JSON {
    switch json {
    case .object(let members):
      var out: [String: JSON] = [:]
      for (k, v) in members.sorted(by: { $0.key < $1.key }) {
        if case .string(let s) = v, !carried.contains(s), k != "USERNAME", k != "Session",
          Redaction.isSecret(k) || key == "ChallengeResponses"
        {
          let oneTime = isOneTimeCode(k)
          if !oneTime, let known = secrets.first(where: { $0.value == s && !$0.oneTime }) {
            out[k] = .string(placeholder(known.name))
          } else {
            let name = secretName(k, taken: secrets)
            secrets.append(Secret(name: name, value: s, what: "\(k) of \(action)", oneTime: oneTime))
            out[k] = .string(placeholder(name))
          }
        } else {
          out[k] = replaceSecrets(v, action: action, secrets: &secrets, carried: carried, key: k)
        }
      }
      return .object(out)
    case .array(let a):
      return .array(a.map { replaceSecrets($0, action: action, secrets: &secrets, carried: carried, key: key) })
    default: return json
    }
  }

  /// `SESSION_2` for `Session` of call 2; `USERNAME_3` for `ChallengeParameters.USERNAME`.
  static func variableName(_ path: String, index: Int) -> String {
    words(path.split(separator: ".").last.map(String.init) ?? "Value").joined(separator: "_").uppercased()
      + "_\(index + 1)"
  }

  /// `AdminCreateUser` → `admin-create-user`, `SetUserMFAPreference` → `set-user-mfa-preference`, as
  /// botocore's xform_name makes CLI names.
  static func kebab(_ action: String) -> String { words(action).joined(separator: "-").lowercased() }

  /// A PascalCase name's words: an acronym stays one word (MFA, SMS).
  static func words(_ name: String) -> [String] {
    let chars = Array(name)
    var out: [String] = []
    var current = ""
    for (i, c) in chars.enumerated() {
      let next = i + 1 < chars.count ? chars[i + 1] : nil
      let previous = i > 0 ? chars[i - 1] : nil
      let startsWord =
        c.isUppercase && previous != nil
        && (previous?.isLowercase == true || previous?.isNumber == true || next?.isLowercase == true)
      if startsWord && !current.isEmpty {
        out.append(current)
        current = ""
      }
      current.append(c)
    }
    if !current.isEmpty { out.append(current) }
    return out
  }

  /// Text safe inside an unquoted heredoc: no expansion but the ${…} cogsh puts there.
  static func escaped(_ text: String) -> String {
    text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "$", with: "\\$")
      .replacingOccurrences(of: "`", with: "\\`")
  }
}
