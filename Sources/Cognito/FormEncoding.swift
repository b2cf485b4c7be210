import Foundation

/// `application/x-www-form-urlencoded` bodies (STS's query API, OAuth2), and the little XML STS answers in.
public enum FormEncoding {
  /// `a=1&b=2`, each name and value percent-encoded as SigV4 encodes them (RFC 3986 unreserved kept).
  public static func encode(_ pairs: [(String, String)]) -> String {
    pairs.map { "\(SigV4.uriEncode($0.0))=\(SigV4.uriEncode($0.1))" }.joined(separator: "&")
  }

  /// The pairs of a form body, decoded (`+` as a space, as forms write it).
  public static func decode(_ body: String) -> [(String, String)] {
    body.split(separator: "&").map { pair in
      let parts = pair.split(separator: "=", maxSplits: 1).map {
        $0.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
      }
      return (parts.first ?? "", parts.count > 1 ? parts[1] : "")
    }
  }
}

/// The text of STS's flat XML answers.
public enum XMLText {
  /// The text of the first `<name>…</name>`, entities decoded.
  public static func tag(_ name: String, in xml: String) -> String? {
    guard let open = xml.range(of: "<\(name)>"),
      let close = xml.range(of: "</\(name)>", range: open.upperBound..<xml.endIndex)
    else { return nil }
    return String(xml[open.upperBound..<close.lowerBound])
      .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
      .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
      .replacingOccurrences(of: "&amp;", with: "&")
  }
}
