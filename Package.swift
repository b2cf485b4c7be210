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
    .target(name: "Cognito", dependencies: ["CCurl", "CCrypto", "CBuildInfo"]),
    .target(name: "Session", dependencies: ["Cognito"]),
    .target(name: "Shell", dependencies: ["Session", "Cognito", "CEdit", "CQREncode"]),
    .executableTarget(name: "cogsh", dependencies: ["Shell"]),
    .executableTarget(name: "cogsh-bench", dependencies: ["Cognito", "Session"]),
    .testTarget(name: "CognitoTests", dependencies: ["Cognito"]),
    .testTarget(name: "SessionTests", dependencies: ["Session"]),
    .testTarget(name: "ShellTests", dependencies: ["Shell"]),
  ]
)
