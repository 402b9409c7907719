using Verdict.Alerts;
using Verdict.Analysis.Families;
using Verdict.Ingest;
using static Verdict.Tests.Ingest.NativeExportTests;

namespace Verdict.Tests.Ingest;

/// <summary>Cloud, identity-provider and mail-security native exports read with no mapping file.</summary>
public class NativeExportCloudMailTests
{
    [Fact]
    public void Google_workspace_login_audit_is_named_by_its_event()
    {
        var login = Read("gws-login.json").Single();

        Reads(login, "login_failure", "noor.haddad", "198.51.100.61", "2026-10-05T07:08:09.123Z", "-1234567890123456789");
    }

    [Fact]
    public void Google_alert_center_alerts_read_the_account_address_and_the_reported_message()
    {
        var alerts = Read("gws-alertcenter.json");

        Reads(alerts[0], "Suspicious login", "noor.haddad", "203.0.113.90", "2026-10-05T08:00:00Z", "9c1d2e3f-0000-4000-8000-00000000aa01");
        Assert.Equal(Severity.High, alerts[0].DetectorSeverity);
        Assert.Equal("omar.aziz", alerts[1].User);
        Assert.Equal("billing@invoices-contoso.example", Raw(alerts[1], "sender"));
        Assert.Equal("Overdue invoice - action required", Raw(alerts[1], "subject"));
    }

    [Fact]
    public void Gcp_audit_log_and_scc_finding_read_method_principal_and_caller()
    {
        var audit = Read("gcp-audit.json").Single();
        Reads(audit, "google.iam.admin.v1.CreateServiceAccountKey", "deployer", "198.51.100.70", "2026-10-06T01:02:03.456Z", "1a2b3c4d5e");

        var finding = Read("gcp-scc.json").Single();
        Reads(finding, "Persistence: IAM Anomalous Grant", "eve.outsider", "203.0.113.120", "2026-10-06T02:03:04.5Z",
            "organizations/123/sources/456/findings/f00dcafe");
        Assert.Equal(Severity.High, finding.DetectorSeverity);
    }

    [Fact]
    public void Azure_activity_log_in_its_arm_shape_reads_operation_caller_and_client_address()
    {
        var activity = Read("azure-activity.json").Single();

        Reads(activity, "Run Command on Virtual Machine", "ops.admin", "198.51.100.88", "2026-10-07T03:04:05.6789Z",
            "/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/vm-app-01/events/e0e0e0e0/ticks/638000000000000000");
        Assert.Equal("Succeeded", activity.Field(CanonicalField.Result));
    }

    [Fact]
    public void Defender_for_cloud_is_named_by_its_display_name_not_its_guid()
    {
        var alerts = Read("defender-cloud.json");

        Assert.Equal(["Suspicious secret listing in a key vault", "Suspicious secret listing in a key vault"], alerts.Select(a => a.Rule));
        Assert.Equal(Utc("2026-10-07T04:05:06Z"), alerts[0].Time);
        Assert.Equal(Severity.Medium, alerts[0].DetectorSeverity);
    }

    [Fact]
    public void Cloudtrail_read_directly_is_named_by_its_api_call()
    {
        var call = Read("cloudtrail.json").Single();

        Reads(call, "AuthorizeSecurityGroupIngress", "jo.bloggs", "198.51.100.99", "2026-10-08T06:07:08Z", "5a5a5a5a-0000-4000-8000-000000000003");
    }

    [Fact]
    public void Palo_alto_threat_log_is_named_by_its_threat_not_its_security_policy()
    {
        var threat = Read("paloalto-threat.json").Single();

        Assert.Equal("Apache Log4j Remote Code Execution Vulnerability(91991)", threat.Rule);
        Assert.Equal("203.0.113.150", threat.SourceIp);
        Assert.Equal("paloalto-threat-1", threat.Id); // no alert id of its own; the threat name is not one
    }

    [Fact]
    public void Mimecast_logs_are_named_by_their_detection_and_read_recipient_and_sender_address()
    {
        var alerts = Read("mimecast.jsonl");

        Reads(alerts[0], "Mimecast URL protection: malicious", "ana.silva", "198.51.100.140", "2026-10-09T08:09:10Z", "eNoMimecastUrl0001");
        Assert.Equal("notify@shared-docs.example", Raw(alerts[0], "sender"));
        Reads(alerts[1], "similar_internal_domain, newly_observed_domain", "payroll", "203.0.113.160", "2026-10-09T09:10:11Z", "eNoMimecastImp0002");
        Reads(alerts[2], "Mimecast attachment protection: malicious", "buyer", "198.51.100.170", "2026-10-09T10:11:12Z", "eNoMimecastAtt0003");
    }

    [Fact]
    public void Abnormal_threat_reads_its_id_recipient_and_header_evidence()
    {
        var threat = Read("abnormal.json").Single();

        Reads(threat, "Invoice/Payment Fraud (BEC)", "ap.clerk", "203.0.113.180", "2026-10-10T11:12:13Z", "184712ab-0000-4000-8000-000000000004");
        Assert.Equal("accounts@suppl1er.example", Raw(threat, "sender"));
        Assert.Equal("pay.now@free-mail.example", Raw(threat, "replyTo"));
        Assert.Equal("Updated bank details", Raw(threat, "subject"));
    }

    [Fact]
    public void Defender_xdr_alert_reads_user_device_and_address_from_its_evidence()
    {
        var alert = Read("defender-xdr.json").Single();

        Reads(alert, "Suspicious credential dump from LSASS", "svc-backup", "10.5.6.7", "2026-10-11T12:13:14.5Z", "da0000000000000000_-1");
        Assert.Equal("srv-db-02.contoso.example", alert.Host);
    }
}
