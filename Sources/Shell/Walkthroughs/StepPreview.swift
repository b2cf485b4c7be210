import Basics
import Cognito
import Foundation

/// What a statement would do first, as a rehearsal found it (Runner.rehearse).
enum Rehearsed {
  /// It sends this request first.
  case sends(PlannedRequest)
  /// It changes only the local session (files under $COGSH_HOME), sending nothing.
  case changesLocally
  /// It writes this file the user named before any request.
  case writes(String)
  /// It asks the user for this before any request.
  case asks(String)
  /// It listens at this loopback address (for a browser's redirect, a verifier's requests) before any request.
  case listens(String)
  /// It runs to its end sending nothing and changing nothing.
  case nothing
  /// One of the shell's own commands: not rehearsed.
  case shellCommand
  /// It fails before sending anything.
  case fails(Error)
}

/// The lines a walkthrough shows under a step's command before it runs: the request it will send
/// (redacted, as the trace shows it), or why there is none to show.
enum StepPreview {
  static func lines(_ r: Rehearsed, language: String) -> [String] {
    let ja = language == "ja"
    switch r {
    case .sends(let p):
      var lines = [(ja ? "  送信するリクエスト: " : "  will send: ") + "\(p.label)  \(p.method) \(p.url)"]
      if !p.body.isEmpty { lines += body(p.body).map { "    " + $0 } }
      return lines
    case .changesLocally:
      return [
        ja
          ? "  リクエストは送信せず、cogsh のローカルの状態（$COGSH_HOME 以下）だけを変更します"
          : "  sends no request: it changes only cogsh's local state (under $COGSH_HOME)"
      ]
    case .writes(let path):
      return [ja ? "  リクエストは送信せず、\(path) に書き込みます" : "  sends no request first: it writes \(path)"]
    case .asks(let what):
      return [
        ja
          ? "  先に入力を求めます（\(what)）。送信したリクエストは実行後に表示します"
          : "  it first asks for \(what); the requests it sends show after it runs"
      ]
    case .listens(let address):
      return [
        ja
          ? "  先に \(address) で待ち受けます（ブラウザからのリダイレクト、検証側からの要求）。送信したリクエストは実行後に表示します"
          : "  it first listens on \(address) (for a browser's redirect, a verifier's requests); the requests it sends show after it runs"
      ]
    case .nothing:
      return [ja ? "  リクエストは送信しません" : "  sends no request"]
    case .shellCommand:
      return []
    case .fails(let error):
      let message = (error as? UserFacingError)?.message ?? "\(error)"
      return [ja ? "  このままでは失敗します: \(message)" : "  as it stands it fails: \(message)"]
    }
  }

  /// The redacted body, pretty when it is JSON (one member a line reads better than one long line),
  /// long values (SRP_A's 768 hex digits) cut to their ends so the step still fits on the screen.
  static func body(_ text: String) -> [String] {
    guard let json = try? JSON.parse(Data(text.utf8)) else { return [text] }
    return shortened(json).serialized(pretty: true).split(separator: "\n").map(String.init)
  }

  static func shortened(_ json: JSON) -> JSON {
    switch json {
    case .string(let s) where s.count > 64: return .string("\(s.prefix(24))…\(s.suffix(8)) (\(s.count) chars)")
    case .array(let items): return .array(items.map(shortened))
    case .object(let members): return .object(members.mapValues(shortened))
    default: return json
    }
  }
}
