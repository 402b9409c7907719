using Verdict.Analysis;
using Verdict.Context;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// Entra ID audit events (Graph directoryAudit) and Kubernetes API audit events in their native shapes: read by their
/// documented fields, each benign reason closes its case and the attack riding it stays open.
/// </summary>
public sealed class CloudAuditTests
{
    private const string Foreign = "102.89.34.117";
    private const string InHours = "2026-11-18T14:00:00Z"; // Wednesday 14:00 UTC, business hours in the fixtures' context
    private const string Night = "2026-11-22T03:00:00Z";   // Sunday 03:00 UTC

    private static string Fill(string template, params object[] values)
    {
        for (var i = 0; i < values.Length; i++) template = template.Replace($"__{i}__", Convert.ToString(values[i], System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        return template;
    }

    private static Assessment Assess(string json) =>
        FamilyFixtures.Triage([new FamilyFixture("c0", json.ReplaceLineEndings(" "), true, "")], FamilyFixtures.Context())[0].Assessment!;

    private static string Entra(string activity, string who, string ip, string newValue, string oldValue = "[]", string time = InHours, string? app = null)
    {
        var initiator = app is null
            ? Fill("""{"app": null, "user": {"userPrincipalName": "__0__@globex.com", "ipAddress": "__1__"}}""", (who), (ip))
            : Fill("""{"app": {"displayName": "__0__"}, "user": null}""", (app));
        return Fill("""
            {"id": "Directory_1", "category": "Other", "result": "success", "activityDisplayName": "__0__", "activityDateTime": "__1__",
             "loggedByService": "Core Directory", "operationType": "Update", "initiatedBy": __2__,
             "targetResources": [{"id": "t1", "type": "User", "userPrincipalName": "__3__@globex.com",
               "modifiedProperties": [{"displayName": "X", "oldValue": __4__, "newValue": __5__}]}]}
            """, (activity), (time), (initiator), (who), (System.Text.Json.JsonSerializer.Serialize(oldValue)), (System.Text.Json.JsonSerializer.Serialize(newValue)));
    }

    [Fact]
    public void An_inbox_rule_that_files_mail_closes_and_one_that_hides_replies_stays_open()
    {
        var filing = Assess(Entra("Set Mailbox Rule", "dev.one", "10.20.1.5", "Move messages from 'Payroll' to folder 'Payroll'"));
        Assert.Contains(filing.Evidence, e => e.Key == "filing_rule");
        Assert.Equal(Classification.Benign, filing.Classification);

        var hiding = Assess(Entra("Set Mailbox Rule", "dev.one", "10.20.1.5", "If subject contains 'wire' -> move to RSS Subscriptions; mark as read"));
        Assert.Contains(hiding.Evidence, e => e.Key == "hiding_rule");
        Assert.NotEqual(Classification.Benign, hiding.Classification);
    }

    [Fact]
    public void Consent_to_mail_access_stays_open_while_an_administrator_consenting_to_directory_read_closes()
    {
        var mail = Assess(Entra("Consent to application", "dev.one", Foreign, "[[Scope: Mail.ReadWrite Mail.Send offline_access]]", time: Night));
        Assert.Contains(mail.Evidence, e => e.Key == "risky_consent");
        Assert.NotEqual(Classification.Benign, mail.Classification);

        var admin = Assess(Entra("Consent to application", "cloud.admin", "10.20.1.5", "[[Scope: User.Read.All, ConsentType: AllPrincipals]]"));
        Assert.DoesNotContain(admin.Evidence, e => e.Key == "risky_consent");
        Assert.Equal(Classification.Benign, admin.Classification);
    }

    [Fact]
    public void A_policy_enforced_closes_and_a_user_excluded_from_mfa_stays_open()
    {
        var enforced = Assess(Entra("Update conditional access policy", "cloud.admin", "10.20.1.5", """{"state":"enabled"}""", """{"state":"enabledForReportingButNotEnforced"}"""));
        Assert.Contains(enforced.Evidence, e => e.Key == "policy_enforced");
        Assert.Equal(Classification.Benign, enforced.Classification);

        var excluded = Assess(Entra("Update conditional access policy", "cloud.admin", Foreign, """{"excludeUsers":["breakglass","cfo@globex.com"]}""", """{"excludeUsers":["breakglass"]}""", Night));
        Assert.Contains(excluded.Evidence, e => e.Key == "policy_weakened");
        Assert.NotEqual(Classification.Benign, excluded.Classification);
    }

    [Fact]
    public void Directory_sync_updating_a_title_closes_but_a_graph_app_granting_a_role_does_not()
    {
        var sync = Assess(Entra("Update user", "staff.one", "", "[\"Senior Loan Officer\"]", app: "Microsoft Entra Connect"));
        Assert.Contains(sync.Evidence, e => e.Key == "directory_sync");
        Assert.Equal(Classification.Benign, sync.Classification);

        var pipeline = Assess(Entra("Add service principal credentials", "staff.one", "", "[KeyType=AsymmetricX509Cert]", app: "Terraform Cloud (svc-terraform)"));
        Assert.Contains(pipeline.Evidence, e => e.Key == "automation_principal");
        Assert.Equal(Classification.Benign, pipeline.Classification);

        var grant = Assess(Entra("Add app role assignment grant to user", "staff.one", "", "[]", time: Night, app: "Microsoft Graph"));
        Assert.NotEqual(Classification.Benign, grant.Classification);
    }

    private static string Kube(string verb, string resource, string user, string ip, string ua = "kubectl/v1.31.2", string? sub = null, string? ns = "apps",
        string decision = "allow", int code = 200, string time = InHours, string request = "") => Fill("""
        {"kind": "Event", "apiVersion": "audit.k8s.io/v1", "level": "Request", "auditID": "a-__0__-__1__", "stage": "ResponseComplete",
         "requestURI": "/api/v1/__2__", "verb": "__3__", "user": {"username": "__4__", "groups": ["system:authenticated"]},
         "sourceIPs": ["__5__"], "userAgent": "__6__",
         "objectRef": {"resource": "__7__"__8____9__, "name": "x"},
         "responseStatus": {"code": __10__}, "requestReceivedTimestamp": "__11__",
         "annotations": {"authorization.k8s.io/decision": "__12__"}__13__}
        """, (verb), (resource), (resource), (verb), (user), (ip), (ua), (resource), ((ns is null ? "" : $", \"namespace\": \"{ns}\"")), ((sub is null ? "" : $", \"subresource\": \"{sub}\"")), (code), (time), (decision), (request));

    [Fact]
    public void The_kubelet_deleting_a_pod_from_inside_closes_and_a_service_account_token_used_from_outside_stays_open()
    {
        var kubelet = Assess(Kube("delete", "pods", "system:node:ip-10-10-21-14.ec2.internal", "10.10.21.14", "kubelet/v1.31.2"));
        Assert.Contains(kubelet.Evidence, e => e.Key == "cluster_component");
        Assert.Equal(Classification.Benign, kubelet.Classification);

        var token = Assess(Kube("list", "secrets", "system:serviceaccount:apps:notifier", Foreign, "curl/8.5.0", ns: null, decision: "forbid", code: 403, time: Night));
        Assert.Contains(token.Evidence, e => e.Key == "token_outside_cluster" && e.Strong);
        Assert.Contains(token.Evidence, e => e.Key == "secrets_enumerated");
        Assert.NotEqual(Classification.Benign, token.Classification);
    }

    [Fact]
    public void A_secrets_controller_listing_secrets_from_inside_closes_but_its_token_from_outside_or_another_account_stays_open()
    {
        const string Eso = "system:serviceaccount:external-secrets:external-secrets";
        var sync = Assess(Kube("list", "secrets", Eso, "10.60.2.40", "external-secrets/v0.10.4", ns: null));
        Assert.Contains(sync.Evidence, e => e.Key == "secrets_operator");
        Assert.DoesNotContain(sync.Evidence, e => e.Key == "secrets_enumerated");
        Assert.Equal(Classification.Benign, sync.Classification);

        var stolen = Assess(Kube("list", "secrets", Eso, Foreign, "curl/8.5.0", ns: null));
        Assert.DoesNotContain(stolen.Evidence, e => e.Key == "secrets_operator");
        Assert.Contains(stolen.Evidence, e => e.Key == "token_outside_cluster" && e.Strong);
        Assert.NotEqual(Classification.Benign, stolen.Classification);

        var other = Assess(Kube("list", "secrets", "system:serviceaccount:apps:notifier", "10.60.2.41", "kubectl/v1.31.2", ns: null));
        Assert.DoesNotContain(other.Evidence, e => e.Key == "secrets_operator");
        Assert.NotEqual(Classification.Benign, other.Classification);

        var write = Assess(Kube("delete", "secrets", Eso, "10.60.2.40", "external-secrets/v0.10.4"));
        Assert.DoesNotContain(write.Evidence, e => e.Key == "secrets_operator");
    }

    private static string PrivilegedAlert(string image) => Fill("""
        {"TimeGenerated": "__0__", "AlertName": "Privileged container detected", "DisplayName": "Privileged container detected", "AlertSeverity": "Low",
         "Description": "Kubernetes audit log analysis detected a new privileged container in namespace monitoring.",
         "ProviderName": "Azure Security Center", "VendorName": "Microsoft", "SystemAlertId": "p-1", "AlertType": "K8S_PrivilegedContainer",
         "ExtendedProperties": __1__, "CompromisedEntity": "aks-prod", "Type": "SecurityAlert"}
        """, (InHours), (System.Text.Json.JsonSerializer.Serialize(System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["Namespace"] = "monitoring", ["Image"] = image }))));

    [Fact]
    public void A_privileged_node_agent_from_its_vendors_registry_closes_and_a_look_alike_image_stays_open()
    {
        var agent = Assess(PrivilegedAlert("quay.io/prometheus/node-exporter:v1.8.2"));
        Assert.Contains(agent.Evidence, e => e.Key == "node_agent_image");
        Assert.DoesNotContain(agent.Evidence, e => e.Key == "privileged_workload");
        Assert.Equal(Classification.Benign, agent.Classification);

        var lookalike = Assess(PrivilegedAlert("docker.io/tools4u/node-exporter:latest"));
        Assert.DoesNotContain(lookalike.Evidence, e => e.Key == "node_agent_image");
        Assert.Contains(lookalike.Evidence, e => e.Key == "privileged_workload");
        Assert.NotEqual(Classification.Benign, lookalike.Classification);
    }

    [Fact]
    public void An_engineers_exec_from_the_office_in_hours_closes_and_a_privileged_escape_pod_stays_open()
    {
        var exec = Assess(Kube("create", "pods", "dev.one", "10.20.1.5", sub: "exec", code: 101));
        Assert.Contains(exec.Evidence, e => e.Key == "engineer_in_hours");
        Assert.Equal(Classification.Benign, exec.Classification);

        var away = Assess(Kube("create", "pods", "dev.one", Foreign, sub: "exec", code: 101, time: Night));
        Assert.NotEqual(Classification.Benign, away.Classification);

        var escape = Assess(Kube("create", "pods", "dev.one", "10.20.1.5", ns: "kube-system", code: 201,
            request: """, "requestObject": {"kind": "Pod", "spec": {"hostPID": true, "containers": [{"name": "x", "command": ["nsenter", "-t", "1", "-m", "sh"], "securityContext": {"privileged": true}}]}}"""));
        Assert.Contains(escape.Evidence, e => e.Key == "node_escape" && e.Strong);
        Assert.NotEqual(Classification.Benign, escape.Classification);
    }
}
