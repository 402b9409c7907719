using Verdict.Alerts;
using Verdict.Context;
using Verdict.Ingest;

namespace Verdict.Tests.Ingest;

/// <summary>Identity products' native records read by their documented field names: the rule, the user, the address and the rating.</summary>
public sealed class IdentityVendorRecordTests
{
    private static Alert Read(string json) =>
        JsonAlertReader.Read(Support.TestData.Stream(json), "identity.jsonl", EnvironmentContext.Default).Single().Value!;

    [Fact]
    public void PingOne_audit_activity_names_its_action_and_actor_or_else_its_target()
    {
        var byAdmin = Read("""{"action":{"type":"PASSWORD.RESET"},"actors":{"user":{"name":"it.admin@globex.com"}},"id":"p1","recordedAt":"2026-11-16T14:22:41Z","resources":[{"name":"kim@globex.com","type":"USER"}],"result":{"status":"SUCCESS"}}""");
        var byApp = Read("""{"action":{"type":"USER.CREATED"},"actors":{"client":{"name":"HR Worker"}},"id":"p2","recordedAt":"2026-11-16T14:22:41Z","resources":[{"name":"new.user@globex.com","type":"USER"}],"result":{"status":"SUCCESS"}}""");

        Assert.Equal(("PASSWORD.RESET", "it.admin"), (byAdmin.Rule, byAdmin.User));
        Assert.Equal(("USER.CREATED", "new.user"), (byApp.Rule, byApp.User));
    }

    [Fact]
    public void PingFederate_audit_line_names_its_event_and_subject()
    {
        var alert = Read("""{"time":"2026-11-16 08:12:07,884","trackingid":"tid:1","event":"SSO","subject":"kdavis","ip":"10.30.12.41","app":"Office 365","connectionid":"urn:federation:MicrosoftOnline","status":"success","adapterid":"PingIDAdapter","description":""}""");
        Assert.Equal(("SSO", "kdavis", "10.30.12.41"), (alert.Rule, alert.User, alert.SourceIp));
    }

    [Fact]
    public void Sentinel_SecurityEvent_is_named_by_its_activity_not_its_table()
    {
        var alert = Read("""{"TimeGenerated":"2026-11-18T14:47:21Z","Account":"GLOBEX\\Administrator","EventID":4625,"Activity":"4625 - An account failed to log on.","IpAddress":"10.41.2.77","Type":"SecurityEvent"}""");
        Assert.Equal("4625 - An account failed to log on.", alert.Rule);
    }

    [Fact]
    public void QRadar_offense_source_is_a_user_or_an_address_by_offense_type_and_magnitude_is_the_rating()
    {
        var byUser = Read("""{"id":1,"description":"Multiple Login Failures for Single Username\n containing Failure Audit","offense_type":3,"offense_type_name":"Username","offense_source":"svc-kofax","magnitude":3,"severity":8,"start_time":1795183200000}""");
        var byIp = Read("""{"id":2,"description":"Login Failures Followed By Success from Remote Host","offense_type":0,"offense_type_name":"Source IP","offense_source":"193.36.132.19","magnitude":8,"severity":5,"start_time":1795183200000}""");

        Assert.Equal(("Multiple Login Failures for Single Username", "svc-kofax", null, Severity.Low), (byUser.Rule, byUser.User, byUser.SourceIp, byUser.DetectorSeverity));
        Assert.Equal(("193.36.132.19", (string?)null, Severity.High), (byIp.SourceIp, byIp.User, byIp.DetectorSeverity));
    }

    [Fact]
    public void Auth0_event_code_reads_as_its_documented_name()
    {
        var alert = Read("""{"log_id":"9002","date":"2026-11-16T17:22:03Z","type":"fp","description":"Wrong email or password.","ip":"73.43.118.205","user_name":"dl@att.net"}""");
        Assert.Equal("Auth0 Failed Login (Incorrect Password)", alert.Rule);
    }

    [Fact]
    public void Auth0_log_stream_envelope_is_opened_and_an_API_operation_keeps_its_name()
    {
        // The webhook stream copies log_id beside data; with an exporter's two annotations beside it, it is still the envelope.
        var alert = Read("""{"log_id":"9003","data":{"log_id":"9003","date":"2026-11-16T17:22:03Z","type":"sapi","description":"Update a Guardian factor","ip":"73.43.118.205","user_name":"adm-ops@globex.com"},"label":"MALICIOUS","scenario":"x"}""");
        Assert.Equal(("Auth0 Success API Operation: Update a Guardian factor", "adm-ops", "73.43.118.205", "9003"), (alert.Rule, alert.User, alert.SourceIp, alert.Id));
    }

    [Fact]
    public void A_value_beside_the_envelope_that_differs_from_the_records_own_is_no_copy()
    {
        // Three plain values beside "data" that the record does not repeat: not an envelope, read as one record as it is.
        var alert = Read("""{"log_id":"9004","data":{"log_id":"other","type":"fp","ip":"73.43.118.205"},"label":"BENIGN","scenario":"x"}""");
        Assert.Contains(alert.Fields, f => f.Key == "data.type");
    }
}
