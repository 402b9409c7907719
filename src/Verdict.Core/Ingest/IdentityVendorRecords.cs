using static Verdict.Ingest.FieldList;

namespace Verdict.Ingest;

/// <summary>
/// Fields written, after flattening, for identity products whose records spread their meaning over fields no alias
/// reads (the parts are kept; a record that already has a field of the added name is left alone):
/// <list type="bullet">
/// <item>IBM QRadar offenses (<c>offense_source</c>, <c>offense_type_name</c>): the rule is the first line of
/// <c>description</c>; <c>offense_source</c> is a user name when the offense type is "Username" (type 3) and an address
/// when it is "Source IP" (type 0), written as <c>username</c> or <c>source_ip</c>.</item>
/// <item>PingOne Protect risk evaluations (<c>event.flow.type</c>, <c>result.level</c>): the product and its risk level.</item>
/// <item>Auth0 tenant logs (<c>log_id</c> with <c>type</c>): the event code's documented meaning ("fp" is "Failed Login
/// (Incorrect Password)"), so the rule reads as Auth0's own documentation names it, and <c>log_id</c> written as <c>id</c>.</item>
/// </list>
/// </summary>
public static class IdentityVendorRecords
{
    public static string? Detection(List<KeyValuePair<string, string>> fields) => QRadar(fields) ?? Auth0(fields) ?? PingOneProtect(fields) ?? IdentityProductRecords.Detection(fields);

    /// <summary>
    /// A PingOne Protect risk evaluation (<c>event.flow.type</c> with <c>result.level</c>): the rule names the product and
    /// the flow it scored ("PingOne Protect risk evaluation (AUTHENTICATION): HIGH"), not the bare flow type.
    /// </summary>
    private static string? PingOneProtect(List<KeyValuePair<string, string>> fields) =>
        Value(fields, "event.flow.type") is { } flow && Value(fields, "result.level") is { } level
            ? $"PingOne Protect risk evaluation ({flow}): {level}"
            : null;

    private static string? QRadar(List<KeyValuePair<string, string>> fields)
    {
        if (Value(fields, "offense_source") is not { } source || Value(fields, "description") is not { } description) return null;
        var kind = Value(fields, "offense_type_name") ?? Value(fields, "offense_type");
        if (kind is "Username" or "3" && Value(fields, "username") is null) fields.Add(new("username", source));
        else if (kind is "Source IP" or "0" && Value(fields, "source_ip") is null) fields.Add(new("source_ip", source));
        var firstLine = description.Split('\n', 2)[0].Trim();
        return firstLine.Length == 0 ? null : firstLine;
    }

    /// <summary>
    /// An API operation ("sapi", "fapi") names the operation itself in <c>description</c> ("Update a Guardian factor"),
    /// which the rule keeps; <c>log_id</c> is the event's id (only here: FortiGate's <c>logid</c> names a message type).
    /// </summary>
    private static string? Auth0(List<KeyValuePair<string, string>> fields)
    {
        if (Value(fields, "log_id") is not { } id || Value(fields, "type") is not { } code || !Auth0Events.TryGetValue(code, out var name)) return null;
        if (Value(fields, "id") is null) fields.Add(new("id", id));
        return code.EndsWith("api", StringComparison.OrdinalIgnoreCase) && Value(fields, "description") is { } operation ? $"Auth0 {name}: {operation}" : $"Auth0 {name}";
    }

    /// <summary>Auth0's log event type codes and their documented names (Auth0 docs, "Log Event Type Codes").</summary>
    private static readonly Dictionary<string, string> Auth0Events = new(StringComparer.OrdinalIgnoreCase)
    {
        ["s"] = "Success Login", ["ssa"] = "Success Silent Auth", ["slo"] = "Success Logout", ["ss"] = "Success Signup",
        ["scoa"] = "Success cross-origin authentication", ["seacft"] = "Success Exchange", ["sepft"] = "Success Exchange",
        ["f"] = "Failed Login", ["fp"] = "Failed Login (Incorrect Password)", ["fu"] = "Failed Login (Invalid Email/Username)",
        ["fs"] = "Failed Signup", ["fsa"] = "Failed Silent Auth", ["fcoa"] = "Failed cross-origin authentication",
        ["fcp"] = "Failed Change Password", ["fcpr"] = "Failed Change Password Request", ["fn"] = "Failed Sending Notification",
        ["scp"] = "Success Change Password", ["scpr"] = "Success Change Password Request",
        ["limit_wc"] = "Blocked Account (too many failed logins to one account)",
        ["limit_mu"] = "Blocked IP Address (too many failed logins to different users)",
        ["limit_sul"] = "Blocked User (too many logins per user per minute)",
        ["pwd_leak"] = "Breached Password (login with a leaked password blocked)",
        ["signup_pwd_leak"] = "Breached Password on signup", ["reset_pwd_leak"] = "Breached Password on reset",
        ["gd_auth_failed"] = "MFA Auth failed (wrong one-time code)", ["gd_auth_rejected"] = "MFA Auth rejected",
        ["gd_auth_succeed"] = "MFA Auth success", ["gd_enrollment_complete"] = "MFA enrollment complete",
        ["gd_unenroll"] = "MFA unenrolled", ["gd_otp_rate_limit_exceed"] = "MFA one-time code rate limit exceeded",
        ["sapi"] = "Success API Operation", ["fapi"] = "Failed API Operation", ["sce"] = "Success Change Email", ["fce"] = "Failed Change Email",
        ["scu"] = "Success Change Username", ["fcu"] = "Failed Change Username", ["sd"] = "Success Delegation", ["fd"] = "Failed Delegation",
        ["mfar"] = "MFA required", ["du"] = "Deleted User", ["ublkdu"] = "User login block released",
        ["fc"] = "Failed by Connector", ["fco"] = "Failed by CORS", ["fens"] = "Failed native social login", ["w"] = "Warnings During Login",
        ["cs"] = "Code Sent (passwordless)", ["cls"] = "Code/Link Sent (passwordless)", ["fdu"] = "Failed User Deletion",
        ["scpn"] = "Success Change Phone Number", ["fcpn"] = "Failed Change Phone Number",
        ["seccft"] = "Success Exchange (client credentials for access token)", ["feccft"] = "Failed Exchange (client credentials for access token)",
        ["sertft"] = "Success Exchange (refresh token for access token)", ["fertft"] = "Failed Exchange (refresh token for access token)",
        ["api_limit"] = "Rate Limit on the Authentication or Management APIs",
        ["gd_send_pn"] = "MFA push notification sent", ["gd_send_sms"] = "MFA SMS sent", ["gd_send_voice"] = "MFA voice call started",
        ["gd_start_auth"] = "MFA second factor started", ["gd_start_enroll"] = "MFA enrollment started",
        ["gd_recovery_succeed"] = "MFA recovery code accepted", ["gd_recovery_failed"] = "MFA recovery code rejected",
        ["gd_user_delete"] = "MFA user deleted", ["gd_update_device_account"] = "MFA device account updated",
    };
}
