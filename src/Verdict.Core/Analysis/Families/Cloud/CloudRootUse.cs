using System.Text.RegularExpressions;
using Verdict.Alerts;

namespace Verdict.Analysis.Families.Cloud;

/// <summary>
/// Why the holder of an AWS account's root user uses it, whatever product saw the use (CloudTrail, GuardDuty, Elastic,
/// Wiz...): the root user signed in or called from the organisation's own network (a private address or the VPN egress,
/// context file <c>vpn_egress</c>: its holder signed in to the VPN first), or it did one of the account tasks AWS reserves
/// for root (contact, alternate contacts, tax registration, billing and payment settings) from a usual country. Neither
/// holds when the sign-in is recorded without MFA, when the call failed, or when the address is a listed bad one; the task
/// holds only for those account settings, never for keys, users, policies or the root e-mail and password.
/// </summary>
public static partial class CloudRootUse
{
    private const string Src = "cloud event";

    public static void Add(FamilyCase c, string? ip, bool? mfa, bool failed, List<Evidence> evidence)
    {
        if (mfa == false || failed || evidence.Exists(e => e.Key == "root_only_task")) return;
        if (ip is not null && c.Context.BadIps.Contains(ip)) return;
        if (ip is not null && (FamilyCase.IsInternal(ip) || c.Context.VpnEgress.Contains(ip)))
        {
            evidence.Add(new("root_own_network", $"The root user was used from the organisation's own network ({ip}{(c.Context.VpnEgress.Contains(ip) ? ", the VPN egress" : "")}){(mfa == true ? " with MFA" : "")}: its holder, who had to be on that network first, not someone with a stolen password", Leaning.Benign, 2.0, Src));
            return;
        }
        var country = CloudCallerPlace.Country(c.Alert);
        if (country is not null && c.Context.UsualCountries.Count > 0 && !c.Context.UsualCountries.Contains(country)) return;
        if (AccountTask(c.Alert) is { } task)
            evidence.Add(new("root_account_task", $"The root user did '{task}', an account setting AWS reserves for root (contacts, tax, billing){(country is null ? "" : $", from {country}")}{(mfa == true ? " with MFA" : "")}: the task root is kept for", Leaning.Benign, mfa == true ? 2.5 : 2.0, Src));
    }

    /// <summary>The root-only account task any field of the record names (the event's name, GuardDuty's api, a list of following events), or null.</summary>
    private static string? AccountTask(Alert a)
    {
        foreach (var (_, value) in a.Fields)
        {
            if (RootAccountTask().Match(value) is { Success: true } m) return m.Value;
        }
        return null;
    }

    [GeneratedRegex(@"\b(PutContactInformation|PutAlternateContact|PutAccountTaxRegistration|PutTaxRegistration|BatchPutTaxRegistration|UpdateBillingPreferences|ModifyBilling|ModifyPaymentMethods|UpdatePaymentPreferences)\b")]
    private static partial Regex RootAccountTask();
}
