// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "cogsh",
  products: [
    .executable(name: "cogsh", targets: ["cogsh"])
  ],
  targets: [
    // The C libraries are opened when first used (CLazy), not linked: their headers come from
    // libedit-dev, libcurl4-openssl-dev, libssl-dev and libqrencode-dev (scripts/setup).
    .target(name: "CLazy"),
    .target(name: "CEdit", dependencies: ["CLazy"]),
    .target(name: "CCurl", dependencies: ["CLazy"]),
    .target(name: "CCrypto", dependencies: ["CLazy"]),
    .target(name: "CQREncode", dependencies: ["CLazy"]),
    .target(name: "CBuildInfo"),
    .target(name: "CProcess"),
    // What every layer uses and none owns: the JSON value and JMESPath over it, text width, time,
    // Ctrl-C, the error the user reads, the version.
    .target(name: "Basics", dependencies: ["CBuildInfo"]),
    .target(name: "Cognito", dependencies: ["Basics", "CCurl", "CCrypto"]),
    .target(name: "Auth", dependencies: ["Basics", "Cognito"]),
    .target(name: "Shell", dependencies: ["Basics", "Auth", "Cognito", "CEdit", "CQREncode", "CProcess"]),
    .executableTarget(name: "cogsh", dependencies: ["Shell"]),
    .executableTarget(name: "cogsh-bench", dependencies: ["Basics", "Cognito", "Auth"]),
    // The seeded generator and mutator every test target's fuzz tests share.
    .target(name: "FuzzSupport", path: "Tests/FuzzSupport"),
    .testTarget(name: "CognitoTests", dependencies: ["Basics", "Cognito"]),
    .testTarget(name: "AuthTests", dependencies: ["Basics", "Auth", "FuzzSupport"]),
    // The helper servers the tests start are Python scripts, run from the source tree.
    .testTarget(
      name: "ShellTests", dependencies: ["Basics", "Shell", "FuzzSupport"],
      exclude: [
        "Support/browser.py", "Support/chromium_browser.py", "Support/fault_server.py", "Support/loopback.py",
        "Support/oauth_server.py", "Support/reference_server.py", "Support/sigv4_check_server.py",
        "Support/sigv4_proxy.py", "Support/replay_server.py",
      ]),
  ]
)
