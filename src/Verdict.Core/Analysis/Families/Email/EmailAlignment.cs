using Verdict.Alerts;

namespace Verdict.Analysis.Families.Email;

/// <summary>
/// Why a DMARC failure can be no spoof: SPF passes for the envelope sender, and that envelope belongs to the From
/// domain's own organisation (lists.example.org for example.org: the mail left that organisation's own servers, and the
/// DKIM signature broke in transit, as mailing lists that tag subjects or add footers do), or the From is the
/// organisation's own domain sent through a service it lists in trusted_senders (a survey or mailing vendor sending on
/// its behalf without signing for its domain). A spoofer gets neither: SPF passes only from the servers the envelope
/// domain names. Never when a composite-authentication verdict (Microsoft CompAuth) failed.
/// </summary>
public static class EmailAlignment
{
    public static Evidence? Read(FamilyCase c, string? fromDomain, bool? spf, bool? dkim, bool? dmarc)
    {
        var a = c.Alert;
        if (fromDomain is null || spf != true || dmarc == true) return null;
        var env = EmailEvidence.Address(a.Raw("sendermailfromaddress", "envelopefrom", "envelope_from", "returnpath", "return_path", "mail_from") ?? CiscoEsa.Envelope(a));
        var envDomain = env is null ? a.Raw("sendermailfromdomain") : env[(env.LastIndexOf('@') + 1)..];
        if (envDomain is null || envDomain.Equals(fromDomain, StringComparison.OrdinalIgnoreCase)) return null;
        var compAuth = EmailFields.AuthPart(a, "compauth");
        if (compAuth is not null && compAuth.StartsWith("fail", StringComparison.OrdinalIgnoreCase)) return null;
        if (EmailFields.Registrable(envDomain) == EmailFields.Registrable(fromDomain))
            return new("spf_own_organisation", $"SPF passes for the envelope sender {envDomain}, a host of the sender's own domain {EmailFields.Registrable(fromDomain)}: the mail left that organisation's own servers; DMARC failed on the DKIM signature{(dkim == false ? ", broken in transit as mailing lists and forwarders do" : "")}",
                Leaning.Benign, 0.8, EmailEvidence.Src);
        var own = c.Context.Domains.Any(d => Under(fromDomain, d));
        if (own && c.Context.TrustedSenders.Any(t => Under(envDomain, t)))
            return new("trusted_service_for_org", $"Sent as the organisation's own domain {fromDomain} through {envDomain}, a service listed in trusted_senders whose SPF passes: a vendor sending on the organisation's behalf without signing for its domain",
                Leaning.Benign, 1.0, "context file");
        return null;
    }

    private static bool Under(string domain, string parent) =>
        domain.Equals(parent, StringComparison.OrdinalIgnoreCase) || domain.EndsWith("." + parent, StringComparison.OrdinalIgnoreCase);
}
