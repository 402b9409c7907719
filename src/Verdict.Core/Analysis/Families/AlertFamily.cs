using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Verdict.Alerts;
using Verdict.Ingest;

namespace Verdict.Analysis.Families;

/// <summary>What kind of activity an alert is about; each family has its own evidence extractor and hypotheses.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AlertFamily>))]
public enum AlertFamily
{
    [JsonStringEnumMemberName("identity")] Identity,
    [JsonStringEnumMemberName("endpoint")] Endpoint,
    [JsonStringEnumMemberName("network")] Network,
    [JsonStringEnumMemberName("cloud")] Cloud,
    [JsonStringEnumMemberName("email")] Email,
    [JsonStringEnumMemberName("generic")] Generic,
}

/// <summary>
/// Decides an alert's family from the fields it carries first (a command line is endpoint, an HTTP request is
/// network, a CloudTrail event name is cloud, a sender and subject are e-mail), then from its rule name. An alert
/// about a user with none of these is identity, as every alert was before families existed.
/// </summary>
public static partial class FamilyDetector
{
    public static AlertFamily Detect(Alert alert)
    {
        if (Network.NetworkRecord.IsNetworkProduct(alert)) return AlertFamily.Network;
        if (alert.Has("trackingid") && alert.Has("adapterid", "connectionid")) return AlertFamily.Identity; // PingFederate's audit log: its "subject" is the user, not a mail subject
        if (Cloud.CloudProducts.IsCloudProduct(alert)) return AlertFamily.Cloud; // Prisma Cloud, Lacework (whose alertInfo.subject is no mail subject)
        if (IsGitHubAudit(alert)) return AlertFamily.Cloud; // the GitHub audit log: changes to an organisation's repositories, members and settings, no sign-ins
        if (Cloud.EntraAudit.IsM365Exchange(alert)) return AlertFamily.Cloud; // Microsoft 365's Exchange audit records: admin cmdlets and mailbox actions, as Entra audit events are
        if (alert.Has("replyto", "subject", "emailsubject", "attachment", "attachments", "attachmentname", "sendersmtp", "mailfrom", "senderaddress", "esamid", "esafriendlyfrom", "headersubject", "headerfromemail")
            || HasSender(alert) || IsMailMessageId(alert.Raw("internetmessageid", "messageid")))
            return AlertFamily.Email;
        if (Identity.IdentitySignIn.IsIdentityCenter(alert)) return AlertFamily.Identity; // an IAM Identity Center sign-in is a sign-in, not an API call
        if (IsSignInLogRow(alert)) return AlertFamily.Identity; // a SigninLogs row's OperationName ("Sign-in activity") is no API call
        if (alert.Has("eventname", "eventsource", "operationname", "awsregion", "useridentity.arn", "useridentity.type", "recipientaccountid", "resourceprovidername", "cloudprovider", "azureresourceid", "subscriptionid", "operationnamevalue", "detail-type",
                "protopayload.methodname", "protopayload.servicename", "finding.findingclass", "findingclass", "notificationconfigname",
                "productarn", "loggedbyservice", "objectref.resource", "entitysnapshot.cloudplatform")) // Security Hub ASFF, Entra audit, Kubernetes audit, Wiz
            return AlertFamily.Cloud; // ...and GCP Cloud Audit Logs (LogEntry) and Security Command Center notifications (or their bare finding)
        if (Cloud.GuardDutyEvidence.IsFinding(alert)) return AlertFamily.Cloud; // a GuardDuty finding without its EventBridge envelope
        if (Cloud.CloudActor.Path(alert, "evt.name") is not null && Cloud.CloudActor.Path(alert, "usr.id") is { } caller
            && caller.StartsWith("arn:", StringComparison.OrdinalIgnoreCase) && !IdentityRule().IsMatch(alert.Rule))
            return AlertFamily.Cloud; // Datadog's standard attributes: an API call (evt.name) by a caller named by its ARN; sign-in rules stay identity
        if (Endpoint.EndpointRecords.IsEndpointProduct(alert)) return AlertFamily.Endpoint; // Sophos endpoint events, osquery rows, Trend host alerts
        if (alert.CommandLine is null && Identity.IdentityDirectoryActivity.IsLogonEvent(alert)) return AlertFamily.Identity; // the logon's process is context, not a process alert
        if (alert.CommandLine is not null || alert.Process is not null || alert.ParentProcess is not null
            || alert.Has("processcommandline", "threatinfo.filepath", "threatinfo.commandlinearguments", "result.commandline",
                "action_process_image_command_line", "childproc_cmdline")) // nested process (Graph evidence[], SentinelOne threatInfo, Splunk webhook result, Cortex XDR events[], Carbon Black child)
            return AlertFamily.Endpoint;
        if (Cloud.DefenderForCloud.IsAlert(alert)) return AlertFamily.Cloud;
        if (alert.HasAny(CanonicalField.HttpMethod, CanonicalField.RequestHeaders, CanonicalField.RequestBody, CanonicalField.ResponseStatus,
                CanonicalField.ResponseBody, CanonicalField.DestinationPort, CanonicalField.Url))
            return AlertFamily.Network;
        var rule = alert.Rule;
        if (IdentityRule().IsMatch(rule)) return AlertFamily.Identity;
        if (EmailRule().IsMatch(rule)) return AlertFamily.Email;
        if (CloudRule().IsMatch(rule)) return AlertFamily.Cloud;
        if (EndpointRule().IsMatch(rule)) return AlertFamily.Endpoint;
        if (NetworkRule().IsMatch(rule)) return AlertFamily.Network;
        // A finding about a resource in a cloud account (CNAPP and CSPM products' cloud_account_id), about no one in particular.
        if (alert.Has("cloud_account_id")) return AlertFamily.Cloud;
        return alert.User is not null ? AlertFamily.Identity : AlertFamily.Generic;
    }

    /// <summary>A GitHub audit log entry: an <c>actor</c> and a dotted <c>action</c> ("repo.access"), with GitHub's <c>actor_location</c> or the streamed log's <c>_document_id</c>.</summary>
    private static bool IsGitHubAudit(Alert alert) =>
        alert.Raw("actor") is not null && (alert.Raw("action") ?? "").Contains('.', StringComparison.Ordinal)
        && (alert.Has("actor_location.country_code") || alert.Has("_document_id"));

    /// <summary>
    /// A <c>from</c> field that is a sender, not the old value of an audit record's change list (JumpCloud's
    /// <c>changes: [{"field": "account_locked", "from": true, "to": false}]</c>, a diff element beside the name of what changed).
    /// </summary>
    private static bool HasSender(Alert alert)
    {
        foreach (var (key, value) in alert.Fields)
        {
            if (string.IsNullOrWhiteSpace(value)) continue;
            var dot = key.LastIndexOf('.');
            if (!key[(dot + 1)..].Equals("from", StringComparison.OrdinalIgnoreCase)) continue;
            var prefix = dot < 0 ? "" : key[..(dot + 1)];
            if (!ChangedAttribute.Any(name => alert.Fields.Any(f => f.Key.Equals(prefix + name, StringComparison.OrdinalIgnoreCase)))) return true;
        }
        return false;
    }

    /// <summary>
    /// A Log Analytics sign-in log row: its table (<c>Type</c> SigninLogs, AADNonInteractiveUserSignInLogs,
    /// AADServicePrincipalSignInLogs, AADManagedIdentitySignInLogs) or diagnostic <c>Category</c> (SignInLogs,
    /// NonInteractiveUserSignInLogs ...) names a sign-in log.
    /// </summary>
    private static bool IsSignInLogRow(Alert alert) =>
        SignInLogTable().IsMatch(alert.Raw("Type") ?? "") || SignInLogTable().IsMatch(alert.Raw("Category") ?? "");

    [GeneratedRegex(@"(?i)^\s*(aad)?\w*sign-?inlogs\s*$")]
    private static partial Regex SignInLogTable();

    /// <summary>What a change-list element names beside its old (<c>from</c>) and new value.</summary>
    private static readonly string[] ChangedAttribute = ["field", "attribute", "property", "setting"];

    /// <summary>
    /// A mail message id (<c>&lt;abc@host&gt;</c>, a gateway's queue id) marks an e-mail alert; a number does not: syslog
    /// products number their messages too (Cisco ASA's <c>cisco.asa.message_id</c> 722051 is a VPN session, not a mail).
    /// </summary>
    private static bool IsMailMessageId(string? id) => id is not null && !id.All(char.IsAsciiDigit);

    [GeneratedRegex(@"(?i)log[io]n|sign[-_ ]?in|auth|password|brute|credential[-_ ]?stuff|spray|travel|mfa|new[-_ ]country|account[-_ ]lock|off[-_ ]hours|bad[-_ ]ip")]
    private static partial Regex IdentityRule();

    [GeneratedRegex(@"(?i)phish|e-?mail|mailbox|spoof|malspam|\bbec\b")]
    private static partial Regex EmailRule();

    [GeneratedRegex(@"(?i)cloudtrail|guardduty|\baws\b|azure|\bgcp\b|\biam\b|s3 bucket|access[-_ ]key|role[-_ ]assignment")]
    private static partial Regex CloudRule();

    [GeneratedRegex(@"(?i)process|powershell|malware|edr|ransom|mimikatz|lsass|persistence|script|macro|executable")]
    private static partial Regex EndpointRule();

    [GeneratedRegex(@"(?i)\bwaf\b|\bids\b|\bips\b|sql[-_ ]?inj|xss|cross[-_ ]site|travers|injection|exploit|\bscan|beacon|\bc2\b|suricata|snort|\bET\b")]
    private static partial Regex NetworkRule();
}
