import Basics
import Cognito
import Foundation

/// A user pool's replicas (multi-Region replication): its primary and its secondary, with their status.
public struct ReplicaList: Sendable {
  /// One Region's replica of the pool.
  public struct Replica: Sendable, Equatable {
    public var region: String
    /// PRIMARY or SECONDARY.
    public var role: String
    /// CREATING, ACTIVE, INACTIVE or DELETING.
    public var status: String
  }

  public var raw: JSON
  public var replicas: [Replica]
  /// The Region cogsh addresses.
  public var addressed: String?

  init(_ raw: JSON, rows: [JSON], addressed: String?) {
    self.raw = raw
    self.addressed = addressed
    replicas = rows.map { r in
      Replica(
        region: r["RegionName"]?.stringValue ?? "?", role: r["Role"]?.stringValue ?? "?",
        status: r["Status"]?.stringValue ?? "?")
    }
  }
}

extension Account {
  /// ListUserPoolReplicas, every page.
  public func replicas() throws -> ReplicaList {
    let pool = try configuration.poolId()
    let client = try client()
    var rows: [JSON] = []
    var next: String?
    var last = JSON.object([:])
    repeat {
      var body: [String: JSON] = ["UserPoolId": .string(pool)]
      if let next { body["NextToken"] = .string(next) }
      last = try client.call(Action("ListUserPoolReplicas"), .object(body)).body
      rows += last["UserPoolReplicas"]?.arrayValue ?? []
      next = last["NextToken"]?.stringValue
    } while next != nil
    var raw = last
    if case .object(var fields) = raw {
      fields["UserPoolReplicas"] = .array(rows)
      fields["NextToken"] = nil
      raw = .object(fields)
    }
    return ReplicaList(raw, rows: rows, addressed: try configuration.settings().region)
  }

  /// CreateUserPoolReplica in `region`; a new secondary starts INACTIVE.
  public func createReplica(in region: String) throws -> ReplicaList.Replica {
    try replicaCall("CreateUserPoolReplica", ["RegionName": .string(region)])
  }

  /// UpdateUserPoolReplica: the replica in `region` made ACTIVE or INACTIVE.
  public func setReplica(in region: String, active: Bool) throws -> ReplicaList.Replica {
    try replicaCall(
      "UpdateUserPoolReplica", ["RegionName": .string(region), "Status": .string(active ? "ACTIVE" : "INACTIVE")])
  }

  /// DeleteUserPoolReplica: the INACTIVE secondary in `region`, asked of the primary Region.
  public func deleteReplica(in region: String) throws -> ReplicaList.Replica {
    try replicaCall("DeleteUserPoolReplica", ["RegionName": .string(region)])
  }

  private func replicaCall(_ action: String, _ fields: [String: JSON]) throws -> ReplicaList.Replica {
    var body = fields
    body["UserPoolId"] = .string(try configuration.poolId())
    let answer = try client().call(Action(action), .object(body)).body
    let rows = answer["UserPoolReplica"].map { [$0] } ?? []
    guard let replica = ReplicaList(answer, rows: rows, addressed: nil).replicas.first else {
      throw CognitoError.badResponse(action: action, detail: "no UserPoolReplica")
    }
    return replica
  }
}
