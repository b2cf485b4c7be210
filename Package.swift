// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "cogsh",
  products: [
    .executable(name: "cogsh", targets: ["cogsh"])
  ],
  targets: [
    .systemLibrary(name: "CEdit", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
    .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
    .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
    .systemLibrary(name: "CQREncode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
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
