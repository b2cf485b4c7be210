import Auth
import Basics
import Cognito
import Foundation
import Testing

@testable import Shell

/// A handler reads only the names its command declares; any other read is the bug it is, said as one.
@Suite("Declared arguments")
struct DeclaredArgumentTests {
  static func context() -> (ShellContext, TempDirectory) {
    let home = TempDirectory()
    let ctx = ShellContext(
      store: SessionStore(home: home.path), environment: [:], aws: AWSEnvironment(variables: [:]),
      printer: Printer(mode: .text, colour: false, out: { _ in }, err: { _ in }), overrides: Profile(),
      explicitProfile: nil, interactive: false, readSecret: { _ in nil })
    return (ctx, home)
  }

  @Test("a handler that reads a parameter or a flag its spec lacks fails, naming them; declared reads pass")
  func undeclaredReadFails() throws {
    let (ctx, home) = Self.context()
    _ = home
    let typo = CommandSpec(
      name: "greet", group: "Test", summary: "x", params: [Param("NAME")], flags: [Flag("loud", help: "x")],
      handler: { args, _ in
        _ = args["NAM"]
        _ = args.has("lowd")
        return .proceed
      })
    do {
      _ = try typo.run(try typo.parse(["taro"]), ctx)
      Issue.record("the misread passed")
    } catch let e as UndeclaredArgument {
      #expect(e.message.contains("greet") && e.names == ["NAM", "--lowd"])
    }
    let fine = CommandSpec(
      name: "greet", group: "Test", summary: "x", params: [Param("NAME")], flags: [Flag("loud", help: "x")],
      handler: { args, _ in
        #expect(args["NAME"] == "taro" && args.has("loud"))
        return .proceed
      })
    _ = try fine.run(try fine.parse(["taro", "--loud"]), ctx)
    // A handler that throws after a misread reports the misread, the cause.
    let failing = CommandSpec(
      name: "greet", group: "Test", summary: "x",
      handler: { args, _ in
        _ = try args.required("WHO")
        return .proceed
      })
    #expect(throws: UndeclaredArgument.self) { try failing.run(try failing.parse([]), ctx) }
  }

  @Test("every name a handler in Sources/Shell reads by literal is declared by some command (the run checks which)")
  func everyLiteralReadIsDeclared() throws {
    func all(_ specs: [CommandSpec]) -> [CommandSpec] { specs.flatMap { [$0] + all($0.subcommands) } }
    let specs = all(Registry.commands)
    let params = Set(specs.flatMap { $0.params.map(\.name) })
    let flags = Set(specs.flatMap { $0.flags.map(\.name) })
    let read = try NSRegularExpression(
      pattern: #"args(?:\[|\.required\(|\.list\(|\.flag\(|\.flagList\(|\.has\()"([^"]+)""#)
    let files = FileManager.default.enumerator(atPath: Project.path("Sources/Shell"))?.allObjects as? [String] ?? []
    var reads = 0
    for file in files where file.hasSuffix(".swift") {
      let text = try String(contentsOfFile: Project.path("Sources/Shell/\(file)"), encoding: .utf8)
      for m in read.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
        guard let whole = Range(m.range, in: text), let name = Range(m.range(at: 1), in: text) else { continue }
        reads += 1
        let isFlag = [".flag(", ".flagList(", ".has("].contains { text[whole].contains($0) }
        #expect(
          (isFlag ? flags : params).contains(String(text[name])),
          "Sources/Shell/\(file) reads \(isFlag ? "--" : "")\(text[name]), which no command declares")
      }
    }
    #expect(reads > 80, "the reads were found")
  }
}
