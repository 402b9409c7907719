using static Verdict.Ingest.FieldList;

namespace Verdict.Ingest;

/// <summary>
/// Field names of network security products' native logs (after JSON flattening), added to <see cref="VendorFieldNames"/>:
/// Google Cloud Armor request logs, a Cloud Logging <c>LogEntry</c> whose <c>httpRequest</c> is GCP's documented
/// HttpRequest (<c>remoteIp</c>, <c>requestUrl</c>, <c>requestMethod</c>, <c>status</c>, <c>userAgent</c>) and whose
/// <c>jsonPayload.enforcedSecurityPolicy</c> / <c>previewSecurityPolicy</c> say what the policy matched
/// (<c>preconfiguredExprIds</c>) and did (<c>outcome</c>). A Cloud Armor log names no rule: <see cref="Derive"/> writes
/// one (<c>detection</c>) from the policy's own words.
/// </summary>
internal static class NetworkVendorFields
{
    private const string Enforced = "jsonPayload.enforcedSecurityPolicy.";
    private const string Preview = "jsonPayload.previewSecurityPolicy.";

    public static readonly (CanonicalField Field, string[] Names)[] Table =
    [
        (CanonicalField.SourceIp, ["httpRequest.remoteIp"]),
        (CanonicalField.Url, ["httpRequest.requestUrl"]),
        (CanonicalField.HttpMethod, ["httpRequest.requestMethod"]),
        (CanonicalField.ResponseStatus, ["httpRequest.status"]),
        (CanonicalField.UserAgent, ["httpRequest.userAgent"]),
        (CanonicalField.Result, [Enforced + "outcome"]),
    ];

    /// <summary>
    /// A Cloud Armor request log's detection: the preconfigured WAF rules the enforced policy matched and what it did
    /// ("Cloud Armor apply-edge-policy DENY: owasp-crs-v030301-id930130-lfi"), else those its preview (log-only) rules
    /// matched ("... preview, not enforced: ..."), else the enforced policy's outcome. Nothing when the record has one.
    /// </summary>
    public static void Derive(List<KeyValuePair<string, string>> fields)
    {
        var policy = Value(fields, Enforced + "name");
        if (policy is null && Value(fields, Preview + "name") is null) return;
        if (Value(fields, DerivedFields.Detection) is not null) return;
        var enforcedIds = Value(fields, Enforced + "preconfiguredExprIds");
        var previewIds = Value(fields, Preview + "preconfiguredExprIds");
        var outcome = Value(fields, Enforced + "outcome") ?? Value(fields, Enforced + "configuredAction") ?? "";
        var name = policy ?? Value(fields, Preview + "name");
        var detection = enforcedIds is not null ? $"Cloud Armor {name} {outcome}: {enforcedIds}"
            : previewIds is not null ? $"Cloud Armor {name} preview, not enforced ({Value(fields, Preview + "outcome") ?? "match"}): {previewIds}"
            : $"Cloud Armor {name} {outcome}".TrimEnd();
        fields.Add(new(DerivedFields.Detection, detection));
    }
}
