import Foundation
import Testing

/// scripts/build-dir: a checkout copied with its .build builds afresh instead of failing on old paths.
@Suite("a copied checkout")
struct BuildDirTests {
  @Test("a .build made in another directory is removed, saying so; one made here is kept")
  func copied() throws {
    let dir = TempDirectory()
    let root = dir.path
    try FileManager.default.createDirectory(atPath: root + "/scripts", withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: Project.path("scripts/build-dir"), toPath: root + "/scripts/build-dir")
    try FileManager.default.createDirectory(atPath: root + "/.build", withIntermediateDirectories: true)
    let real = (root as NSString).resolvingSymlinksInPath
    try "- \"\(real)/.build/debug/x.o\"\n".write(toFile: root + "/.build/debug.yaml", atomically: true, encoding: .utf8)
    let kept = try runProgram("/bin/bash", [root + "/scripts/build-dir"], environment: [:], directory: root)
    #expect(kept.status == 0 && FileManager.default.fileExists(atPath: root + "/.build/debug.yaml"), "\(kept.stderr)")
    try "- \"/elsewhere/cogsh/.build/debug/x.o\"\n".write(
      toFile: root + "/.build/debug.yaml", atomically: true, encoding: .utf8)
    let moved = try runProgram("/bin/bash", [root + "/scripts/build-dir"], environment: [:], directory: root)
    #expect(moved.status == 0 && moved.stderr.contains("was made in another directory"), "\(moved.stderr)")
    #expect(!FileManager.default.fileExists(atPath: root + "/.build"))
  }
}
