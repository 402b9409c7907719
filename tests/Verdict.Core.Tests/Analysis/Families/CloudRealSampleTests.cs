using System.Text;
using Verdict.Analysis;
using Verdict.Context;
using Verdict.Ingest;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// Cloud and SaaS audit products in the raw shapes their real exports carry (checked against vendor sample events, with
/// the fictional company's own values; tests/data/families/cloud17-products.jsonl): AWS Security Hub findings (ASFF,
/// GuardDuty findings imported into it), Google Cloud Security Command Center findings (Pub/Sub notification),
/// Kubernetes audit events, Azure Key Vault AuditEvent diagnostic logs, the GitHub audit log and Microsoft 365 Management
/// Activity API records (Exchange, SharePoint, AzureActiveDirectory). Each product's rule, user, address and own outcome
/// are read from its own fields; each benign case closes for the reason those readings give; each attack stays open.
/// </summary>
public sealed class CloudRealSampleTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> Reason = new()
    {
        ["shb-b1"] = "posture_finding", ["shb-b2"] = "finding_dismissed", ["scc-b1"] = "posture_finding", ["scc-b2"] = "finding_dismissed",
        ["k8s-b1"] = "gitops_controller", ["k8s-b2"] = "scanner", ["kv-b1"] = "scanner", ["kv-b2"] = "automation_principal",
        ["gh-b2"] = "automation_principal", ["o365-b1"] = "filing_rule", ["o365-b2"] = "internal_failures",
        ["o365-a1"] = "hiding_rule",
    };

    [Fact]
    public void Each_benign_record_closes_for_its_reason_and_each_attack_stays_open()
    {
        var fixtures = FamilyFixtures.Load("cloud17-products");
        Assert.Empty(FamilyFixtures.Misdecided(fixtures, FamilyFixtures.Triage(fixtures, FamilyFixtures.Context()), output, Reason, idsRead: false));
    }

    [Fact]
    public void Each_product_names_its_rule_user_and_address_from_its_own_fields()
    {
        var fixtures = FamilyFixtures.Load("cloud17-products");
        var outcomes = FamilyFixtures.Triage(fixtures, FamilyFixtures.Context());
        var alerts = FamilyFixtures.AlertsById(fixtures, outcomes);

        // Security Hub: a GuardDuty finding's caller address in ProductFields, its principal in AwsIamAccessKey.PrincipalName.
        Assert.Equal(("web-ec2-role", "45.86.201.12"), (alerts["shb-a1"].User, alerts["shb-a1"].SourceIp));
        Assert.Equal("193.32.162.77", alerts["shb-b2"].SourceIp);
        // Security Command Center: the category is the rule, access.principalEmail and access.callerIp the caller.
        Assert.Equal(("Exfiltration: BigQuery Data Extraction", "dana.fox", "185.220.101.47"), (alerts["scc-a1"].Rule, alerts["scc-a1"].User, alerts["scc-a1"].SourceIp));
        // Kubernetes audit: verb and resource, user.username, the first of sourceIPs.
        Assert.Equal(("Kubernetes create pods/exec", "system:serviceaccount:default:default", "185.220.101.47"), (alerts["k8s-a1"].Rule, alerts["k8s-a1"].User, alerts["k8s-a1"].SourceIp));
        // Key Vault: operationName, not the category "AuditEvent"; the UPN claim by its claim URI.
        Assert.Equal(("SecretGet", "maria.lopez", "185.220.101.47"), (alerts["kv-a1"].Rule, alerts["kv-a1"].User, alerts["kv-a1"].SourceIp));
        Assert.Equal("VaultPatch", alerts["kv-a2"].Rule);
        // GitHub: the action, not operation_type "modify"; actor and actor_ip.
        Assert.Equal(("repo.access", "jlee-contractor", "102.89.34.117"), (alerts["gh-a1"].Rule, alerts["gh-a1"].User, alerts["gh-a1"].SourceIp));
        // Microsoft 365: the Operation, not a Parameters[] or ExtendedProperties[] pair's Name; ClientIP with its port and
        // in its IPv4-mapped IPv6 form is the IPv4 address.
        Assert.Equal(("New-InboxRule", "carol.diaz", "102.89.34.117"), (alerts["o365-a1"].Rule, alerts["o365-a1"].User, alerts["o365-a1"].SourceIp));
        Assert.Equal(("UserLoginFailed", "10.20.3.14"), (alerts["o365-b2"].Rule, alerts["o365-b2"].SourceIp));
    }

    private static Assessment Assess(string json) =>
        FamilyFixtures.Triage([new FamilyFixture("x", json, true, "")], FamilyFixtures.Context())[0].Assessment!;

    private static string Asff(string workflow, string record, string compliance = "") => $$"""
        {"SchemaVersion":"2018-10-08","Id":"f-1","ProductArn":"arn:aws:securityhub:us-east-1::product/aws/guardduty","GeneratorId":"d-1",
         "AwsAccountId":"210987654321","Types":["TTPs/Initial Access/UnauthorizedAccess:IAMUser-InstanceCredentialExfiltration.OutsideAWS"],
         "CreatedAt":"2026-11-22T03:00:00Z","Severity":{"Label":"HIGH","Normalized":80},"Title":"Credentials for instance role app-role used from external IP address.",
         "ProductFields":{"aws/guardduty/service/action/awsApiCallAction/remoteIpDetails/ipAddressV4":"102.89.34.117"},
         "Workflow":{"Status":"{{workflow}}"},"RecordState":"{{record}}"{{(compliance.Length > 0 ? $",\"Compliance\":{{\"Status\":\"{compliance}\"}}" : "")}}}
        """.ReplaceLineEndings(" ");

    [Fact]
    public void An_archived_security_hub_finding_nobody_reviewed_is_no_dismissal_but_a_suppressed_one_is()
    {
        var archived = Assess(Asff("NEW", "ARCHIVED"));
        Assert.DoesNotContain(archived.Evidence, e => e.Key == "finding_dismissed");
        Assert.NotEqual(Classification.Benign, archived.Classification);

        var notified = Assess(Asff("NOTIFIED", "ACTIVE"));
        Assert.DoesNotContain(notified.Evidence, e => e.Key == "finding_dismissed");

        var suppressed = Assess(Asff("SUPPRESSED", "ACTIVE"));
        Assert.Contains(suppressed.Evidence, e => e.Key == "finding_dismissed" && e.Description.Contains("SUPPRESSED", StringComparison.Ordinal));
        // A dismissal never outvotes a finding that names a compromise: it is weighed, not obeyed.
        Assert.Contains(suppressed.Evidence, e => e.Key == "guardduty_compromise");
    }

    [Fact]
    public void A_security_command_center_finding_still_active_and_unmuted_has_no_dismissal()
    {
        const string Finding = """
            {"notificationConfigName":"organizations/1/notificationConfigs/soc","finding":{"name":"organizations/1/sources/2/findings/f1",
             "category":"Persistence: IAM Anomalous Grant","state":"STATE","mute":"MUTE","findingClass":"THREAT","severity":"MEDIUM",
             "eventTime":"2026-11-22T03:00:00Z","access":{"principalEmail":"ops.temp@globex.com","callerIp":"45.86.201.12"}}}
            """;
        var active = Assess(Finding.Replace("STATE", "ACTIVE").Replace("MUTE", "UNMUTED").ReplaceLineEndings(" "));
        Assert.DoesNotContain(active.Evidence, e => e.Key == "finding_dismissed");
        Assert.NotEqual(Classification.Benign, active.Classification);

        var muted = Assess(Finding.Replace("STATE", "ACTIVE").Replace("MUTE", "MUTED").ReplaceLineEndings(" "));
        Assert.Contains(muted.Evidence, e => e.Key == "finding_dismissed" && e.Weight < 2.0); // muted alone weighs less than muted and inactive
    }

    [Fact]
    public void An_m365_inbox_rule_whose_delete_switch_is_false_only_files_mail()
    {
        static string Rule(string delete) => $$"""
            {"CreationTime":"2026-11-18T14:00:00","Id":"r-1","Operation":"Set-InboxRule","RecordType":1,"ResultStatus":"True","Workload":"Exchange",
             "ClientIP":"10.20.3.14:51000","UserId":"kim.nguyen@globex.com","Parameters":[{"Name":"Identity","Value":"Receipts"},
             {"Name":"MoveToFolder","Value":"Receipts"},{"Name":"DeleteMessage","Value":"{{delete}}"}]}
            """.ReplaceLineEndings(" ");
        var filing = Assess(Rule("False"));
        Assert.Contains(filing.Evidence, e => e.Key == "filing_rule");
        Assert.DoesNotContain(filing.Evidence, e => e.Key == "hiding_rule");

        var deleting = Assess(Rule("True"));
        Assert.Contains(deleting.Evidence, e => e.Key == "hiding_rule");
        Assert.NotEqual(Classification.Benign, deleting.Classification);
    }

    [Fact]
    public void An_ipv4_address_written_in_its_ipv6_mapped_form_reads_as_the_ipv4_address()
    {
        var record = """{"id":"m1","rule":"Sign-in","user":"bob","src_ip":"[::ffff:102.89.34.117]:40112"}""";
        var alert = JsonAlertReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(record)), "m.json", EnvironmentContext.Default).Single().Value!;
        Assert.Equal("102.89.34.117", alert.SourceIp);
    }
}
