using System.Text.RegularExpressions;
using Verdict.Alerts;

namespace Verdict.Analysis.Families.Email;

/// <summary>
/// A sender whose display name is a name ("Belastingdienst") and whose domain is that name with other words hyphenated
/// to it (belastingdienst-online.info): the combination look-alike of someone the organisation does not list. A sender's
/// own domain is its name (belastingdienst.nl) or its name's words together (labsupply-benelux.be for "LabSupply
/// Benelux"): a word the display name does not carry joined to it is what impostors add (online, secure, support,
/// portal); a country code or short tag (cargoline-nl.nl) is how companies name branches. The display name's words run
/// together (etiennegagnon-music.ca for "Etienne Gagnon Music") are still its name. A word that names the mailing
/// channel or the kind of business (pixelhire-agency.com, brand-mail.com for a company's bulk sending) borrows no one's
/// trust: impostors add the words of an official service (online, secure, support, renewals, track). Names shorter than
/// five letters are left alone (too many companies share them).
/// </summary>
public static partial class DisplayNameDomain
{
    public static Evidence? Read(Alert a, string fromDomain)
    {
        if (Name(a) is not { } name) return null;
        var words = Words().Matches(name.ToLowerInvariant()).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        var parts = Lookalike.Label(fromDomain.ToLowerInvariant()).Split('-', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2) return null;
        var named = parts.FirstOrDefault(p => p.Length >= 5 && words.Contains(p));
        // A country code or other short tag (cargoline-nl, acme-uk, -inc) is how companies name their branches.
        var joined = string.Concat(Words().Matches(name.ToLowerInvariant()).Select(m => m.Value));
        var added = parts.Where(p => !words.Contains(p) && !(p.Length >= 5 && joined.Contains(p, StringComparison.Ordinal))
            && !OwnKind().IsMatch(p) && p.Length > 3 && !p.All(char.IsAsciiDigit)).ToList();
        if (named is null || added.Count == 0) return null;
        return new("display_name_combo_domain", $"The sender calls itself '{CommonEvidence.Clip(name, 60)}' but writes from {fromDomain}: that name with '{string.Join("-", added)}' added, the combination look-alike impostors register",
            Leaning.Malicious, 1.2, EmailEvidence.Src);
    }

    /// <summary>The sender's display name: a vendor's own field, or the quoted name before the address ("Name" &lt;a@b&gt;).</summary>
    public static string? Name(Alert a)
    {
        if (a.Raw("sendername", "senderdisplayname", "fromname", "displayname.from") is { } own) return own;
        return EmailFields.From(a) is { } from && Quoted().Match(from) is { Success: true } m ? m.Groups[1].Value.Trim() : null;
    }

    [GeneratedRegex(@"^\s*""?([^""<]+?)""?\s*<")]
    private static partial Regex Quoted();

    /// <summary>Words for a company's mailing channel or kind of business, not for an official service.</summary>
    [GeneratedRegex(@"^(?:e?mail|mailer|news|newsletters?|agency|studios?|group|media|consulting)$")]
    private static partial Regex OwnKind();

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Words();
}
