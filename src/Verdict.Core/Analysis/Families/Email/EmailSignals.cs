namespace Verdict.Analysis.Families.Email;

/// <summary>
/// Gateway verdicts that settle an e-mail alert: an attachment the sandbox detonated as malicious (strong), a sender
/// domain registered days ago, and a phishing simulation the organisation runs itself (its header, from an
/// authenticated sender in a trusted or own domain, or from the gateway's simulation sender group; a sender on the
/// context file's simulation domains that is authenticated, whose every link leads to those domains, or whose message
/// carries no link, file or outside reply-to by its own counts; or PhishER's PST tag).
/// </summary>
public static partial class EmailSignals
{
    public const string Src = "mail gateway";

    public static void Add(FamilyCase c, List<Evidence> evidence, string? fromDomain, bool authPass, bool gatewaySimulation = false, bool authUnknown = false)
    {
        var a = c.Alert;
        var verdicts = EmailFields.SandboxVerdicts(a).ToList();
        if (verdicts.FirstOrDefault(v => v.StartsWith("malicious", StringComparison.OrdinalIgnoreCase)) is { } bad)
            evidence.Add(new("sandbox_malicious", $"The sandbox detonated an attachment and judged it malicious ('{CommonEvidence.Clip(bad, 80)}')", Leaning.Malicious, 3.0, Src, Strong: true));
        else if (verdicts.Count > 0 && verdicts.All(v => v.StartsWith("clean", StringComparison.OrdinalIgnoreCase) || v.Equals("safe", StringComparison.OrdinalIgnoreCase)))
            evidence.Add(new("sandbox_clean", "The sandbox found the attachments clean (weak evidence: sandboxes miss delayed or targeted payloads)", Leaning.Benign, 0.4, Src));
        else if (verdicts.Any(v => Unscannable().IsMatch(v)) || (EmailFields.AttachmentNames(a) is var names && Archive().IsMatch(names)
            && Unscannable().IsMatch(a.Raw("body_preview", "bodypreview", "body", "email.body") ?? "")))
        {
            var inside = fromDomain is not null && c.Context.Domains.Any(d => fromDomain.Equals(d, StringComparison.OrdinalIgnoreCase) || fromDomain.EndsWith("." + d, StringComparison.OrdinalIgnoreCase));
            evidence.Add(new("unscannable_attachment", inside
                ? "An encrypted attachment the gateway cannot scan, sent from the organisation's own domain"
                : "An encrypted, password-protected attachment from outside: the gateway cannot scan it, which is why malware is sent this way", Leaning.Malicious, inside ? 0.3 : 1.5, Src));
        }
        if (a.Raw("click.verdict", "clickverdict", "url_verdict", "detonation_verdict", "scanresult") is { } click && click.StartsWith("clean", StringComparison.OrdinalIgnoreCase))
            evidence.Add(new("click_clean", $"The clicked link was detonated and found clean ('{CommonEvidence.Clip(click, 60)}')", Leaning.Benign, 0.8, Src));
        if (EmailFields.DomainAgeDays(a) is { } age && age <= 30)
            evidence.Add(new("new_domain", $"The sender's or link's domain was registered {age} day(s) ago", Leaning.Malicious, 1.2, Src));
        // A URL protection's category for the link (Mimecast's URL log category, a web filter's URL category) whose whole
        // value says the domain is newly registered or newly observed: too young for any reputation, clean or not. Not when
        // every link is on the organisation's own domains (context file domains): a new subdomain of a domain it owns (its
        // marketing platform's tracking host) was made by the organisation; no one outside can register it.
        else if (a.Raw("category", "urlcategory", "url_category", "urlcategories") is { } category && NewDomainCategory().IsMatch(category.Trim())
                 && !(EmailFields.LinkHosts(EmailFields.Urls(a)).ToList() is { Count: > 0 } hosts && hosts.All(h => EmailEvidence.IsOrg(h, c.Context.Domains))))
            evidence.Add(new("new_domain", $"The link protection files the link's domain under '{CommonEvidence.Clip(category.Trim(), 40)}': too young for a reputation, so a clean scan says little", Leaning.Malicious, 1.0, Src));
        var known = fromDomain is not null && Listed(fromDomain, c.Context.TrustedSenders.Concat(c.Context.Domains));
        // A domain the organisation lists as its own simulation platform's is the drill by itself, once the mail really comes from it.
        var drillDomains = EmailContent.SimulationDomains(c.Context);
        var simulationDomain = fromDomain is not null && Listed(fromDomain, drillDomains);
        // Without an authentication result (a click record, a product that reports none), the links say it: a spoof of
        // the simulation sender cannot make its links lead to the simulation platform, only to the spoofer's own site.
        var linkHosts = EmailFields.LinkHosts(EmailFields.Urls(a)).ToList();
        var drillLinks = linkHosts.Count > 0 && linkHosts.All(h => Listed(h, drillDomains));
        // Nor can a spoof that carries nothing: no link and no file by the record's own counts (Graph message evidence
        // urlCount and attachmentsCount, Defender's UrlCount and AttachmentCount), and no reply-to elsewhere, give the spoofer anything.
        var nothingCarried = linkHosts.Count == 0 && a.Raw("urlcount") is "0" && a.Raw("attachmentscount", "attachmentcount") is "0"
            && EmailFields.AttachmentNames(a).Length == 0 && !evidence.Exists(e => e.Key == "reply_to_mismatch");
        // ESA puts a connection in a sender group by the connecting server (the organisation's host access table): a
        // simulation sender group lists the simulation platform's servers as the context file would.
        var listedServers = CiscoEsa.SimulationSenderGroup(a);
        if ((((EmailFields.PhishingSimulation(a) || gatewaySimulation) && (known || listedServers)) || simulationDomain) && authPass)
            evidence.Add(new("phishing_simulation", $"A phishing-simulation message ({(simulationDomain ? "context file phishing_simulation_domains, or a simulation platform among trusted_senders" : gatewaySimulation ? "the gateway's phishing-simulation policy" : "simulation header")}, authenticated sender {fromDomain} {(known || simulationDomain ? "listed in the context file" : "from the servers of the gateway's simulation sender group")})", Leaning.Benign, 3.0, "context file"));
        else if (simulationDomain && drillLinks && authUnknown)
            evidence.Add(new("phishing_simulation", $"A phishing-simulation message: the sender {fromDomain} and every link ({CommonEvidence.Clip(string.Join(", ", linkHosts.Distinct(StringComparer.OrdinalIgnoreCase)), 60)}) are on the context file's phishing_simulation_domains (or a simulation platform among its trusted_senders)", Leaning.Benign, 3.0, "context file"));
        else if (simulationDomain && nothingCarried && authUnknown)
            evidence.Add(new("phishing_simulation", $"A phishing-simulation message: the sender {fromDomain} is on the context file's phishing_simulation_domains (or a simulation platform among its trusted_senders) and the message carries no link, no file and no reply-to elsewhere (a spoof of it would gain nothing)", Leaning.Benign, 3.0, "context file"));
        else if (PhishEr.SimulationTag(a))
            evidence.Add(new("phishing_simulation", "A phishing security test PhishER recognised as KnowBe4's own (its PST tag), with no link or file flagged by any engine", Leaning.Benign, 3.0, EmailGateway.Src));
        // A tag naming a simulation (not PhishER's own PST match) counts once the sender and every link are the context
        // file's trusted or simulation senders: a spoof of that sender cannot make its links lead there.
        else if (PhishEr.SimulationNamedTag(a) is { } tag && (known || simulationDomain)
                 && linkHosts.All(h => Listed(h, c.Context.TrustedSenders.Concat(c.Context.PhishingSimulationDomains).Concat(c.Context.Domains))))
            evidence.Add(new("phishing_simulation", $"PhishER tagged the report as a phishing simulation ('{CommonEvidence.Clip(tag, 40)}'), and the sender {fromDomain} and every link are on the context file's trusted or simulation senders", Leaning.Benign, 3.0, "context file"));
        else if (MailVerdicts.CofenseSimulation(a))
            evidence.Add(new("phishing_simulation", $"Cofense Triage categorised the report as a phishing simulation ('{CommonEvidence.Clip(a.Raw("category.name") ?? "", 40)}'), not malicious", Leaning.Benign, 3.0, EmailGateway.Src));
    }

    private static bool Listed(string domain, IEnumerable<string> list) =>
        list.Any(t => domain.Equals(t, StringComparison.OrdinalIgnoreCase) || domain.EndsWith("." + t, StringComparison.OrdinalIgnoreCase));

    [System.Text.RegularExpressions.GeneratedRegex(@"(?i)unscannable|encrypted|password[- ]protected|password\s*[:=]?\s*\w+")]
    private static partial System.Text.RegularExpressions.Regex Unscannable();

    [System.Text.RegularExpressions.GeneratedRegex(@"(?i)^newly[\s_-]+(?:registered|observed)(?:[\s_-]+(?:and|&)[\s_-]+(?:registered|observed))?[\s_-]+domains?$")]
    private static partial System.Text.RegularExpressions.Regex NewDomainCategory();

    [System.Text.RegularExpressions.GeneratedRegex(@"(?i)\.(?:zip|7z|rar|gz|tar)\b")]
    private static partial System.Text.RegularExpressions.Regex Archive();
}
