using System.Net;
using Verdict.Alerts;

namespace Verdict.Analysis.Identity;

/// <summary>
/// What a sign-in alert's own fields say when the logs have nothing on it: a successful sign-in from the corporate
/// network (an RFC 1918 address: an attacker would already need to be inside), and a country the user's approved
/// travel covers at that date. Service accounts get no credit for the office network: their interactive use is the concern;
/// nor does a device the product calls unmanaged or untrusted (Duo's <c>trusted_endpoint_status</c>), nor an after-sign-in action (a role grant, a token) the detector rates high or critical, nor a network-access (RADIUS)
/// admission, whose address is the switch's and whose success is what puts a device on the corporate network.
/// </summary>
public static class IdentityAlertContext
{
    public static void Add(IdentityCase c, List<Evidence> evidence)
    {
        foreach (var alert in c.Alerts.Take(1))
        {
            var signIn = IdentitySignIn.Read(alert);
            // An action the detector rates high or critical (a super-admin grant, a token minted) is not explained by being inside.
            var seriousAction = alert.DetectorSeverity >= Severity.High && IdentityAlertSignals.NoLocationCredit().IsMatch(alert.Rule);
            if (signIn.Succeeded == true && !seriousAction && IdentitySignIn.SourceIp(alert) is { } ip && IPAddress.TryParse(ip, out var address) && IsPrivate(address)
                && !c.Context.IsServiceAccount(c.User) && !c.Context.KnownScanners.Contains(ip)
                && !(IdentityDirectoryActivity.IsLogonEvent(alert) && IdentityDirectoryActivity.IsBuiltInAccount(c.User)) // a built-in account logging on inside is how lateral movement looks
                && !IdentityWindowsLogon.RidesInsideTrust(c, alert)
                && signIn.Managed != false // a device the product calls unmanaged or untrusted, inside, is the foothold itself
                && !IdentitySignIn.IsNetworkAccessRequest(alert)) // a NAC admission is how a device gets inside, never proof it belonged there
                evidence.Add(new("corporate_network", $"The sign-in succeeded from the corporate network ({ip}): an outside attacker would already need a foothold inside", Leaning.Benign, 1.0, "alert"));
            if (signIn.Country is { } country && alert.Time is { } time
                && c.Context.TravelApproval(c.User ?? "", country, time) is { } trip)
                evidence.Add(new("approved_travel", $"Travel to {country} is approved for {c.Who} from {trip.From:yyyy-MM-dd} to {trip.To:yyyy-MM-dd}" + (trip.Note.Length > 0 ? $" ({trip.Note})" : ""), Leaning.Benign, 3.0, "context file"));
        }
    }

    internal static bool IsPrivate(IPAddress ip) => (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).GetAddressBytes() is { Length: 4 } b
        && (b[0] == 10 || (b[0] == 172 && b[1] is >= 16 and < 32) || (b[0] == 192 && b[1] == 168));

    internal static bool IsPrivate(string? ip) => ip is not null && IPAddress.TryParse(ip, out var a) && IsPrivate(a);
}
