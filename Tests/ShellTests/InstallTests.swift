import Basics
import Cognito
import Foundation
import Shell
import Testing

/// The command line's option table, and cogsh installed as a user installs it: scripts/install into a
/// prefix, then the binary, its manual page and its completions used from elsewhere.
@Suite("Install")
struct InstallTests {
  @Test("every option in the table parses, and --help, the manual page and the completions name each one")
  func optionTable() throws {
    let samples = [
      "--endpoint-url": "http://127.0.0.1:1", "--domain": "http://127.0.0.1:2", "--output": "json",
      "--completion": "fish", "--pool-id": "eu-west-1_x", "--identity-pool-id": "eu-west-1:x", "--flow": "srp",
      "--auto-refresh": "off", "--redirect-uri": "http://127.0.0.1:3/cb",
    ]
    for o in Invocation.options {
      for name in [o.name] + (o.alias.map { [$0] } ?? []) {
        let words = [name] + (o.value == nil ? [] : [samples[o.name] ?? "x"])
        #expect(throws: Never.self, "\(words)") {
          try Invocation.parse(name == "--password-stdin" ? words + ["-c", "x"] : words)
        }
      }
      let shown = [
        Invocation.helpText, ManPage.render(), CompletionScript.render("bash"), CompletionScript.render("zsh"),
        CompletionScript.render("fish"),
      ]
      for (i, text) in shown.enumerated() where !o.hidden {
        let spelled =
          i == 1
          ? o.name.replacingOccurrences(of: "-", with: "\\-") : i == 4 ? String(o.name.drop { $0 == "-" }) : o.name
        #expect(text.contains(spelled), "\(o.name) in text \(i)")
      }
      #expect(
        o.hidden != Invocation.usage.contains("[\(o.name)"), "\(o.name): the usage line shows exactly the visible ones")
    }
    #expect(throws: UsageError.self) { try Invocation.parse(["--completion", "tcsh"]) }
    #expect(ManPage.render().allSatisfy { $0.isASCII }, "groff in the C locale renders ASCII only")
  }

  @Test(
    "scripts/install into a prefix: --version with the commit, man cogsh, bash/zsh/fish completion, a walkthrough from elsewhere",
    .enabled(
      if: ProcessInfo.processInfo.environment["COGSH_RELEASE_BIN"] != nil, "scripts/test builds the release binary"))
  func installed() throws {
    let place = TempDirectory()
    let prefix = place.path + "/prefix"
    let home = place.path + "/home"
    try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    let moto = try HelperServer.python().replacingOccurrences(of: "/python3", with: "")
    let path = "\(prefix)/bin:\(moto):/usr/local/bin:/usr/bin:/bin"
    let env = [
      "HOME": home, "PATH": path, "COGSH_RELEASE_BIN": ProcessInfo.processInfo.environment["COGSH_RELEASE_BIN"] ?? "",
      "AWS_EC2_METADATA_DISABLED": "true", "NO_COLOR": "1", "COGSH_HOME": home + "/cogsh",
    ]
    let install = try runProgram(Project.path("scripts/install"), [prefix], environment: env)
    #expect(install.status == 0, "\(install.stderr)")
    for file in [
      "bin/cogsh", "share/man/man1/cogsh.1", "share/bash-completion/completions/cogsh",
      "share/zsh/site-functions/_cogsh", "share/fish/vendor_completions.d/cogsh.fish",
    ] {
      #expect(FileManager.default.fileExists(atPath: "\(prefix)/\(file)"), "\(file)")
    }
    let cogsh = prefix + "/bin/cogsh"
    let version = try runProgram(cogsh, ["--version"], environment: env, directory: home)
    let commit = try runProgram(
      "/usr/bin/git", ["-C", Project.root, "describe", "--always", "--dirty", "--abbrev=12"],
      environment: env
    ).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(!commit.isEmpty && version.stdout == "cogsh \(Version.current) (commit \(commit))\n", "\(version.stdout)")

    // man finds the page from PATH (prefix/bin → prefix/share/man), and it renders without a warning.
    let located = try runProgram("/usr/bin/man", ["-w", "cogsh"], environment: env, directory: home)
    #expect(
      located.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == prefix + "/share/man/man1/cogsh.1", "\(located)"
    )
    let page = try runProgram(
      "/usr/bin/man", ["--warnings", "cogsh"], environment: env.merging(["MANWIDTH": "80", "MANPAGER": "cat"]) { $1 },
      directory: home)
    #expect(page.status == 0 && page.stderr.isEmpty, "\(page.stderr)")
    #expect(page.stdout.contains("walkthrough") && page.stdout.contains("EXIT STATUS"))

    // A saved profile for the completions to offer.
    let saved = try runProgram(
      cogsh, ["--pool-id", "us-east-1_X", "--client-id", "c", "-c", "profile save trainee-pool"],
      environment: env, directory: home)
    #expect(saved.status == 0, "\(saved.stderr)")
    let completions = prefix + "/share/bash-completion/completions/cogsh"
    func bash(_ words: [String]) throws -> [String] {
      let script =
        "source \(completions); COMP_WORDS=(\(words.map { "'\($0)'" }.joined(separator: " "))); "
        + "COMP_CWORD=\(words.count - 1); _cogsh; printf '%s\\n' \"${COMPREPLY[@]}\""
      return try runProgram("/bin/bash", ["-c", script], environment: env, directory: home).stdout.split(
        separator: "\n"
      ).map(String.init)
    }
    #expect(try bash(["cogsh", "--pro"]) == ["--profile"])
    #expect(try bash(["cogsh", "--profile", "tr"]) == ["trainee-pool"])
    #expect(try bash(["cogsh", "--output", ""]) == ["text", "json", "table"])
    let fish = try runProgram(
      "/usr/bin/fish",
      [
        "-c",
        "source \(prefix)/share/fish/vendor_completions.d/cogsh.fish; complete -C 'cogsh --pro'; complete -C 'cogsh --profile '",
      ], environment: env, directory: home)
    #expect(fish.stdout.contains("--profile\t") && fish.stdout.contains("trainee-pool"), "\(fish)")
    let zsh = try runProgram(
      "/usr/bin/zsh", ["-n", prefix + "/share/zsh/site-functions/_cogsh"], environment: env, directory: home)
    #expect(zsh.status == 0, "\(zsh.stderr)")

    // From another directory, with no checkout near: the sandbox and a walkthrough.
    let run = try runProgram(
      cogsh, ["--sandbox", "-c", "walkthrough article --auto"], environment: env, directory: "/")
    #expect(run.status == 0 && run.stdout.contains("walkthrough article done"), "\(run.stdout)\(run.stderr)")
  }

  @Test(
    "the release build is laid out for start-up: packed relative relocations, and scripts/startup.order's functions first",
    .enabled(
      if: ProcessInfo.processInfo.environment["COGSH_RELEASE_BIN"] != nil, "scripts/test builds the release binary"))
  func releaseLayout() throws {
    let binary = Project.releaseCogsh
    let sections = try runProgram("/usr/bin/readelf", ["-SW", binary], environment: [:]).stdout
    #expect(sections.contains(" .relr.dyn "), "linked by lld with -z pack-relative-relocs")
    let text = try #require(
      sections.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        .first { $0.count > 5 && $0[1] == ".text" })
    let (start, size) = (try #require(Int(text[3], radix: 16)), try #require(Int(text[5], radix: 16)))
    var address: [Substring: Int] = [:]
    for line in try runProgram("/usr/bin/nm", ["--defined-only", binary], environment: [:]).stdout.split(
      separator: "\n")
    {
      let f = line.split(separator: " ")
      if f.count == 3, "tTwW".contains(f[1]), let a = Int(f[0], radix: 16) { address[f[2]] = a }
    }
    let order = try String(contentsOfFile: Project.path("scripts/startup.order"), encoding: .utf8)
      .split(separator: "\n")
    let placed = order.compactMap { address[$0] }.map { Double($0 - start) / Double(size) }.sorted()
    #expect(placed.count * 5 >= order.count * 4, "\(placed.count) of \(order.count): run scripts/bench/order")
    // Unordered, a run's functions lie all over the 16 MB of code (99% of them within 90% of it);
    // ordered, they come first (some sit in the large sections of libraries built without
    // -ffunction-sections, which come whole).
    let p99 = placed.isEmpty ? 1 : placed[placed.count * 99 / 100]
    #expect(p99 < 0.4, "99% of the ordered functions lie within the first \(Int(p99 * 100))% of .text")
  }
}
