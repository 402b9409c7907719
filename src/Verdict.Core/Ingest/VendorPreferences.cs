namespace Verdict.Ingest;

/// <summary>
/// Names read in preference to the generic alias a record also carries, but only beside a field that marks their
/// vendor's shape (a name such as <c>eventName</c> or <c>threatid</c> means something else elsewhere):
/// <list type="bullet">
/// <item>CloudTrail (<c>eventSource</c>, or <c>detail.eventSource</c> in an EventBridge event): the API call <c>eventName</c>,
/// not <c>eventType</c> ("AwsApiCall") or the envelope's <c>detail-type</c>.</item>
/// <item>Palo Alto threat log (<c>subtype</c>): the threat <c>threatid</c>, not <c>rule</c> (the security policy). FortiGate
/// (<c>logid</c>): the log's <c>msg</c>, not its <c>type</c> ("utm"), and an IPS log's <c>attack</c> (<c>attackid</c>). Barracuda WAF
/// (<c>attack_details</c>): the <c>attack_name</c>, not <c>rule</c> (the URL or ACL, often "global").</item>
/// <item>Defender for Cloud (ARM <c>properties.alertType</c>; Sentinel <c>AlertType</c>): the display name, not the GUID
/// <c>name</c>.</item>
/// <item>Azure Activity log (<c>operationName.value</c>): the operation's localised name.</item>
/// <item>Snort 3 <c>alert_json</c> (<c>pkt_num</c>): <c>seconds</c> (epoch), since <c>timestamp</c> has no year, and the
/// rule's <c>msg</c> rather than its "gid:sid:rev". Zeek <c>notice.log</c> (<c>suppress_for</c>): the notice type
/// <c>note</c>. Azure Front Door WAF (<c>properties.policyMode</c>): <c>properties.ruleName</c>, not the log category.
/// Duo Trust Monitor (<c>sekey</c>): the first explanation, not the event type.</item>
/// <item>Abnormal Security (<c>abxMessageId</c>): <c>threatId</c> is the id. Splunk's webhook alert action
/// (<c>results_link</c>): the search job <c>sid</c> is the id.</item>
/// <item>Entra ID audit logs (Graph <c>directoryAudit</c>, <c>loggedByService</c>): the activity, not its <c>category</c>.
/// Wiz issues (<c>entitySnapshot</c>): the source rule's name, not the issue <c>type</c>. A Wiz issue webhook
/// (<c>trigger.ruleName</c>, the notification rule): <c>control.name</c> and <c>control.description</c>, <c>issue.id</c>, and
/// <c>issue.threatDetection.actor</c> as the user. A Security Command Center finding
/// (<c>findingClass</c>): its <c>category</c> is the rule and its <c>name</c> the id, not the rule. A Splunk ES notable
/// (<c>security_domain</c>): the correlation search's <c>rule_name</c>, else its <c>search_name</c>, not the copied <c>eventName</c>. A Splunk notable carrying a Sysmon
/// event (<c>RuleName</c>, the sysmon-config tag such as "technique_id=T1003,..."): the correlation search <c>search_name</c>. Sysdig Secure events
/// (<c>content.policyId</c>): the rule's <c>content.ruleName</c>, not the event's <c>category</c>.</item>
/// <item>Microsoft 365 Management Activity records (<c>Workload</c>): the <c>Operation</c>. Azure resource logs
/// (<c>resultSignature</c>): the <c>operationName</c>, not the <c>category</c>. The GitHub audit log (<c>actor_location</c>,
/// <c>_document_id</c>): the <c>action</c>, not the <c>operation_type</c>.</item>
/// <item>Proofpoint TAP (<c>QID</c> or <c>clickIP</c>): <c>GUID</c> is the id, the rule the <c>detection</c>
/// <see cref="MailVendorFields"/> writes.</item>
/// <item>Entra ID sign-ins, Mimecast URL and attachment logs: the <c>detection</c> <see cref="DerivedFields"/> writes.</item>
/// </list>
/// Later entries win over earlier ones when several apply.
/// </summary>
internal static class VendorPreferences
{
    public static readonly (CanonicalField Field, string Name, string Beside)[] Table =
    [
        (CanonicalField.Rule, "eventName", "eventSource"),
        // The same CloudTrail event delivered by EventBridge ("AWS API Call via CloudTrail" is every such event's detail-type).
        (CanonicalField.Rule, "detail.eventName", "detail.eventSource"),
        (CanonicalField.Rule, "threatid", "subtype"),
        // FortiGate (logid): the log's own message, not its type ("utm", "event"); an IPS log's attack (attackid beside it).
        (CanonicalField.Rule, "msg", "logid"),
        (CanonicalField.Rule, "attack", "attackid"),
        // Barracuda WAF web firewall log: the attack it matched, not its "rule" (the ACL or URL the policy applies to, "global").
        (CanonicalField.Rule, "attack_name", "attack_details"),
        (CanonicalField.Rule, "properties.alertDisplayName", "properties.alertType"),
        (CanonicalField.Rule, "AlertDisplayName", "AlertType"),
        (CanonicalField.Rule, "operationName.localizedValue", "operationName.value"),
        (CanonicalField.Time, "seconds", "pkt_num"),
        (CanonicalField.Rule, "msg", "pkt_num"),
        (CanonicalField.Rule, "note", "suppress_for"),
        (CanonicalField.Rule, "properties.ruleName", "properties.policyMode"),
        (CanonicalField.Rule, "explanations.0.summary", "sekey"),
        (CanonicalField.Id, "threatId", "abxMessageId"),
        (CanonicalField.Id, "sid", "results_link"),
        (CanonicalField.Rule, DerivedFields.Detection, "status.errorCode"),
        (CanonicalField.Rule, DerivedFields.Detection, "ResultType"),
        (CanonicalField.Rule, DerivedFields.Detection, "ttpDefinition"),
        (CanonicalField.Rule, DerivedFields.Detection, "actionTriggered"),
        (CanonicalField.Rule, "activityDisplayName", "loggedByService"),
        (CanonicalField.Rule, "sourceRule.name", "entitySnapshot.id"),
        // A GuardDuty finding in GetFindings' native shape (Service.ServiceName beside it): the finding type
        // ("Recon:EC2/PortProbeUnprotectedPort") is the rule, as detail.type is in EventBridge's; the title is prose naming the resource.
        (CanonicalField.Rule, "Type", "Service.ServiceName"),
        // A Wiz issue webhook (trigger.ruleName: the notification rule that sent it, the same for every issue): the issue's
        // control is the rule and its description the description, the id the id, the threat detection's actor the user.
        (CanonicalField.Rule, "control.name", "trigger.ruleName"),
        (CanonicalField.Description, "control.description", "trigger.ruleName"),
        (CanonicalField.Id, "issue.id", "trigger.ruleName"),
        (CanonicalField.User, "issue.threatDetection.actor", "trigger.ruleName"),
        // A bare Security Command Center finding (findingClass; its "finding" wrapper unwrapped): the category is the rule,
        // the finding's resource name ("organizations/.../findings/...") its id.
        (CanonicalField.Rule, "category", "findingClass"),
        (CanonicalField.Id, "name", "findingClass"),
        (CanonicalField.Id, "finding.name", "finding.findingClass"),
        // A Splunk ES notable (security_domain): its rule is the correlation search that raised it, by the rule's own name when
        // the search gives one (rule_name), not the CloudTrail API or event code the notable copies from its source event.
        (CanonicalField.Rule, "search_name", "security_domain"),
        (CanonicalField.Rule, "rule_name", "security_domain"),
        // A Splunk notable carrying a Sysmon event: the correlation search, not Sysmon's RuleName (a sysmon-config tag).
        (CanonicalField.Rule, "search_name", "RuleName"),
        // Sysdig Secure events (content.policyId): the Falco rule's name, not the event's category ("runtime", "cloud").
        (CanonicalField.Rule, "content.ruleName", "content.policyId"),
        // Identity products: PingOne audit activities (recordedAt), PingFederate's audit log (trackingid), Windows Security
        // events as Sentinel SecurityEvent rows (EventID: the Activity, not the table name), QRadar offenses, Auth0 logs.
        (CanonicalField.User, "resources.0.name", "recordedAt"),
        (CanonicalField.User, "actors.user.name", "recordedAt"),
        (CanonicalField.Rule, "action.type", "recordedAt"),
        (CanonicalField.Time, "recordedAt", "action.type"),
        (CanonicalField.Rule, "event", "trackingid"),
        (CanonicalField.User, "subject", "trackingid"),
        (CanonicalField.Rule, "Activity", "EventID"),
        (CanonicalField.Rule, DerivedFields.Detection, "offense_source"),
        (CanonicalField.Severity, "magnitude", "offense_source"),
        (CanonicalField.Rule, DerivedFields.Detection, "log_id"),
        // OneLogin events (the account is login_name, user_name its display name) and Google SecOps rule detections.
        (CanonicalField.Rule, DerivedFields.Detection, "event_type_id"),
        (CanonicalField.User, "login_name", "event_type_id"),
        // 1Password sign-in attempts: the account's e-mail, not its display name (IdentityEventRecords).
        (CanonicalField.User, "target_user.email", "session_uuid"),
        // Falcon Identity Protection detections (streaming API, in their "event" object or unwrapped): the source account, its UPN first.
        (CanonicalField.User, "event.SourceAccountName", "event.DetectName"),
        (CanonicalField.User, "SourceAccountName", "DetectName"),
        (CanonicalField.User, "event.SourceAccountUpn", "event.DetectName"),
        (CanonicalField.User, "SourceAccountUpn", "DetectName"),
        (CanonicalField.Rule, DerivedFields.Detection, "detection.0.ruleName"),
        // Mail products (MailVendorFields): Sublime's flagged rules, not the webhook's type; Barracuda's verdict; a Cofense report.
        (CanonicalField.Rule, DerivedFields.Detection, "data.flagged_rules.0.name"),
        (CanonicalField.Rule, DerivedFields.Detection, "hdr_from"),
        (CanonicalField.Rule, DerivedFields.Detection, "reporter.email"),
        // Proofpoint TAP SIEM API: the message or click GUID is the id; the rule is the event type with the classification.
        (CanonicalField.Id, "GUID", "QID"),
        (CanonicalField.Id, "GUID", "clickIP"),
        (CanonicalField.Rule, DerivedFields.Detection, "QID"),
        (CanonicalField.Rule, DerivedFields.Detection, "clickIP"),
        // Defender XDR e-mail rows: the detection, not the table name in Type; the event's Timestamp, not Sentinel's ingestion time.
        (CanonicalField.Rule, DerivedFields.Detection, "NetworkMessageId"),
        (CanonicalField.Time, "Timestamp", "NetworkMessageId"),
        // Proofpoint on Demand and IRONSCALES: the detection MailVendorFields writes, not final_rule alone or incidentType.
        (CanonicalField.Rule, DerivedFields.Detection, "filter.disposition"),
        (CanonicalField.Rule, DerivedFields.Detection, "incidentID"),
        // Microsoft 365 Management Activity API records (Workload: Exchange, SharePoint, OneDrive, AzureActiveDirectory): the
        // Operation ("New-InboxRule", "UserLoginFailed") is the rule, not the Name of a Parameters[] or ExtendedProperties[] pair.
        (CanonicalField.Rule, "Operation", "Workload"),
        // Azure resource logs as diagnostic settings export them (Key Vault AuditEvent and the other categories; resultSignature
        // beside): the operation ("SecretGet", "VaultPatch") is the rule, not the log category ("AuditEvent").
        (CanonicalField.Rule, "operationName", "resultSignature"),
        // The GitHub audit log (actor_location, or the streamed log's _document_id): the action ("repo.access",
        // "protected_branch.rejected_ref_update") is the rule, not the operation_type ("modify") the newer entries carry.
        (CanonicalField.Rule, "action", "actor_location.country_code"),
        (CanonicalField.Rule, "action", "_document_id"),
        // CrowdStrike Falcon alerts API (composite_id): filepath is the triggering image (a general alias would also take
        // another product's file.path, the detected file, over its actor process).
        (CanonicalField.Process, "filepath", "composite_id"),
        // ESET PROTECT's HIPS events (source_uuid marks every ESET event): the process is the application, the rule its rule_id.
        .. AntivirusProductFields.Preferred,
        .. EndpointExportFields.Preferred,
    ];
}
