using Verdict.Alerts;

namespace Verdict.Analysis.Families.Cloud;

/// <summary>
/// Who made a cloud control-plane call, read from the vendor's own fields wherever the record nests them (a CloudTrail
/// event alone or inside an EventBridge envelope's <c>detail</c>, a GuardDuty finding's <c>accessKeyDetails</c>, an
/// Azure Activity row's <c>Caller</c>): the identity type, its ARN, the IAM user, the role behind an assumed-role
/// session (<c>sessionContext.sessionIssuer.userName</c>), the session name (the person, for IAM Identity Center
/// roles), the AWS service that called on the account's behalf, and the source address as CloudTrail wrote it
/// (an IP, or a service name such as <c>backup.amazonaws.com</c>).
/// </summary>
public sealed record CloudActor(string? Type, string? Arn, string? UserName, string? Role, string? Session, string? InvokedBy,
    string? Source, string? CallerType)
{
    public static CloudActor Read(Alert a)
    {
        // Nested (CloudTrail JSON, EventBridge, ECS's aws.cloudtrail.user_identity.*) or Sentinel's AWSCloudTrail columns.
        // ...or a product's own column: CloudTrail Lake's principal_arn, Lacework's entityMap.CT_User USERNAME.
        var arn = Path(a, "userIdentity.arn") ?? a.Raw("useridentityarn", "principalarn") ?? AsArn(Path(a, "CT_User.0.USERNAME"))
            ?? AsArn(Path(a, "usr.id")); // Datadog's standard attribute for the caller
        var role = Path(a, "userIdentity.sessionContext.sessionIssuer.userName") ?? a.Raw("sessionissuerusername");
        string? session = null;
        if (arn is not null && arn.Contains(":assumed-role/", StringComparison.OrdinalIgnoreCase) && arn.Split('/') is { Length: >= 3 } parts)
        {
            role ??= parts[1];
            session = parts[^1];
        }
        return new(Path(a, "userIdentity.type") ?? a.Raw("useridentitytype") ?? Path(a, "accessKeyDetails.userType") ?? Path(a, "AwsIamAccessKey.PrincipalType")
            ?? a.Raw("principaltype") ?? (Path(a, "CT_User.0.USERNAME") is { } u && u.Equals("root", StringComparison.OrdinalIgnoreCase) ? "Root" : null)
            ?? (WizRootDetection(a) ? "Root" : null), arn,
            Path(a, "userIdentity.userName") ?? a.Raw("useridentityusername") ?? Path(a, "accessKeyDetails.userName"), role, session,
            Path(a, "userIdentity.invokedBy") ?? a.Raw("useridentityinvokedby"), Path(a, "sourceIPAddress"), Path(a, "awsApiCallAction.callerType"));
    }

    /// <summary>A Wiz threat-detection issue whose entity is the root user (a configuration issue about root is no use of it).</summary>
    private static bool WizRootDetection(Alert a) =>
        (Path(a, "entitySnapshot.nativeType") ?? "").Equals("rootUser", StringComparison.OrdinalIgnoreCase)
        && (a.Raw("type") ?? "").Equals("THREAT_DETECTION", StringComparison.OrdinalIgnoreCase);

    /// <summary>The names to look the actor up by: the IAM user, the role, the session, the alert's user.</summary>
    public IEnumerable<string> Names(Alert a) =>
        new[] { UserName, Role, Session, a.User }.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!);

    /// <summary>An IAM Identity Center (SSO) permission-set role: the session name is the person who signed in.</summary>
    public bool IsSso => Role?.StartsWith("AWSReservedSSO_", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>The person behind an SSO session ("sophie.turner@example.com" is "sophie.turner"), else null.</summary>
    public string? Person => IsSso && Session is { } s ? s.Split('@')[0] : null;

    /// <summary>
    /// An AWS service made the call on the account's behalf: CloudTrail writes the service's name as the source address
    /// and in <c>invokedBy</c>, or the identity type is AWSService; GuardDuty says callerType "AWS Service". Nobody outside
    /// AWS can make a call look like this.
    /// </summary>
    public string? AwsService =>
        Type?.Equals("AWSService", StringComparison.OrdinalIgnoreCase) == true ? InvokedBy ?? Source ?? "an AWS service"
        : IsServiceName(InvokedBy) ? InvokedBy
        : IsServiceName(Source) ? Source
        : CallerType?.Equals("AWS Service", StringComparison.OrdinalIgnoreCase) == true ? "an AWS service"
        : Role?.StartsWith("AWSServiceRoleFor", StringComparison.OrdinalIgnoreCase) == true || Arn?.Contains("/aws-service-role/", StringComparison.OrdinalIgnoreCase) == true
            ? $"the service-linked role {Role ?? Arn} (only its AWS service can assume it)"
        : null;

    private static string? AsArn(string? s) => s is not null && s.StartsWith("arn:", StringComparison.OrdinalIgnoreCase) ? s : null;

    private static bool IsServiceName(string? s) => s is not null && s.EndsWith(".amazonaws.com", StringComparison.OrdinalIgnoreCase)
        && !s.Contains(' ', StringComparison.Ordinal);

    /// <summary>
    /// The first non-empty value of a field whose dotted name is <paramref name="suffix"/> or ends with ".suffix"
    /// (compared normalised: case, '_' and '-' ignored): "userIdentity.arn" finds "detail.userIdentity.arn" and
    /// "aws.cloudtrail.user_identity.arn" too.
    /// </summary>
    public static string? Path(Alert a, string suffix)
    {
        var wanted = Verdict.Ingest.FieldNames.Normalize(suffix);
        foreach (var (key, value) in a.Fields)
        {
            if (string.IsNullOrWhiteSpace(value) || key.Length < wanted.Length) continue;
            var name = Verdict.Ingest.FieldNames.Normalize(key);
            if (name.EndsWith(wanted, StringComparison.Ordinal) && (name.Length == wanted.Length || name[name.Length - wanted.Length - 1] == '.'))
                return value.Trim();
        }
        return null;
    }
}
