using System.Text.RegularExpressions;
using static Verdict.Ingest.FieldList;

namespace Verdict.Ingest;

/// <summary>
/// Fields written, after flattening, for native records that carry their meaning spread over other fields (the parts
/// are kept; a record that already has a field of the added name is left alone):
/// <list type="bullet">
/// <item><c>detection</c> for a raw Entra ID sign-in (Graph <c>signIn</c>: <c>userPrincipalName</c> with
/// <c>status.errorCode</c>; Log Analytics <c>SigninLogs</c>: <c>ResultType</c>) that names no detection: its risk
/// event types ("Entra ID risky sign-in: unfamiliarFeatures"), else its result ("Entra ID sign-in succeeded",
/// "Entra ID sign-in failed (50126): Invalid username or password").</item>
/// <item><c>detection</c> for a Mimecast URL protection log (<c>ttpDefinition</c>, <c>scanResult</c>): "Mimecast URL
/// protection: malicious", rather than the URL's category; for an attachment protection log (<c>definition</c>,
/// <c>fileName</c>, <c>result</c>): "Mimecast attachment protection: malicious", rather than the policy's name.</item>
/// <item>E-mail headers under the names the e-mail family reads: <c>sender</c> from Abnormal <c>fromAddress</c>, Mimecast
/// <c>fromUserEmailAddress</c>, Defender <c>evidence.N.sender.emailAddress</c> or Gmail alerts'
/// <c>data.maliciousEntity.fromHeader</c>; <c>replyTo</c> from Abnormal <c>replyToEmails</c>; <c>subject</c> from
/// Gmail alerts' <c>data.messages.0.subjectText</c>.</item>
/// <item><c>src_ip</c> / <c>dest_ip</c> from a list of participants that says each one's part in a <c>role</c> field
/// (an NDR detection's <c>participants[]</c>: the offender's address is the source, the victim's the destination), when
/// the record names neither: an address is never a source because of where it stands in the list.</item>
/// <item><c>src_ip</c>, <c>host</c> or <c>user</c> from a Sumo Logic Cloud SIEM insight's or signal's typed entity
/// (<c>entity.entityType</c> "_ip", "_hostname" or "_username", with <c>entity.value</c>), when the record names no
/// field of that kind.</item>
/// </list>
/// </summary>
public static partial class DerivedFields
{
    public const string Detection = "detection";

    public static void Add(List<KeyValuePair<string, string>> fields)
    {
        MailVendorFields.Add(fields);
        if (Value(fields, Detection) is null && (EntraSignIn(fields) ?? MimecastUrl(fields) ?? IdentityVendorRecords.Detection(fields)) is { } detection)
        {
            fields.Add(new(Detection, detection));
        }
        EmailHeaders(fields);
        RoleAddresses(fields);
        TypedEntity(fields);
    }

    private static readonly Dictionary<string, (string Name, CanonicalField Field)> EntityTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["_ip"] = ("src_ip", CanonicalField.SourceIp), ["_hostname"] = ("host", CanonicalField.Host), ["_username"] = ("user", CanonicalField.User),
    };

    /// <summary>A Sumo Logic insight's or signal's entity, read as the field its type names.</summary>
    private static void TypedEntity(List<KeyValuePair<string, string>> fields)
    {
        if (Value(fields, "entity.entityType") is not { } type || !EntityTypes.TryGetValue(type.Trim(), out var target)) return;
        if (Value(fields, "entity.value") is not { } value || string.IsNullOrWhiteSpace(value)) return;
        if (fields.Exists(f => FieldNames.Recognize(f.Key) == target.Field)) return;
        fields.Add(new(target.Name, value.Trim()));
    }

    private static readonly HashSet<string> SourceRoles = new(StringComparer.OrdinalIgnoreCase)
        { "offender", "attacker", "source", "src", "actor", "initiator", "client", "origin" };
    private static readonly HashSet<string> DestinationRoles = new(StringComparer.OrdinalIgnoreCase)
        { "victim", "target", "destination", "dest", "dst", "server", "responder" };

    /// <summary>The first single address of an offender-like and of a victim-like participant, as src_ip and dest_ip.</summary>
    private static void RoleAddresses(List<KeyValuePair<string, string>> fields)
    {
        string? source = null, destination = null;
        foreach (var (key, value) in fields)
        {
            if (RoleField().Match(key) is not { Success: true } m) continue;
            var role = value.Trim();
            var isSource = SourceRoles.Contains(role);
            if (!isSource && !DestinationRoles.Contains(role)) continue;
            var prefix = m.Groups[1].Value + ".";
            var address = fields.FirstOrDefault(f => f.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                && f.Key.IndexOf('.', prefix.Length) < 0 && ValueShape.IsIp(f.Value.Trim())).Value?.Trim();
            if (address is null) continue;
            if (isSource) source ??= address;
            else destination ??= address;
        }
        if (source is not null && !fields.Exists(f => FieldNames.Recognize(f.Key) == CanonicalField.SourceIp)) fields.Add(new("src_ip", source));
        if (destination is not null && !fields.Exists(f => FieldNames.Recognize(f.Key) == CanonicalField.DestinationIp)) fields.Add(new("dest_ip", destination));
    }

    [GeneratedRegex(@"^(.+\.\d+)\.role$", RegexOptions.IgnoreCase)]
    private static partial Regex RoleField();

    private static string? EntraSignIn(List<KeyValuePair<string, string>> fields)
    {
        if (Value(fields, "userPrincipalName") is null || fields.Exists(NamesADetection)) return null;
        var code = Value(fields, "status.errorCode") ?? Value(fields, "ResultType");
        if (code is null) return null;
        var risk = Value(fields, "riskEventTypes_v2") ?? Value(fields, "riskEventTypes");
        if (risk is not null && !risk.Equals("none", StringComparison.OrdinalIgnoreCase) && risk != "[]")
        {
            return "Entra ID risky sign-in: " + risk.Trim('[', ']').Replace("\"", "", StringComparison.Ordinal);
        }
        if (code.TrimStart('0').Length == 0) return "Entra ID sign-in succeeded";
        var reason = Value(fields, "status.failureReason") ?? Value(fields, "ResultDescription");
        return reason is null || reason.Equals("None", StringComparison.OrdinalIgnoreCase)
            ? $"Entra ID sign-in failed ({code})"
            : $"Entra ID sign-in failed ({code}): {FirstSentence(reason)}";
    }

    /// <summary>A field that already names the detection (a Sentinel alert's <c>AlertName</c> beside sign-in columns); a
    /// Log Analytics table's <c>Type</c> ("SigninLogs") or <c>Category</c> does not.</summary>
    private static bool NamesADetection(KeyValuePair<string, string> field) =>
        FieldNames.Recognize(field.Key) == CanonicalField.Rule && !string.IsNullOrWhiteSpace(field.Value)
        && !field.Key.Equals("Type", StringComparison.OrdinalIgnoreCase) && !field.Key.Equals("Category", StringComparison.OrdinalIgnoreCase);

    private static string? MimecastUrl(List<KeyValuePair<string, string>> fields) =>
        Value(fields, "ttpDefinition") is not null && Value(fields, "scanResult") is { } scan ? "Mimecast URL protection: " + scan
        : Value(fields, "definition") is not null && Value(fields, "fileName") is not null && Value(fields, "result") is { } result
            ? "Mimecast attachment protection: " + result
            : null;

    private static readonly string[] SenderNames = ["from", "sender", "senderAddress", "sendersmtp", "mailFrom"];

    private static void EmailHeaders(List<KeyValuePair<string, string>> fields)
    {
        if (!SenderNames.Any(n => Value(fields, n) is not null)
            && (Value(fields, "fromAddress") ?? Value(fields, "fromUserEmailAddress") ?? Matching(fields, EvidenceSender())
                ?? Value(fields, "data.maliciousEntity.fromHeader")) is { } sender)
        {
            fields.Add(new("sender", sender));
        }
        if (Value(fields, "replyTo") is null && Value(fields, "replyToEmails") is { } replyTo) fields.Add(new("replyTo", replyTo));
        if (Value(fields, "subject") is null && Value(fields, "data.messages.0.subjectText") is { } subject) fields.Add(new("subject", subject));
    }

    private static string FirstSentence(string text)
    {
        var end = text.IndexOf(". ", StringComparison.Ordinal);
        return (end > 0 ? text[..(end + 1)] : text).Trim();
    }

    private static string? Matching(List<KeyValuePair<string, string>> fields, Regex name) =>
        fields.FirstOrDefault(f => name.IsMatch(f.Key) && !string.IsNullOrWhiteSpace(f.Value)).Value?.Trim();

    [GeneratedRegex(@"^evidence\.\d+\.sender\.emailAddress$", RegexOptions.IgnoreCase)]
    private static partial Regex EvidenceSender();
}
