/// An error that carries the words the user sees: a short primary message and an optional hint.
///
/// Every module's error enum conforms; the shell renders all of them in one place.
public protocol UserFacingError: Error {
  /// The primary message: lower case, no final period.
  var message: String { get }
  /// A full sentence saying what to do, where the usual cause is known.
  var hint: String? { get }
  /// Where it happened, for a bug report or a support case (the operation, the request id).
  var detail: String? { get }
}

extension UserFacingError {
  public var hint: String? { nil }
  public var detail: String? { nil }
}
