import Basics
import Cognito
import Foundation

/// Test vectors committed under Tests/Vectors, made by the scripts in scripts/vectors.
enum Vectors {
  static func load(_ name: String) throws -> JSON {
    let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    return try JSON.parse(Data(contentsOf: dir.appendingPathComponent("Vectors/\(name)")))
  }
}
