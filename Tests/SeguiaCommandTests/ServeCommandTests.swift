import Foundation
import SeguiaEmbeddedPostgres
import SeguiaStore
import SeguiaTestSupport
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The `seguia` binary as a newcomer runs it: no database configured, its own cluster.
@Suite(.serialized) struct ServeCommandTests {
    /// Built beside the test bundle, since this target depends on the executable.
    private var executable: String {
        let testBundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return testBundle.appendingPathComponent("seguia").path
    }


    private func get(_ url: String) async -> (Int, Data)? {
        guard let (data, response) = try? await URLSession.shared.data(from: URL(string: url)!) else { return nil }
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    private func waitForHealth(port: Int, pid: pid_t) async throws {
        for _ in 0..<240 {
            if let (status, _) = await get("http://127.0.0.1:\(port)/health"), status == 200 { return }
            guard isRunning(pid) else { throw TestSetupError("seguia serve exited before answering /health") }
            try await Task.sleep(for: .milliseconds(250))
        }
        throw TestSetupError("seguia serve did not answer /health within 60 s")
    }

    /// Processes whose command line mentions `directory`: the cluster's postmaster and backends.
    private func processes(mentioning directory: String) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry -> String? in
            guard let pid = Int32(entry), isRunning(pid),
                let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline")
            else { return nil }
            let commandLine = String(decoding: data.map { $0 == 0 ? 32 : $0 }, as: UTF8.self)
            return commandLine.contains(directory) ? "\(pid): \(commandLine)" : nil
        }
    }

    private func serve(dataDirectory: String, port: Int, log: String) throws -> pid_t {
        try ProcessRunner.start(executable, ["serve", "--data-dir", dataDirectory, "--port", String(port)], logPath: log)
    }

    @Test func servesWithItsOwnClusterStopsItOnSIGTERMAndKeepsDataAcrossStarts() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("seguia-serve-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let dataDirectory = directory.appendingPathComponent("data").path
        let port = try FreePort.find()

        // first start: initialises, migrates, seeds, serves
        let first = try serve(dataDirectory: dataDirectory, port: port, log: directory.appendingPathComponent("first.log").path)
        try await waitForHealth(port: port, pid: first)
        let (status, body) = try #require(await get("http://127.0.0.1:\(port)/api/v1/territories/FR-OCC"))
        #expect(status == 200)
        #expect(String(decoding: body, as: UTF8.self).contains("\"parent\":\"FR\""))
        #expect(!processes(mentioning: dataDirectory).isEmpty)

        // SIGTERM: the server exits cleanly and takes its cluster with it
        kill(first, SIGTERM)
        #expect(await ProcessRunner.waitForExit(first) == 0)
        #expect(processes(mentioning: dataDirectory).isEmpty)

        // second start: the same data, no new cluster, no second seeding
        let secondLog = directory.appendingPathComponent("second.log").path
        let second = try serve(dataDirectory: dataDirectory, port: port, log: secondLog)
        try await waitForHealth(port: port, pid: second)
        let (againStatus, _) = try #require(await get("http://127.0.0.1:\(port)/api/v1/territories/PS-TBS"))
        #expect(againStatus == 200)
        kill(second, SIGINT)
        #expect(await ProcessRunner.waitForExit(second) == 0)
        let log = try String(contentsOfFile: secondLog, encoding: .utf8)
        #expect(!log.contains("initialising"))
        #expect(!log.contains("seed loaded"))
        #expect(processes(mentioning: dataDirectory).isEmpty)
    }

    @Test func tokensAndImportOnADataDirectoryWithNoServerRunning() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("seguia-cli-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let dataDirectory = directory.appendingPathComponent("data").path
        func run(_ arguments: [String]) async throws -> (Int32, String) {
            let log = directory.appendingPathComponent("out-\(UUID().uuidString.prefix(6)).log").path
            let pid = try ProcessRunner.start(executable, arguments + ["--data-dir", dataDirectory, "--log-level", "error"], logPath: log)
            let status = await ProcessRunner.waitForExit(pid)
            return (status, try String(contentsOfFile: log, encoding: .utf8))
        }

        // Run from the wrong folder, a command that manages what a server uses makes no new database.
        let (refusedToken, noData) = try await run(["token", "create", "--name", "ngo", "--role", "publisher"])
        #expect(refusedToken != 0)
        #expect(noData.contains("no Seguia data in"))
        #expect(!FileManager.default.fileExists(atPath: dataDirectory + "/postgres/PG_VERSION"))
        let (migrated, _) = try await run(["migrate"])
        #expect(migrated == 0)

        let (created, token) = try await run(["token", "create", "--name", "ngo", "--role", "publisher"])
        #expect(created == 0)
        #expect(token.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("sgu_"))
        #expect(token.split(separator: "\n").count == 1)
        let (listed, list) = try await run(["token", "list"])
        #expect(listed == 0)
        #expect(list.contains("ngo\tpublisher"))
        #expect(!list.contains(token.trimmingCharacters(in: .whitespacesAndNewlines)))

        // Accounts: the password comes on standard input, never as an argument.
        func withInput(_ input: String, _ arguments: [String]) async throws -> (Int32, String) {
            let log = directory.appendingPathComponent("out-\(UUID().uuidString.prefix(6)).log").path
            let command = ([executable] + arguments + ["--data-dir", dataDirectory, "--log-level", "error"]).map { "'\($0)'" }.joined(separator: " ")
            let pid = try ProcessRunner.start("/bin/sh", ["-c", "printf '%s\\n' '\(input)' | \(command)"], logPath: log)
            let status = await ProcessRunner.waitForExit(pid)
            return (status, try String(contentsOfFile: log, encoding: .utf8))
        }
        let (made, madeOutput) = try await withInput(
            "une longue phrase de passe",
            ["user", "create", "--email", "Amal@Example.org", "--name", "Amal", "--role", "contributor", "--organisation", "experts-solidaires",
             "--languages", "fr,ar", "--password-stdin"])
        #expect(made == 0, "\(madeOutput)")
        let (short, shortOutput) = try await withInput(
            "court", ["user", "create", "--email", "b@example.org", "--name", "B", "--role", "reader", "--organisation", "AFD", "--password-stdin"])
        #expect(short != 0)
        #expect(shortOutput.contains("at least 10 characters"))
        let (twice, twiceOutput) = try await withInput(
            "une autre phrase de passe",
            ["user", "create", "--email", "amal@example.org", "--name", "Amal", "--role", "reader", "--organisation", "AFD", "--password-stdin"])
        #expect(twice != 0)
        #expect(twiceOutput.contains("exists already"))
        let (disabled, _) = try await run(["user", "disable", "amal@example.org"])
        #expect(disabled == 0)
        let (users, userList) = try await run(["user", "list"])
        #expect(users == 0)
        #expect(userList.contains("Amal@Example.org\tAmal\tcontributor\tEXPERTS-SOLIDAIRES\tfr,ar"))
        #expect(!userList.contains("b@example.org"))
        let (reset, _) = try await withInput("encore une phrase neuve", ["user", "reset-password", "amal@example.org", "--password-stdin"])
        #expect(reset == 0)

        let sheet = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("SeguiaCoreTests/Fixtures/reuse-sheet-en.md").path
        let (imported, draft) = try await run(["import", "practice", sheet])
        #expect(imported == 0)
        let object = try JSONSerialization.jsonObject(with: Data(draft.utf8)) as? [String: Any]
        #expect(object?["language"] as? String == "en")
        #expect((object?["sections"] as? [[String: Any]])?.count == 9)

        // A Word file under a name that says nothing: the format comes from its content.
        let word = directory.appendingPathComponent("fiche-sans-extension").path
        try ImportFixtures.data("fiche-tubas.docx").write(to: URL(fileURLWithPath: word))
        let (importedWord, wordOutput) = try await run(["import", "practice", word, "--save"])
        #expect(importedWord == 0)
        #expect(wordOutput.contains("saved as draft practice"))
        let wordJSON = try #require(wordOutput.range(of: "}", options: .backwards).map { wordOutput[...$0.lowerBound] })
        let wordDraft = try JSONSerialization.jsonObject(with: Data(wordJSON.utf8)) as? [String: Any]
        #expect(wordDraft?["format"] as? String == "docx")
        #expect(wordDraft?["title"] as? String == "Suivi partagé des puits à Tubas")
        let picture = directory.appendingPathComponent("photo.png").path
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]).write(to: URL(fileURLWithPath: picture))
        let (refused, refusal) = try await run(["import", "practice", picture])
        #expect(refused != 0)
        #expect(refusal.contains("PNG image"))

        let values = directory.appendingPathComponent("values.csv").path
        try "indicator;territory;period;value;source\n6.4.1;MA;2031;9,5;Rapport\n".write(toFile: values, atomically: true, encoding: .utf8)
        let (loaded, summary) = try await run(["import", "values", values])
        #expect(loaded == 0)
        #expect(summary.contains("inserted 1"))
        let workbook = directory.appendingPathComponent("comparaison.xlsx").path
        let (exported, _) = try await run(
            ["export", "report", "--territories", "FR,MA,PS", "--indicators", "6.1.1,6.4.1", "--format", "xlsx", "-o", workbook])
        #expect(exported == 0)
        #expect(FileManager.default.contents(atPath: workbook)?.prefix(2) == Data("PK".utf8))
        let exportedValues = directory.appendingPathComponent("valeurs.csv").path
        let (listedValues, _) = try await run(
            ["export", "values", "--indicator", "6.4.1", "--territory", "MA", "--from", "2031", "--format", "csv", "-o", exportedValues])
        #expect(listedValues == 0)
        let bytes = FileManager.default.contents(atPath: exportedValues) ?? Data()
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        let csv = String(decoding: bytes, as: UTF8.self)
        #expect(csv.contains("6.4.1,MA,2031,total,,9.5,USD/m3,Rapport,reported,ok,,,false"))

        // A shared-drive folder: one file in, its copy skipped, the folder as its tag; then written back out.
        let drive = directory.appendingPathComponent("drive/Missions")
        try FileManager.default.createDirectory(at: drive, withIntermediateDirectories: true)
        try ImportFixtures.data("fiche-tubas.docx").write(to: drive.appendingPathComponent("rapport 2022-03-14.docx"))
        try ImportFixtures.data("fiche-tubas.docx").write(to: drive.appendingPathComponent("rapport copie.docx"))
        let (brought, broughtOutput) = try await run(["documents", "import", directory.appendingPathComponent("drive").path, "--organisation", "AFD"])
        #expect(brought == 0, "\(broughtOutput)")
        #expect(broughtOutput.contains("2 files: 1 added, 1 already in Seguia (skipped), 0 not of a kind kept, 0 failed"))
        let out = directory.appendingPathComponent("out")
        let (written, _) = try await run(["documents", "export", out.path])
        #expect(written == 0)
        #expect(FileManager.default.contents(atPath: out.appendingPathComponent("Missions/rapport 2022-03-14.docx").path) == (try ImportFixtures.data("fiche-tubas.docx")))
        let (nobody, nobodyOutput) = try await run(["people", "export", "nobody@example.org"])
        #expect(nobody != 0)
        #expect(nobodyOutput.contains("nobody@example.org"))
        #expect(processes(mentioning: dataDirectory).isEmpty)
    }

    @Test func badConfigurationListsEveryKeyAndExits1() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("seguia-config-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = directory.appendingPathComponent("out.log").path
        let pid = try ProcessRunner.start(executable, ["serve", "--port", "99999", "--log-level", "chatty"], logPath: log)
        #expect(await ProcessRunner.waitForExit(pid) == 1)
        let output = try String(contentsOfFile: log, encoding: .utf8)
        #expect(output.contains("--port / SEGUIA_PORT"))
        #expect(output.contains("--log-level / SEGUIA_LOG_LEVEL"))
    }
}
