/// What one operation is given by whoever runs it: the command it is filed under in the flight
/// recorder, and the ClientMetadata its requests carry (to the pool's Lambda triggers).
public struct CallContext: Sendable, Equatable {
  public var command: String
  public var clientMetadata: [String: String]

  public init(command: String, clientMetadata: [String: String] = [:]) {
    self.command = command
    self.clientMetadata = clientMetadata
  }

  /// What runs before any command: the profile's set-up, a credential source asked at start.
  public static let startUp = CallContext(command: "(start-up)")
}
