// swift-tools-version: 6.2
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
    name: "seguia",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "seguia", targets: ["seguia"]),
        .library(name: "SeguiaCore", targets: ["SeguiaCore"]),
        .library(name: "SeguiaStore", targets: ["SeguiaStore"]),
        .library(name: "SeguiaEmbeddedPostgres", targets: ["SeguiaEmbeddedPostgres"]),
        .library(name: "SeguiaExport", targets: ["SeguiaExport"]),
        .library(name: "SeguiaServer", targets: ["SeguiaServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.4.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
    ],
    targets: [
        .target(
            name: "SeguiaCore",
            resources: [.copy("Resources/vocabulary")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SeguiaStore",
            dependencies: [
                "SeguiaCore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Resources/sql"), .copy("Resources/seed")],
            swiftSettings: swiftSettings
        ),
        // Starts and watches a private PostgreSQL cluster (and the other programs the server runs):
        // process supervision, kept apart from data access.
        .target(
            name: "SeguiaEmbeddedPostgres",
            dependencies: [
                "SeguiaStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SeguiaExport",
            dependencies: [
                "SeguiaCore",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SeguiaServer",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                "SeguiaCore",
                "SeguiaStore",
                "SeguiaEmbeddedPostgres",
                "SeguiaExport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Resources/openapi.json"), .copy("Resources/web")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "seguia",
            dependencies: [
                "SeguiaServer",
                "SeguiaExport",
                "SeguiaStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SeguiaTestSupport",
            dependencies: [
                "SeguiaCore",
                "SeguiaStore",
                "SeguiaEmbeddedPostgres",
                "SeguiaServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/SeguiaTestSupport",
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SeguiaCoreTests",
            dependencies: ["SeguiaCore"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SeguiaExportTests",
            dependencies: ["SeguiaExport", "SeguiaTestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SeguiaStoreTests",
            dependencies: ["SeguiaStore", "SeguiaTestSupport", .product(name: "PostgresNIO", package: "postgres-nio")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SeguiaEmbeddedPostgresTests",
            dependencies: ["SeguiaEmbeddedPostgres", "SeguiaTestSupport", .product(name: "PostgresNIO", package: "postgres-nio")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SeguiaCommandTests",
            dependencies: ["seguia", "SeguiaStore", "SeguiaEmbeddedPostgres", "SeguiaTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SeguiaServerTests",
            dependencies: [
                "SeguiaServer",
                "SeguiaTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
