import Foundation
import PostgresNIO
import SeguiaStore
import SeguiaTestSupport
import Testing

/// What distributing the values and their history by territory (Citus) asks of the schema,
/// read from the migrated schema itself, so that the README's list of changes stays true:
/// a distributed table's primary key and unique constraints must hold the distribution
/// column, a table co-located with it must carry that column, and no other table may point at
/// a distributed one (reference tables may only be pointed at).
@Suite struct DistributionReadinessTests {
    static let distributed = ["indicator_values", "indicator_value_history"]

    @Test func theSchemaNamesExactlyTheChangesTheReadmeLists() async throws {
        try await withTestClient { client in
            // Unique constraints and primary keys of the distributed tables without territory_id.
            var lacking: [String] = []
            for try await name in try await client.query(
                """
                SELECT c.conname FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
                WHERE t.relname = ANY(\(Self.distributed)) AND c.contype IN ('p', 'u')
                  AND NOT EXISTS (SELECT 1 FROM unnest(c.conkey) k JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k
                                  WHERE a.attname = 'territory_id')
                ORDER BY 1
                """, logger: testLogger
            ).decode(String.self) { lacking.append(name) }
            #expect(lacking == ["pk_indicator_values"])

            // Distributed tables without the distribution column.
            var without: [String] = []
            for try await name in try await client.query(
                """
                SELECT t FROM unnest(\(Self.distributed)) t
                WHERE NOT EXISTS (SELECT 1 FROM information_schema.columns c WHERE c.table_name = t AND c.column_name = 'territory_id')
                """, logger: testLogger
            ).decode(String.self) { without.append(name) }
            #expect(without == ["indicator_value_history"])

            // Foreign keys into the distributed tables from elsewhere, and out of them to
            // anything but reference tables: none may exist.
            var crossing: [String] = []
            for try await name in try await client.query(
                """
                SELECT c.conname FROM pg_constraint c
                JOIN pg_class source ON source.oid = c.conrelid JOIN pg_class target ON target.oid = c.confrelid
                WHERE c.contype = 'f' AND (
                    (target.relname = ANY(\(Self.distributed)) AND NOT source.relname = ANY(\(Self.distributed)))
                    OR (source.relname = ANY(\(Self.distributed)) AND target.relname = ANY(\(Self.distributed))
                        AND c.conname <> 'fk_indicator_value_history_value'))
                ORDER BY 1
                """, logger: testLogger
            ).decode(String.self) { crossing.append(name) }
            #expect(crossing.isEmpty)

            // The history points at the values by value_id alone: co-located, it needs (territory_id, value_id).
            var historyKey: [String] = []
            for try await column in try await client.query(
                """
                SELECT a.attname FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey)
                WHERE c.conname = 'fk_indicator_value_history_value' ORDER BY a.attnum
                """, logger: testLogger
            ).decode(String.self) { historyKey.append(column) }
            #expect(historyKey == ["value_id"])
        }
    }
}
