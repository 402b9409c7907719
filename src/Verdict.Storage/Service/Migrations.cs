namespace Verdict.Storage.Service;

/// <summary>
/// The store's schema as numbered migrations, the same on SQLite and PostgreSQL but for a few words a dialect fills in:
/// <c>{autoid}</c> (an auto-numbered key) and the audit log's append-only guard. Applied in order, each once, recorded in
/// <c>schema_migrations</c>; never edit a released migration, add the next one.
/// </summary>
internal static class Migrations
{
    public sealed record Migration(int Version, string Name, string Sql);

    public static IReadOnlyList<Migration> All(StoreDialect dialect) =>
    [
        new(1, "cases, alerts queue, briefs, feedback, audit log, api keys", V1.Replace("{autoid}", dialect.AutoId, StringComparison.Ordinal) + dialect.AuditGuard),
        new(2, "notification outbox", V2.Replace("{autoid}", dialect.AutoId, StringComparison.Ordinal)),
        new(3, "enrichment (intel) cache", V3),
    ];

    /// <summary>
    /// The intel cache shared by every server on the store: the latest result per (source, kind, value) and when it was
    /// retrieved (<see cref="StoreIntelCache"/>); a result older than the source's TTL is a miss.
    /// </summary>
    private const string V3 = """
        CREATE TABLE intel_cache (
            source TEXT NOT NULL, kind TEXT NOT NULL, value TEXT NOT NULL, verdict TEXT NOT NULL, summary TEXT NOT NULL,
            score DOUBLE PRECISION, note TEXT, retrieved_at TEXT NOT NULL, PRIMARY KEY (source, kind, value));
        CREATE INDEX ix_intel_cache_retrieved ON intel_cache (retrieved_at);

        """;

    /// <summary>
    /// One row per notification to send (status pending → sent, or failed after too many attempts), or an alert's reason
    /// for not posting (status not_posted). <c>target</c> is a hash of kind and URL, <c>target_display</c> scheme and host:
    /// webhook URLs (secrets) are never stored.
    /// </summary>
    private const string V2 = """
        CREATE TABLE outbox (
            id {autoid}, alert_id TEXT NOT NULL, case_id TEXT, target TEXT NOT NULL, target_display TEXT NOT NULL,
            payload TEXT NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at TEXT NOT NULL,
            lease_owner TEXT, lease_until TEXT, last_error TEXT, reason TEXT, created_at TEXT NOT NULL, sent_at TEXT);
        CREATE INDEX ix_outbox_due ON outbox (status, next_attempt_at);
        CREATE UNIQUE INDEX ux_outbox_alert_target ON outbox (alert_id, target);

        """;

    private const string V1 = """
        CREATE TABLE cases (
            id TEXT PRIMARY KEY, user_name TEXT, title TEXT NOT NULL, status TEXT NOT NULL,
            severity TEXT NOT NULL, classification TEXT NOT NULL, decision TEXT NOT NULL,
            first_seen TEXT NOT NULL, last_seen TEXT NOT NULL, alert_count INTEGER NOT NULL,
            created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
        CREATE INDEX ix_cases_user ON cases (user_name, status, last_seen);
        CREATE INDEX ix_cases_updated ON cases (updated_at);
        CREATE TABLE alerts (
            id TEXT PRIMARY KEY, fingerprint TEXT NOT NULL UNIQUE, source TEXT NOT NULL, payload TEXT NOT NULL,
            status TEXT NOT NULL, received_at TEXT NOT NULL, lease_owner TEXT, lease_until TEXT,
            attempts INTEGER NOT NULL DEFAULT 0, case_id TEXT, processed_by TEXT, finished_at TEXT, error TEXT);
        CREATE INDEX ix_alerts_queue ON alerts (status, received_at);
        CREATE TABLE briefs (
            alert_id TEXT PRIMARY KEY REFERENCES alerts (id), case_id TEXT NOT NULL REFERENCES cases (id),
            source_alert_id TEXT, rule TEXT, user_name TEXT, alert_time TEXT,
            classification TEXT NOT NULL, severity TEXT NOT NULL, decision TEXT NOT NULL,
            brief_json TEXT NOT NULL, timeline_json TEXT NOT NULL, created_at TEXT NOT NULL);
        CREATE INDEX ix_briefs_case ON briefs (case_id);
        CREATE TABLE feedback (
            id {autoid}, alert_id TEXT, case_id TEXT, correct INTEGER NOT NULL, classification TEXT, severity TEXT,
            note TEXT, analyst TEXT NOT NULL, created_at TEXT NOT NULL);
        CREATE TABLE audit_log (
            id {autoid}, at TEXT NOT NULL, kind TEXT NOT NULL, actor TEXT NOT NULL, subject TEXT, detail TEXT,
            input_tokens BIGINT, output_tokens BIGINT);
        CREATE INDEX ix_audit_subject ON audit_log (subject);
        CREATE TABLE api_keys (
            id TEXT PRIMARY KEY, key_hash TEXT NOT NULL UNIQUE, role TEXT NOT NULL, name TEXT,
            created_at TEXT NOT NULL, revoked_at TEXT);

        """;
}

/// <summary>What differs between the two databases.</summary>
internal sealed record StoreDialect(string Name, string AutoId, string AuditGuard, string SkipLocked, string MigrationLock)
{
    public static readonly StoreDialect Sqlite = new("sqlite", "INTEGER PRIMARY KEY AUTOINCREMENT", """
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        """, "", "");

    public static readonly StoreDialect Postgres = new("postgres", "BIGSERIAL PRIMARY KEY", """
        CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS
            $$ BEGIN RAISE EXCEPTION 'the audit log is append-only'; END; $$;
        CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
            FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
        """, " FOR UPDATE SKIP LOCKED", "SELECT pg_advisory_xact_lock(7305011);");
}
