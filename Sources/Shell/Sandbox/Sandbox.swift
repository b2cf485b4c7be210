import Auth
import Basics
import Foundation

/// The running sandbox as `$COGSH_HOME/sandbox.json` records it, so that other cogsh processes use it.
struct SandboxRecord: Codable, Equatable {
  var url: String
  var port: Int
  var pid: Int32
  var startedAt: Double
  var pool: SandboxPool
}

/// `--sandbox` and `sandbox start|stop|status|reset`: a moto server with the article's pool. `sandbox
/// start` leaves it running in the background, recorded in sandbox.json for every shell to use;
/// `--sandbox` uses that one, or starts one for the shell's lifetime.
enum Sandbox {
  static let profileName = "sandbox"
  static let secretProfileName = "sandbox-secret"
  static let region = "us-east-1"
  static let recordFile = "sandbox.json"

  /// The pool description: COGSH_SANDBOX_POOL's file, else the one built in (examples/sandbox-pool.json).
  static func poolDescription(ctx: ShellContext) throws -> JSON {
    var json = SandboxPoolDescription.builtIn
    if let path = ctx.environment["COGSH_SANDBOX_POOL"] {
      guard let data = FileManager.default.contents(atPath: path) else {
        throw CommandError("cannot read the sandbox pool description \(path)", hint: "COGSH_SANDBOX_POOL names it.")
      }
      json = try JSON.parse(data)
    }
    guard json["CreateUserPool"]?.objectValue != nil, json["CreateUserPoolClient"]?.objectValue != nil else {
      throw CommandError("the sandbox pool description needs CreateUserPool and CreateUserPoolClient objects")
    }
    return json
  }

  /// Where a pool description's relative handler paths start: its file's directory, else the working one.
  static func descriptionDirectory(ctx: ShellContext) -> String {
    let here = FileManager.default.currentDirectoryPath
    guard let file = ctx.environment["COGSH_SANDBOX_POOL"] else { return here }
    let directory = (file as NSString).deletingLastPathComponent
    return directory.hasPrefix("/") ? directory : (here as NSString).appendingPathComponent(directory)
  }

  /// The pools `description` gives, made on the sandbox at `url`, with the triggers it names (at start and reset).
  static func createPool(_ description: JSON, url: String, ctx: ShellContext) throws -> SandboxPool {
    let created = try ctx.account.createSandboxPool(description: description, url: url, region: region)
    try SandboxTriggerCommand.apply(
      description: description, directory: descriptionDirectory(ctx: ctx), poolId: created.poolId, url: url, ctx: ctx)
    return created
  }

  /// The sandbox another cogsh started, if its process still runs; a stale record is removed and said.
  static func running(ctx: ShellContext) -> SandboxRecord? {
    let files = ctx.store.files
    guard let record = try? files.readJSON(recordFile, as: SandboxRecord?.self, fallback: nil) else { return nil }
    if SandboxServer.isSandboxServer(pid: record.pid) && SandboxServer.accepts(port: record.port) { return record }
    ctx.printer.diagnostic(
      "note: \(files.path(recordFile)) named a sandbox at \(record.url) (process \(record.pid)), which is gone; forgot it"
    )
    try? files.locked { try files.remove(recordFile) }
    return nil
  }

  /// Starts a sandbox, or uses the one running. `background`: it outlives this shell (`sandbox start`).
  static func start(ctx: ShellContext, background: Bool) throws {
    if let running = ctx.sandbox, running.isRunning {
      throw CommandError("the sandbox is already running at \(running.url), for this shell")
    }
    if let record = running(ctx: ctx) {
      try use(record.pool, url: record.url, fresh: false, ctx: ctx)
      ctx.printer.note("sandbox: using the one running at \(record.url) (process \(record.pid)); profile \"sandbox\"")
      return
    }
    let description = try poolDescription(ctx: ctx)
    guard
      let exe = SandboxServer.locateExecutable(
        environment: ctx.environment, executablePath: SandboxServer.runningExecutable)
    else { throw SandboxServer.Failure.notInstalled }
    try ctx.store.files.ensureDirectory()
    let log = ctx.store.files.path("sandbox.log")
    let environment = ["MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP": "true"]
    let url: String
    var stopOnFailure: () -> Void
    var detached: (port: Int, pid: pid_t)?
    if background {
      let started = try SandboxServer.startDetached(executable: exe, logPath: log, extraEnvironment: environment)
      url = started.url
      detached = (started.port, started.pid)
      stopOnFailure = { SandboxServer.stop(pid: started.pid) }
    } else {
      let server = try SandboxServer.start(executable: exe, logPath: log, extraEnvironment: environment)
      ctx.sandbox = server
      url = server.url
      stopOnFailure = {
        server.stop()
        ctx.sandbox = nil
      }
    }
    do {
      let created = try createPool(description, url: url, ctx: ctx)
      if let detached {
        let record = SandboxRecord(
          url: url, port: detached.port, pid: detached.pid, startedAt: ctx.clock(), pool: created)
        let files = ctx.store.files
        try files.locked { try files.writeJSON(recordFile, record) }
      }
      try use(created, url: url, fresh: true, ctx: ctx)
      // Every shell opened meanwhile, in any terminal, is on the sandbox without a flag.
      if background { try ctx.store.updateProfiles { $0.current = profileName } }
      ctx.printer.note(
        "sandbox: moto at \(url), pool \(created.poolId), client \(created.clientId) (profile \"sandbox\")"
          + (background ? "; it runs in the background until `sandbox stop`, and is the current profile" : ""))
    } catch {
      stopOnFailure()
      throw error
    }
  }

  /// Where the sandbox's server serves managed login (sandbox/cogsh_sandbox/managed_login.py).
  static func managedLoginDomain(_ url: String) -> String { url + "/managed-login" }

  /// Points the `sandbox` profile at `pool` on the sandbox at `url`, its managed login included.
  static func use(_ pool: SandboxPool, url: String, fresh: Bool, ctx: ShellContext) throws {
    let profile = Profile(
      poolId: pool.poolId, clientId: pool.clientId, clientSecret: pool.clientSecret, region: region, endpointURL: url,
      flow: .password, isSandbox: true, domain: managedLoginDomain(url), redirectURI: pool.callbackURL,
      identityPoolId: pool.identityPoolId)
    try ctx.store.updateProfiles { book in
      book.profiles[profileName] = profile
      // The pool's second client, with a secret: `profile use sandbox-secret` (walkthrough client-secret).
      if let id = pool.secretClientId, let secret = pool.secretClientSecret {
        var withSecret = profile
        withSecret.clientId = id
        withSecret.clientSecret = secret
        book.profiles[secretProfileName] = withSecret
      }
    }
    // A new pool: whatever was signed in to the previous one is gone.
    if fresh {
      try ctx.store.deleteSession(profileName)
      try ctx.store.deleteSession(secretProfileName)
    }
    ctx.configuration.explicitProfile = profileName
    ctx.configuration.overrides = Profile(output: ctx.configuration.overrides.output)
    ctx.printer.diagnostic(
      "sandbox: managed login at \(managedLoginDomain(url)) (the sandbox's stand-in: moto has no hosted UI; login --hosted)"
    )
  }

  /// Stops this shell's sandbox, or the one running in the background; no moto process is left.
  static func stop(ctx: ShellContext) throws {
    if let server = ctx.sandbox {
      server.stop()
      ctx.sandbox = nil
      ctx.printer.note("sandbox stopped")
      return
    }
    guard let record = running(ctx: ctx) else { throw CommandError("the sandbox is not running") }
    guard SandboxServer.stop(pid: record.pid) else {
      throw CommandError(
        "the sandbox's server (process \(record.pid)) did not stop", hint: "Stop it with kill -9 \(record.pid).")
    }
    let files = ctx.store.files
    try files.locked { try files.remove(recordFile) }
    ctx.printer.note("sandbox stopped (process \(record.pid))")
  }

  /// Fresh pools on the same moto, at the same port: everything signed in before is forgotten.
  static func reset(ctx: ShellContext) throws {
    let record = running(ctx: ctx)
    guard let url = ctx.sandbox?.url ?? record?.url else { throw CommandError("the sandbox is not running") }
    let created = try createPool(try poolDescription(ctx: ctx), url: url, ctx: ctx)
    if var record {
      record.pool = created
      let files = ctx.store.files
      try files.locked { try files.writeJSON(recordFile, record) }
    }
    try use(created, url: url, fresh: true, ctx: ctx)
    ctx.printer.note("sandbox reset: pool \(created.poolId), client \(created.clientId) at \(url)")
  }

  /// Seconds from `90`, `90s`, `5m` or `2h`: up to ten years, as the sandbox's clock takes.
  static func seconds(_ word: String) -> Int? {
    let units: [Character: Int] = ["s": 1, "m": 60, "h": 3600, "d": 86400]
    let (digits, unit) = word.last.flatMap { units[$0] }.map { (word.dropLast(), $0) } ?? (Substring(word), 1)
    guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let n = Int(digits), n >= 0,
      n <= 10 * 365 * 86400 / unit
    else { return nil }
    return n * unit
  }

  /// Where the sandbox runs, if it does.
  static func status(ctx: ShellContext) -> (url: String, background: Bool, pid: Int32?)? {
    if let s = ctx.sandbox, s.isRunning { return (s.url, false, nil) }
    return running(ctx: ctx).map { ($0.url, true, $0.pid) }
  }
}
