import Foundation
import PostgresNIO
import SeguiaCore
import SeguiaStore
import SeguiaTestSupport
import Testing

@Suite struct AccountRepositoryTests {
    let amal = AccountInput(email: "Amal@Example.org", name: "Amal", organisation: "EXPERTS-SOLIDAIRES", role: .contributor, languages: [.fr, .ar])
    let password = "une longue phrase de passe"

    private func scalar(_ database: Database, _ sql: String) async throws -> String {
        try await database.withConnection("test") { connection in
            try await connection.run(PostgresQuery(unsafeSQL: sql), logger: testLogger).decode(String.self).reduce("") { $1 }
        }
    }

    @Test func passwordsAreKeptAsBcryptOfTheirDigestAndAnAddressHasOneAccountWhateverItsCase() async throws {
        try await withTestPool { database in
            let accounts = AccountRepository(database: database)
            let account = try await accounts.create(amal, password: password, logger: testLogger)
            #expect(account.email == "Amal@Example.org" && account.organisation == "EXPERTS-SOLIDAIRES")
            let hash = try await scalar(database, "SELECT password_hash FROM users")
            #expect(hash.hasPrefix("$2a$12$"))
            #expect(!hash.contains(password))
            await #expect(throws: AppError.self) {
                _ = try await accounts.create(
                    AccountInput(email: "amal@example.ORG", name: "Autre", organisation: "AFD", role: .reader), password: password, logger: testLogger)
            }
            // Bad input is refused whole, each problem named, and nothing is written.
            do {
                _ = try await accounts.create(
                    AccountInput(email: "pas une adresse", name: " ", organisation: "NOWHERE", role: .reader), password: "court", logger: testLogger)
                Issue.record("accepted")
            } catch AppError.invalid(let issues) {
                #expect(Set(issues.map(\.field)) == ["email", "name", "password"])
            }
            await #expect(throws: AppError.invalid(field: "organisation", reason: "no organisation has the code 'NOWHERE'")) {
                _ = try await accounts.create(
                    AccountInput(email: "x@example.org", name: "X", organisation: "nowhere", role: .reader), password: password, logger: testLogger)
            }
            #expect(try await scalar(database, "SELECT count(*)::text FROM users") == "1")
        }
    }

    /// Past three failures the next attempt waits, for a known address as for an unknown one; a
    /// success clears the count; the right password of a disabled account does not sign in.
    @Test func signInIsSlowedAfterFailuresAndTellsNoAddressApart() async throws {
        try await withTestPool { database in
            // A first wait of a minute: the test reads the waiting, however slow the machine.
            let accounts = AccountRepository(database: database, bcryptCost: 4, firstWait: 60)
            _ = try await accounts.create(amal, password: password, logger: testLogger)
            guard case .signedIn(let account) = try await accounts.signIn(email: " amal@example.org ", password: password, logger: testLogger) else {
                Issue.record("the right password was refused")
                return
            }
            #expect(account.languages == [.fr, .ar])
            for address in ["amal@example.org", "nobody@example.org"] {
                for _ in 0..<3 {
                    #expect(try await accounts.signIn(email: address, password: "pas le bon mot", logger: testLogger) == .refused)
                }
                #expect(try await accounts.signIn(email: address, password: "pas le bon mot", logger: testLogger) == .refused)
                guard case .tooSoon(let seconds) = try await accounts.signIn(email: address, password: password, logger: testLogger) else {
                    Issue.record("a fifth attempt at once was not slowed for \(address)")
                    continue
                }
                #expect(seconds > 30 && seconds <= 60)
            }
            _ = try await database.withConnection("test") { connection in
                try await connection.run("UPDATE sign_in_failures SET next_attempt_at = now()", logger: testLogger)
            }
            guard case .signedIn = try await accounts.signIn(email: "amal@example.org", password: password, logger: testLogger) else {
                Issue.record("the right password was refused once the wait was over")
                return
            }
            #expect(try await scalar(database, "SELECT count(*)::text FROM sign_in_failures WHERE email_key = 'amal@example.org'") == "0")
            _ = try await accounts.setDisabled(true, email: "AMAL@example.org", logger: testLogger)
            #expect(try await accounts.signIn(email: "amal@example.org", password: password, logger: testLogger) == .disabled)
        }
    }

    /// A session lives until sign-out, a password change or the account's disabling; its secret is kept only as a hash.
    @Test func sessionsEndWithTheirPasswordAndTheirAccount() async throws {
        try await withTestPool { database in
            let accounts = AccountRepository(database: database, bcryptCost: 4)
            let sessions = SessionRepository(database: database)
            let account = try await accounts.create(amal, password: password, logger: testLogger)
            let first = try await sessions.start(accountID: account.id, userAgent: "Firefox", logger: testLogger)
            let second = try await sessions.start(accountID: account.id, userAgent: nil, logger: testLogger)
            #expect(first != second)
            #expect(try await scalar(database, "SELECT count(*)::text FROM user_sessions WHERE secret_hash = '\(first)'") == "0")
            #expect(try await sessions.session(forSecret: first, logger: testLogger)?.account.id == account.id)
            #expect(try await sessions.session(forSecret: "sgs_forged", logger: testLogger) == nil)
            #expect(try await sessions.count(accountID: account.id, logger: testLogger) == 2)

            try await sessions.end(secret: first, logger: testLogger)
            #expect(try await sessions.session(forSecret: first, logger: testLogger) == nil)
            #expect(try await sessions.session(forSecret: second, logger: testLogger) != nil)

            try await accounts.setPassword("une phrase toute neuve", accountID: account.id, logger: testLogger)
            #expect(try await sessions.session(forSecret: second, logger: testLogger) == nil)

            let third = try await sessions.start(accountID: account.id, userAgent: nil, logger: testLogger)
            _ = try await database.withConnection("test") { connection in
                try await connection.run("UPDATE user_sessions SET idle_until = now() - interval '1 second'", logger: testLogger)
            }
            #expect(try await sessions.session(forSecret: third, logger: testLogger) == nil)

            let fourth = try await sessions.start(accountID: account.id, userAgent: nil, logger: testLogger)
            _ = try await accounts.setDisabled(true, email: account.email, logger: testLogger)
            #expect(try await sessions.session(forSecret: fourth, logger: testLogger) == nil)
        }
    }

    /// A token made on an account page acts with its account's role of the moment, stops with
    /// the account and at its expiry, and is revoked only by its owner.
    @Test func anAccountsTokensActAsTheAccount() async throws {
        try await withTestPool { database in
            let accounts = AccountRepository(database: database, bcryptCost: 4)
            let tokens = TokenRepository(database: database)
            let account = try await accounts.create(amal, password: password, logger: testLogger)
            let secret = try await tokens.create(
                name: "tableur", role: account.role, organisation: account.organisation, accountID: account.id,
                expiresAt: Date().addingTimeInterval(3_600), logger: testLogger)
            // Another account, or the command line, may use the same name.
            _ = try await tokens.create(name: "tableur", role: .reader, organisation: nil, logger: testLogger)
            await #expect(throws: AppError.self) {
                _ = try await tokens.create(name: "tableur", role: .reader, organisation: nil, accountID: account.id, logger: testLogger)
            }
            await #expect(throws: AppError.self) {
                _ = try await tokens.create(name: "hier", role: .reader, organisation: nil, expiresAt: Date().addingTimeInterval(-1), logger: testLogger)
            }
            let identity = try #require(try await tokens.identity(forSecret: secret, logger: testLogger))
            #expect(identity.userID == account.id && identity.role == .contributor && identity.name == "Amal")

            _ = try await database.withConnection("test") { connection in
                try await connection.run("UPDATE users SET role = 'reader'", logger: testLogger)
            }
            #expect(try await tokens.identity(forSecret: secret, logger: testLogger)?.role == .reader)

            let listed = try await tokens.list(accountID: account.id, logger: testLogger)
            #expect(listed.map(\.name) == ["tableur"])
            #expect(try await tokens.revoke(id: listed[0].id, accountID: account.id + 1, logger: testLogger) == false)

            _ = try await accounts.setDisabled(true, email: account.email, logger: testLogger)
            #expect(try await tokens.identity(forSecret: secret, logger: testLogger) == nil)
            _ = try await accounts.setDisabled(false, email: account.email, logger: testLogger)
            #expect(try await tokens.identity(forSecret: secret, logger: testLogger) != nil)

            _ = try await database.withConnection("test") { connection in
                try await connection.run("UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE user_id IS NOT NULL", logger: testLogger)
            }
            #expect(try await tokens.identity(forSecret: secret, logger: testLogger) == nil)
            #expect(try await tokens.revoke(id: listed[0].id, accountID: account.id, logger: testLogger))
        }
    }
}
