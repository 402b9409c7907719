using static Verdict.Ingest.FieldList;

namespace Verdict.Ingest;

/// <summary>
/// Fields written, after flattening, for more identity products whose records name no detection or user under a name
/// the aliases read (the parts are kept; a field of the added name already in the record is left alone):
/// <list type="bullet">
/// <item>OneLogin Events API (<c>event_type_id</c> with <c>account_id</c>): the event type's documented meaning
/// ("OneLogin: user failed authentication") as the detection; the account is <c>login_name</c> (read in preference
/// to the display name <c>user_name</c>, see <see cref="VendorPreferences"/>).</item>
/// <item>Google SecOps (Chronicle) rule detections (<c>detection[0].ruleName</c>): the rule's name as the detection, and
/// from the first UDM event of the detection (<c>collectionElements[].references[].event</c>) or the detection's own
/// <c>detectionFields</c> (<c>principal_user</c>, <c>principal_ip</c>): <c>username</c>, <c>source_ip</c>,
/// <c>country</c>, <c>city</c>, the rule's <c>severity</c> label, and for a login event (<c>metadata.eventType</c> USER_LOGIN) <c>action</c> from
/// <c>securityResult[0].action[0]</c> (ALLOW, BLOCK).</item>
/// </list>
/// Sumo Logic Cloud SIEM signals rate <c>severity</c> 0–10 (<see cref="TenPointSeverity"/>).
/// </summary>
public static class IdentityProductRecords
{
    private const string Udm = "collectionElements.0.references.0.event.";

    public static string? Detection(List<KeyValuePair<string, string>> fields) =>
        OneLogin(fields) ?? Chronicle(fields) ?? KeycloakAdmin(fields) ?? CloudflareAccess(fields) ?? IdentityEventRecords.Detection(fields);

    /// <summary>
    /// A Keycloak admin event (<c>operationType</c>, <c>resourceType</c>, <c>resourcePath</c>, <c>authDetails</c>): the
    /// operation on the resource as the detection (a CREATE of a REALM_ROLE_MAPPING or CLIENT_ROLE_MAPPING is a role grant),
    /// the acting account <c>authDetails.userId</c> and its address <c>authDetails.ipAddress</c>.
    /// </summary>
    private static string? KeycloakAdmin(List<KeyValuePair<string, string>> fields)
    {
        if (Value(fields, "operationType") is not { } operation || Value(fields, "resourceType") is not { } resource || Value(fields, "authDetails.realmId") is null)
            return null;
        AddIfAbsent(fields, "username", Value(fields, "authDetails.username") ?? Value(fields, "authDetails.userId"));
        AddIfAbsent(fields, "source_ip", Value(fields, "authDetails.ipAddress"));
        var grant = resource.EndsWith("ROLE_MAPPING", StringComparison.OrdinalIgnoreCase) ? operation.ToUpperInvariant() switch
        {
            "CREATE" => "role granted: ",
            "DELETE" => "role removed: ",
            _ => "",
        } : "";
        return $"Keycloak admin event: {grant}{operation} {resource}";
    }

    /// <summary>
    /// A Cloudflare Access (Zero Trust) access request log (<c>RayID</c>, <c>AppDomain</c>, <c>Allowed</c>): a login to the
    /// application as the detection, the account <c>Email</c>, <c>IPAddress</c>, the two-letter <c>Country</c> and
    /// <c>action</c> allow or block from <c>Allowed</c>.
    /// </summary>
    private static string? CloudflareAccess(List<KeyValuePair<string, string>> fields)
    {
        if (Value(fields, "RayID") is null || Value(fields, "AppDomain") is not { } app || Value(fields, "Allowed") is not { } allowed) return null;
        AddIfAbsent(fields, "username", Value(fields, "Email"));
        AddIfAbsent(fields, "source_ip", Value(fields, "IPAddress"));
        AddIfAbsent(fields, "country", Value(fields, "Country")?.ToUpperInvariant());
        var granted = allowed.Equals("true", StringComparison.OrdinalIgnoreCase);
        AddIfAbsent(fields, "action", granted ? "allow" : "block");
        return $"Cloudflare Access {Value(fields, "Action") ?? "login"} to {app}{(granted ? "" : " denied")}";
    }

    /// <summary>A Sumo Logic Cloud SIEM signal or insight (a rule's <c>stage</c> and <c>entity</c>), whose severity runs 0–10.</summary>
    public static bool TenPointSeverity(IReadOnlyList<KeyValuePair<string, string>> fields) =>
        Value(fields, "stage") is not null && Value(fields, "entity.entityType") is not null && (Value(fields, "ruleId") ?? Value(fields, "contentType")) is not null;

    private static string? OneLogin(List<KeyValuePair<string, string>> fields)
    {
        if (Value(fields, "event_type_id") is not { } id || Value(fields, "account_id") is null) return null;
        return OneLoginEvents.TryGetValue(id, out var name) ? $"OneLogin: {name}" : $"OneLogin event type {id}";
    }

    /// <summary>OneLogin's event types (Events API <c>event_type_id</c>) that identity alerts are built on.</summary>
    private static readonly Dictionary<string, string> OneLoginEvents = new(StringComparer.Ordinal)
    {
        ["3"] = "user assumed another user's account", ["5"] = "user logged into OneLogin", ["6"] = "user failed authentication",
        ["19"] = "user locked", ["24"] = "OTP device removed",
    };

    private static string? Chronicle(List<KeyValuePair<string, string>> fields)
    {
        if (Value(fields, "detection.0.ruleName") is not { } rule) return null;
        var user = Value(fields, Udm + "principal.user.userid") ?? Value(fields, Udm + "principal.user.emailAddresses") ?? Value(fields, Udm + "principal.user.emailAddresses.0") ?? DetectionField(fields, "principal_user");
        AddIfAbsent(fields, "username", user);
        AddIfAbsent(fields, "source_ip", Value(fields, Udm + "principal.ip") ?? Value(fields, Udm + "principal.ip.0") ?? DetectionField(fields, "principal_ip"));
        AddIfAbsent(fields, "country", Value(fields, Udm + "principal.location.countryOrRegion"));
        AddIfAbsent(fields, "city", Value(fields, Udm + "principal.location.city"));
        AddIfAbsent(fields, "severity", Labelled(fields, "severity"));
        if (string.Equals(Value(fields, Udm + "metadata.eventType"), "USER_LOGIN", StringComparison.OrdinalIgnoreCase))
            AddIfAbsent(fields, "action", Value(fields, Udm + "securityResult.0.action") ?? Value(fields, Udm + "securityResult.0.action.0")); // a one-item list flattens to its value
        return rule;
    }

    /// <summary>A Chronicle detection's <c>detectionFields[] {key, value}</c> by key.</summary>
    private static string? DetectionField(List<KeyValuePair<string, string>> fields, string key) => KeyValue(fields, "detection.0.detectionFields", key);

    /// <summary>A Chronicle rule's label (<c>ruleLabels[] {key, value}</c>) by key: its severity.</summary>
    private static string? Labelled(List<KeyValuePair<string, string>> fields, string key) => KeyValue(fields, "detection.0.ruleLabels", key);

    private static string? KeyValue(List<KeyValuePair<string, string>> fields, string array, string key)
    {
        for (var i = 0; i < 20; i++)
        {
            if (Value(fields, $"{array}.{i}.key") is not { } k) return null;
            if (k.Equals(key, StringComparison.OrdinalIgnoreCase)) return Value(fields, $"{array}.{i}.value");
        }
        return null;
    }
}
