import Foundation

/// Files shipped inside the store module: the migrations of `sql/` and the data of `seed/`.
public enum StoreResources {
    public static var migrationsDirectory: URL {
        resourceDirectory("sql")
    }

    public static var seedDirectory: URL {
        resourceDirectory("seed")
    }

    private static func resourceDirectory(_ name: String) -> URL {
        Bundle.module.resourceURL!.appendingPathComponent(name, isDirectory: true)
    }
}
