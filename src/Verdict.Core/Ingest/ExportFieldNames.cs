namespace Verdict.Ingest;

/// <summary>
/// Field names (after JSON flattening) of native exports read without a mapping file, by each vendor's documented
/// names: GCP Cloud Audit Logs (LogEntry <c>protoPayload.*</c>) and Security Command Center notifications
/// (<c>finding.*</c>), the Azure Activity log in its ARM/Graph shape, Defender for Cloud alerts (ARM
/// <c>properties.*</c> and the Sentinel <c>AlertDisplayName</c>), SentinelOne threats (<c>threatInfo.*</c>,
/// <c>agentRealtimeInfo.*</c>), Google Workspace Reports API activities and Alert Center alerts, Entra ID sign-ins
/// (Graph <c>signIn</c>), Splunk ES notables, Abnormal Security threats and cases, Mimecast TTP logs and Palo Alto
/// threat logs, Zeek notices and weird.log (<c>id.orig_h</c>/<c>id.resp_h</c>), Snort 3 alert_json, Azure Front Door WAF, F5 ASM and Duo logs. A name already in another table keeps its meaning there; names that mean something else elsewhere
/// are read only beside their vendor's other fields (<see cref="FieldPreference"/>).
/// </summary>
internal static class ExportFieldNames
{
    public static readonly (CanonicalField Field, string[] Names)[] Table =
    [
        (CanonicalField.Rule, ["protoPayload.methodName", "finding.category", "operationName.localizedValue", "operationName.value",
            "properties.alertDisplayName", "AlertDisplayName", "threatInfo.classification", "events.0.name"]),
        (CanonicalField.Time, ["threatInfo.createdAt", "id.time", "finding.eventTime", "eventTimestamp", "properties.timeGeneratedUtc",
            "TimeGeneratedUtc", "receivedTime", "createdDateTime", "createTime", "firstObserved", "surfaced_auth.isotimestamp"]),
        (CanonicalField.User, ["protoPayload.authenticationInfo.principalEmail", "finding.access.principalEmail", "threatInfo.processUser",
            "actor.email", "recipientAddress", "userEmailAddress", "srcuser", "affectedEmployee", "data.email", "data.messages.0.recipient",
            "surfaced_auth.user.name"]),
        (CanonicalField.Host, ["agentRealtimeInfo.agentComputerName"]),
        (CanonicalField.SourceIp, ["protoPayload.requestMetadata.callerIp", "finding.access.callerIp", "httpRequest.clientIpAddress",
            "senderIpAddress", "senderIp", "sendingIp", "data.loginDetails.ipAddress", "properties.clientIP", "ip_client",
            "access_device.ip", "surfaced_auth.access_device.ip", "id.orig_h"]),
        // Zeek's connection 4-tuple (weird.log, and notices raised on a connection): originator and responder.
        (CanonicalField.DestinationIp, ["id.resp_h"]),
        (CanonicalField.SourcePort, ["id.orig_p"]),
        (CanonicalField.DestinationPort, ["id.resp_p"]),
        (CanonicalField.Id, ["support_id", "sekey", "properties.trackingReference", "composite_id"]),
        (CanonicalField.Url, ["properties.requestUri"]),
        (CanonicalField.Severity, ["finding.severity", "properties.severity", "metadata.severity"]),
        (CanonicalField.Description, ["finding.description", "properties.description", "rule_description", "finding.sourceProperties.description"]),
        (CanonicalField.Result, ["status.value", "status.errorCode"]),
        (CanonicalField.UserAgent, ["protoPayload.requestMetadata.callerSuppliedUserAgent"]),
        // CrowdStrike Falcon alerts API: the triggering process image path ("\\Device\\HarddiskVolume3\\...") and the alert id.
        (CanonicalField.Process, ["threatInfo.filePath"]),
        (CanonicalField.CommandLine, ["threatInfo.commandLineArguments", "threatInfo.maliciousProcessArguments"]),
        (CanonicalField.FileHash, ["threatInfo.sha256", "threatInfo.sha1"]),
        (CanonicalField.Country, ["finding.access.callerIpGeo.regionCode"]),
        (CanonicalField.KillChain, ["properties.intent"]),
    ];
}
