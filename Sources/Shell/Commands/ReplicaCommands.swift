import Auth
import Basics

/// `replicas`: the pool's Regions (multi-Region replication) and switching them on and off.
enum ReplicaCommands {
  static let all: [CommandSpec] = [replicas]

  static let replicas: CommandSpec = {
    var spec = CommandSpec(
      name: "replicas", group: "Administration",
      summary: "the pool's replicas in other Regions: list, create, activate, deactivate, delete (AWS credentials)",
      subcommands: [
        CommandSpec(
          "replicas", "list", summary: "each Region's replica, its role and status (ListUserPoolReplicas); * addressed",
          handler: { _, ctx in
            let list = try ctx.account.replicas()
            ctx.printer.result(list.raw) {
              Table.columns(
                [["", "REGION", "ROLE", "STATUS"]]
                  + list.replicas.map { [$0.region == list.addressed ? "*" : "", $0.region, $0.role, $0.status] })
                + "\n" + Table.count(list.replicas.count, "replica")
            }
            return .proceed
          }),
        CommandSpec(
          "replicas", "create", summary: "a secondary replica in REGION, INACTIVE at first (CreateUserPoolReplica)",
          params: [Param("REGION")],
          handler: { args, ctx in
            let r = try ctx.account.createReplica(in: try args.required("REGION"))
            report(r, ctx: ctx, then: "activate it with `replicas activate \(r.region)`")
            return .proceed
          }),
        CommandSpec(
          "replicas", "activate", summary: "make REGION's replica serve end users (UpdateUserPoolReplica ACTIVE)",
          params: [Param("REGION")],
          handler: { args, ctx in
            let r = try ctx.account.setReplica(in: try args.required("REGION"), active: true)
            report(
              r, ctx: ctx,
              then: r.role == "PRIMARY"
                ? "`unset region` addresses it (the pool id's Region)"
                : "address it with --region \(r.region) or `set region \(r.region)`")
            return .proceed
          }),
        CommandSpec(
          "replicas", "deactivate",
          summary: "stop REGION's replica serving end users (UpdateUserPoolReplica INACTIVE): a failover drill",
          params: [Param("REGION")],
          handler: { args, ctx in
            let r = try ctx.account.setReplica(in: try args.required("REGION"), active: false)
            report(r, ctx: ctx, then: "its administration still answers; end users are refused there")
            return .proceed
          }),
        CommandSpec(
          "replicas", "delete", summary: "delete REGION's INACTIVE secondary, from the primary (DeleteUserPoolReplica)",
          params: [Param("REGION")],
          handler: { args, ctx in
            report(try ctx.account.deleteReplica(in: try args.required("REGION")), ctx: ctx, then: nil)
            return .proceed
          }),
      ])
    spec.bareSubcommand = "list"
    return spec
  }()

  static func report(_ r: ReplicaList.Replica, ctx: ShellContext, then next: String?) {
    ctx.printer.result(["RegionName": .string(r.region), "Role": .string(r.role), "Status": .string(r.status)]) {
      "\(r.region): \(r.role) \(r.status)" + (next.map { "\n" + $0 } ?? "")
    }
  }
}
