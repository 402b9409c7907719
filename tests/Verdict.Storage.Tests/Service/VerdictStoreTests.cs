using System.Data.Common;
using Verdict.Storage.Service;

namespace Verdict.Tests.Service;

/// <summary>The service store on SQLite and on PostgreSQL: the same tests, the same schema.</summary>
public sealed class VerdictStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static NewAlert Alert(int n) => new($"{{\"id\":\"X-{n}\",\"user\":\"bob\"}}", "batch", $"fp-{n}");

    private static TriagedAlert Triaged(string id, string user, DateTimeOffset at, string severity = "HIGH", string decision = "escalate") =>
        new(id, "X", user, "brute_force", at, "brute_force · " + user, "MALICIOUS", severity, decision, "{\"alert_id\":\"X\"}", "[]");

    [Theory]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task Migrating_again_changes_nothing_and_reports_the_version(string kind)
    {
        await using var t = await TestStore.CreateAsync(kind);
        Assert.Equal(3, await t.Store.MigrateAsync(Ct));
        Assert.Equal(3, await t.OpenAnother().MigrateAsync(Ct));
        Assert.True(await t.Store.PingAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task Intake_keeps_one_alert_per_fingerprint(string kind)
    {
        await using var t = await TestStore.CreateAsync(kind);
        var first = await t.Store.EnqueueAsync([Alert(1), Alert(2)], T0, Ct);
        var again = await t.Store.EnqueueAsync([Alert(2), Alert(3)], T0, Ct);
        Assert.All(first, r => Assert.False(r.Duplicate));
        Assert.True(again[0].Duplicate);
        Assert.Equal(first[1].Id, again[0].Id);
        Assert.Equal(3, (await t.Store.CountAsync(Ct)).Queued);
    }

    [Theory]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task A_claimed_alert_is_nobody_elses_until_its_lease_runs_out(string kind)
    {
        await using var t = await TestStore.CreateAsync(kind);
        var id = (await t.Store.EnqueueAsync([Alert(1)], T0, Ct))[0].Id;
        Assert.Single(await t.Store.ClaimAsync("dead", 10, TimeSpan.FromMinutes(1), T0, Ct));
        Assert.Empty(await t.Store.ClaimAsync("other", 10, TimeSpan.FromMinutes(1), T0.AddSeconds(30), Ct));
        var retaken = Assert.Single(await t.Store.ClaimAsync("other", 10, TimeSpan.FromMinutes(1), T0.AddMinutes(2), Ct));
        Assert.Equal(2, retaken.Attempts);
        // The first worker wakes up late: its result is refused, the new holder's is written.
        Assert.Null(await t.Store.CompleteAsync("dead", Triaged(id, "bob", T0), TimeSpan.FromHours(2), T0.AddMinutes(3), Ct));
        Assert.NotNull(await t.Store.CompleteAsync("other", Triaged(id, "bob", T0), TimeSpan.FromHours(2), T0.AddMinutes(3), Ct));
        Assert.Null(await t.Store.CompleteAsync("other", Triaged(id, "bob", T0), TimeSpan.FromHours(2), T0.AddMinutes(4), Ct));
        var row = await t.Store.GetAlertAsync(id, Ct);
        Assert.Equal(("done", "other"), (row!.Status, row.ProcessedBy));
        Assert.Single(await t.Store.AuditAsync(id, cancellationToken: Ct), a => a.Kind == "decision");
    }

    [Theory]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task A_users_alerts_close_in_time_join_one_case_that_takes_the_worst_verdict(string kind)
    {
        await using var t = await TestStore.CreateAsync(kind);
        var ids = (await t.Store.EnqueueAsync([Alert(1), Alert(2), Alert(3)], T0, Ct)).Select(r => r.Id).ToList();
        await t.Store.ClaimAsync("w", 10, TimeSpan.FromMinutes(1), T0, Ct);
        var c1 = await t.Store.CompleteAsync("w", Triaged(ids[0], "bob", T0, "LOW", "monitor"), TimeSpan.FromHours(2), T0, Ct);
        var c2 = await t.Store.CompleteAsync("w", Triaged(ids[1], "bob", T0.AddMinutes(30), "HIGH", "escalate"), TimeSpan.FromHours(2), T0, Ct);
        var c3 = await t.Store.CompleteAsync("w", Triaged(ids[2], "bob", T0.AddHours(5)), TimeSpan.FromHours(2), T0, Ct);
        Assert.Equal(c1, c2);
        Assert.NotEqual(c1, c3);
        var joined = await t.Store.GetCaseAsync(c1!, Ct);
        Assert.Equal(("HIGH", "escalate", 2), (joined!.Severity, joined.Decision, joined.AlertCount));
        Assert.Equal(2, (await t.Store.CaseAlertsAsync(c1!, Ct)).Count);
        var escalated = await t.Store.ListCasesAsync(new CaseFilter(Severity: "high", Since: T0.AddHours(4)), Ct);
        Assert.Equal(c3, Assert.Single(escalated).Id);
        Assert.Empty(await t.Store.ListCasesAsync(new CaseFilter(Decision: "auto_close"), Ct));
    }

    [Theory]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task The_audit_log_refuses_changes_and_feedback_is_judged_against_the_brief(string kind)
    {
        await using var t = await TestStore.CreateAsync(kind);
        var id = (await t.Store.EnqueueAsync([Alert(1)], T0, Ct))[0].Id;
        await t.Store.ClaimAsync("w", 10, TimeSpan.FromMinutes(1), T0, Ct);
        await t.Store.CompleteAsync("w", Triaged(id, "bob", T0), TimeSpan.FromHours(2), T0, Ct);
        await t.Store.AddFeedbackAsync(new FeedbackInput(id, null, false, "benign", null, "admin reset", "ann"), T0, Ct);
        var judged = Assert.Single(await t.Store.JudgedFeedbackAsync(Ct));
        Assert.Equal(("MALICIOUS", "BENIGN", "brute_force"), (judged.PredictedClassification, judged.Feedback.Classification, judged.Rule));
        await t.Store.AppendAuditAsync(T0, "model_call", "claude", id, "triage prompt", 1200, 300, Ct);
        Assert.Contains(await t.Store.AuditAsync(id, cancellationToken: Ct), a => a is { Kind: "model_call", InputTokens: 1200, OutputTokens: 300 });
        await Assert.ThrowsAnyAsync<DbException>(() => Raw(t, "DELETE FROM audit_log"));
        await Assert.ThrowsAnyAsync<DbException>(() => Raw(t, "UPDATE audit_log SET detail = 'x'"));
    }

    [Theory]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public async Task Api_keys_are_found_by_hash_only(string kind)
    {
        await using var t = await TestStore.CreateAsync(kind);
        await t.Store.AddApiKeyAsync("hash-1", "analyst", "siem", T0, Ct);
        Assert.Equal("analyst", (await t.Store.FindApiKeyAsync("hash-1", Ct))!.Role);
        Assert.Null(await t.Store.FindApiKeyAsync("hash-2", Ct));
    }

    private static async Task Raw(TestStore t, string sql)
    {
        DbConnection connection = t.Kind == "sqlite" ? new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + t.Connection) : new Npgsql.NpgsqlConnection(t.Connection);
        await using (connection)
        {
            await connection.OpenAsync(Ct);
            await using var command = connection.CreateCommand();
#pragma warning disable CA2100
            command.CommandText = sql;
#pragma warning restore CA2100
            await command.ExecuteNonQueryAsync(Ct);
        }
    }
}
