namespace Verdict.Ingest;

/// <summary>
/// Field names of vendor-native alert shapes (after JSON flattening), added to <see cref="FieldNames"/>'s built-in
/// aliases: native ModSecurity v3 audit JSON, Suricata EVE, AWS WAF logs, Cloudflare firewall events (Logpush / GraphQL),
/// Azure WAF (Application Gateway / Front Door) rows as AzureDiagnostics gives them, CrowdStrike Falcon detection events,
/// Entra ID Protection risk detections, the Okta System Log, Entra sign-ins from Microsoft Graph, Amazon GuardDuty
/// findings (delivered through EventBridge or read from GetFindings), Falco and CloudTrail
/// through EventBridge. A name already in the main table keeps its meaning there.
/// </summary>
internal static class VendorFieldNames
{
    /// <summary>
    /// The remote address of each GuardDuty action type, in a finding delivered through EventBridge
    /// (<paramref name="prefix"/> "detail.") or as GetFindings and the S3 export give it (no prefix).
    /// </summary>
    private static string[] GuardDutyRemoteAddresses(string prefix) =>
    [
        prefix + "service.action.awsApiCallAction.remoteIpDetails.ipAddressV4",
        prefix + "service.action.networkConnectionAction.remoteIpDetails.ipAddressV4",
        prefix + "service.action.portProbeAction.portProbeDetails.0.remoteIpDetails.ipAddressV4",
        prefix + "service.action.kubernetesApiCallAction.remoteIpDetails.ipAddressV4",
        prefix + "service.action.rdsLoginAttemptAction.remoteIpDetails.ipAddressV4",
    ];

    public static readonly (CanonicalField Field, string[] Names)[] Table =
    [
        (CanonicalField.Rule, ["transaction.messages.0.message", "alert.signature", "terminatingRuleId", "ruleName_s", "event.DetectName",
            "riskEventType", "detail.type", "detail.title"]),
        (CanonicalField.Description, ["transaction.messages.0.details.data", "event.DetectDescription", "detail.description", "output"]),
        (CanonicalField.Id, ["transaction.unique_id", "event.DetectId", "httpRequest.requestId", "RayID", "RayName"]),
        (CanonicalField.Time, ["transaction.time_stamp", "metadata.eventCreationTime", "activityDateTime", "detectedDateTime",
            "detail.eventTime"]),
        (CanonicalField.User, ["event.UserName", "detail.resource.accessKeyDetails.userName", "detail.userIdentity.userName",
            "resource.accessKeyDetails.userName"]),
        (CanonicalField.SourceIp, ["transaction.client_ip", "httpRequest.clientIp", "clientIp_s", "detail.sourceIPAddress",
            .. GuardDutyRemoteAddresses("detail."), .. GuardDutyRemoteAddresses("")]),
        (CanonicalField.DestinationIp, ["transaction.host_ip"]),
        (CanonicalField.Host, ["event.ComputerName", "detail.resource.instanceDetails.instanceId", "resource.instanceDetails.instanceId"]),
        (CanonicalField.Severity, ["event.SeverityName", "detail.severity", "transaction.messages.0.details.severity"]),
        (CanonicalField.CommandLine, ["event.CommandLine"]),
        (CanonicalField.Process, ["event.FilePath"]),
        (CanonicalField.ParentProcess, ["event.ParentImageFileName"]),
        (CanonicalField.FileHash, ["event.SHA256String", "event.MD5String"]),
        (CanonicalField.Tags, ["event.TechniqueId"]),
        (CanonicalField.KillChain, ["event.Tactic"]),
        (CanonicalField.Url, ["http.url", "httpRequest.url", "httpRequest.uri", "transaction.request.uri", "ClientRequestURI", "requestUri_s"]),
        (CanonicalField.UserAgent, ["http.http_user_agent", "transaction.request.headers.User-Agent", "detail.userAgent", "ClientRequestUserAgent"]),
        (CanonicalField.HttpMethod, ["http.http_method", "httpRequest.httpMethod", "transaction.request.method", "ClientRequestMethod",
            "clientRequestHTTPMethodName"]), // Cloudflare GraphQL firewallEventsAdaptive
        (CanonicalField.RequestHeaders, ["httpRequest.headers", "transaction.request.headers"]),
        (CanonicalField.RequestBody, ["transaction.request.body"]),
        (CanonicalField.ResponseStatus, ["http.status", "responseCodeSent", "transaction.response.http_code", "EdgeResponseStatus"]),
        (CanonicalField.ResponseBody, ["transaction.response.body"]),
        (CanonicalField.Result, ["alert.action", "action_s"]),
        (CanonicalField.AttackType, ["alert.category"]),
        (CanonicalField.Domain, ["dns.rrname", "http.hostname"]),
        (CanonicalField.Country, ["httpRequest.country", "location.countryOrRegion", "ClientCountry", "LocationDetails.countryOrRegion",
            "clientCountryName"]),
        (CanonicalField.City, ["location.city", "LocationDetails.city"]),
        // Okta System Log events (the actor, client and outcome objects)
        (CanonicalField.Time, ["published"]),
        (CanonicalField.User, ["actor.alternateId"]),
        (CanonicalField.SourceIp, ["client.ipAddress"]),
        (CanonicalField.UserAgent, ["client.userAgent.rawUserAgent"]),
        (CanonicalField.Country, ["client.geographicalContext.country"]),
        (CanonicalField.City, ["client.geographicalContext.city"]),
        (CanonicalField.Result, ["outcome.result"]),
        // JumpCloud Directory Insights events: who started the event (an admin's e-mail, a user's username)
        (CanonicalField.User, ["initiated_by.username", "initiated_by.email"]),
        // Mail products: the sending server's address (Defender XDR e-mail rows, Proofpoint on Demand, IRONSCALES) and the
        // recipient whose mailbox it reached (Defender XDR, IRONSCALES).
        (CanonicalField.SourceIp, ["SenderIPv4", "SenderIPv6", "properties.SenderIPv4", "properties.SenderIPv6", "connection.ip", "mail_server.ip"]),
        (CanonicalField.User, ["RecipientEmailAddress", "properties.RecipientEmailAddress", "recipientEmail"]),
        // Entra sign-ins and audit events as Microsoft Graph returns them
        (CanonicalField.Time, ["createdDateTime"]),
        .. EndpointVendorFields.Table,
        .. EndpointProductFields.Table,
        .. AntivirusProductFields.Table,
        .. EdrProductFields.Table,
        .. EndpointExportFields.Table,
        .. CloudVendorFields.Table,
        .. NetworkVendorFields.Table,
    ];
}
