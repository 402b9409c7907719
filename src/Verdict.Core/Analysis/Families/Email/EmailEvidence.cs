using System.Text.RegularExpressions;
using Verdict.Alerts;
using Verdict.Ingest;

namespace Verdict.Analysis.Families.Email;

/// <summary>
/// Evidence from an e-mail alert: sender and reply-to that disagree, look-alike sender or link domains, failed sender
/// authentication, risky attachments, links to raw IPs or credential pages, pressure in the subject; on the benign
/// side, internal or trusted senders that pass SPF and DKIM. Reputation of links and attachments comes from
/// enrichment. Whether a user reported it or a detector raised it is recorded as context.
/// </summary>
public static partial class EmailEvidence
{
    internal const string Src = "message";

    public static void Add(FamilyCase c, List<Evidence> evidence)
    {
        var a = c.Alert;
        var from = Address(EmailFields.From(a) ?? a.Field(CanonicalField.Email));
        var replyTo = Address(a.Raw("replyto", "email.reply_to.address", "replytoaddress", "replytoemail", "replytoemails") ?? CiscoEsa.ReplyTo(a));
        var fromDomain = Domain(from);
        var orgs = c.Context.Domains;
        var internalSender = fromDomain is not null && IsOrg(fromDomain, orgs);
        var spf = Result(a.Raw("spf", "spfresult", "email.spf", "authentication.spf") ?? EmailFields.AuthPart(a, "spf") ?? CiscoEsa.Spf(a) ?? MailVerdicts.Spf(a));
        var dkim = Result(a.Raw("dkim", "dkimresult", "email.dkim", "authentication.dkim") ?? EmailFields.AuthPart(a, "dkim") ?? CiscoEsa.Dkim(a));
        // A gateway's DMARC verdict about another domain than the sender shown is no failure of that sender (MailVerdictEvidence).
        var dmarc = Result(a.Raw("dmarc", "dmarcresult", "email.dmarc", "authentication.dmarc") ?? EmailFields.AuthPart(a, "dmarc") ?? CiscoEsa.Dmarc(a)
            ?? (MailVerdicts.DmarcDomain(a) is { } dd && (dd.Length == 0 || (fromDomain is not null && EmailFields.Registrable(dd) == EmailFields.Registrable(fromDomain))) ? "fail" : null));
        // DMARC passes only when SPF or DKIM passes for the From domain itself, so it alone authenticates (DKIM "none" is no failure then).
        var authPass = dmarc == true || (spf == true && dkim == true && dmarc != false);
        var gateway = EmailGateway.Read(a);
        var reportedByUser = UserReported().IsMatch(a.Rule) || a.Flag("userreported", "isuserreported", "reportedbyenduser", "reportedbyuser") == true || PhishEr.Reporter(a) is not null;
        // "Email reported by user as malware or phish" names the user's choice of button, not a detection: no threat claim.
        if (UserReportRule().IsMatch(a.Rule)) evidence.RemoveAll(e => e.Key == "rule_names_threat");
        // A rule named after the product's own classification restates that claim; once the product withdrew it (a false
        // positive, reverted, released after review) the rule's name is no longer a claim of an attack.
        if (gateway.Reverted && evidence.FindIndex(e => e.Key == "rule_names_threat") is var r and >= 0)
            evidence[r] = evidence[r] with { Supports = Leaning.Context, Weight = 0, Strong = false, Description = evidence[r].Description + " (the product itself withdrew that verdict)" };

        // Replies that go to the organisation's own domains reach no attacker (a marketing platform, a document-sharing notice).
        // So do replies to another host of the sender's own registrable domain (em.vendor.com → vendor.com), or to a
        // help-desk mailbox named after the sender (northbridgepallets@zendesk.com). Replies to free mail are the impostor's classic.
        if (replyTo is not null && Domain(replyTo) is { } rd && fromDomain is not null && !rd.Equals(fromDomain, StringComparison.OrdinalIgnoreCase) && !IsOrg(rd, orgs)
            && EmailFields.Registrable(rd) != EmailFields.Registrable(fromDomain) && !EmailContent.NamesSender(replyTo, fromDomain))
        {
            var (why, weight) = EmailContent.FreeMail(rd) ? (" (a free-mail account)", 1.5)
                : EmailContent.ImitatesSender(rd, fromDomain) ? (" (a domain built on the sender's name)", 1.5) : ("", 0.8);
            evidence.Add(new("reply_to_mismatch", $"Replies go to {replyTo}, not the sender's domain {fromDomain}{why}", Leaning.Malicious, weight, Src));
        }
        var trusted = fromDomain is not null && IsOrg(fromDomain, c.Context.TrustedSenders);
        var brands = c.Context.TrustedSenders.Concat(Lookalike.Providers(orgs)).ToList();
        // The organisation's own tenant on a trusted service (acme.service-now.com for servicenow.com): the service gives that name to no one else.
        var tenant = fromDomain is not null && !trusted && Lookalike.TrustedTenant(fromDomain, orgs, c.Context.TrustedSenders);
        var simulationDomain = fromDomain is not null && IsOrg(fromDomain, EmailContent.SimulationDomains(c.Context));
        var lookalike = fromDomain is null || trusted || tenant || simulationDomain ? null : Lookalike.Imitates(fromDomain, orgs) ?? (internalSender || Lookalike.TrustedTenant(fromDomain, orgs, brands) ? null : Lookalike.ImitatesTrusted(fromDomain, brands));
        if (lookalike is { } look)
            evidence.Add(new("lookalike_sender", $"The sender domain {fromDomain} imitates {look.Domain} ({look.How})", Leaning.Malicious, 2.5, Src));
        else if (fromDomain is not null && !trusted && !tenant && !internalSender && !simulationDomain && DisplayNameDomain.Read(a, fromDomain) is { } combo)
            evidence.Add(combo);
        // A DMARC failure the envelope explains (the sender's own servers, or a trusted vendor sending as the organisation) is no spoof.
        var aligned = dmarc == false || (dmarc is null && dkim == false) ? EmailAlignment.Read(c, fromDomain, spf, dkim, dmarc) : null;
        if (aligned is not null) evidence.Add(aligned);
        else if (dmarc == false || (dmarc is null && (spf == false || dkim == false)))
            evidence.Add(new("auth_failed", $"Sender authentication failed (SPF {Word(spf)}, DKIM {Word(dkim)}, DMARC {Word(dmarc)})", Leaning.Malicious, internalSender ? 2.0 : 1.0, Src));

        var attachments = Attachments(a);
        if (DoubleExtension().Match(attachments) is { Success: true } dbl)
            evidence.Add(new("double_extension", $"Attachment '{CommonEvidence.Clip(dbl.Value, 80)}' hides its real type behind a second extension", Leaning.Malicious, 2.5, Src));
        else if (RiskyAttachment().Match(attachments) is { Success: true } risky)
            evidence.Add(new("risky_attachment", $"Attachment '{CommonEvidence.Clip(risky.Value, 80)}' is a type used to deliver malware or phishing pages (HTML, disk images, shortcuts, scripts, macro documents)", Leaning.Malicious, 1.5, Src));

        // A gateway's link-protection wrapper (Cisco secure-web, Safe Links, URL Defense) is not where the link goes.
        var urls = string.Join(" ", a.Entities.Where(e => e.Kind == EntityKind.Url).Select(e => EmailContent.LinkTarget(e.Value)).OfType<string>()) + " " + EmailFields.Urls(a);
        if (IpUrl().IsMatch(urls))
            evidence.Add(new("ip_link", "A link points at a bare IP address", Leaning.Malicious, 1.2, Src));
        // Nobody's mail needs a link that downloads a program: genuine IT pushes software through its deployment tools.
        if (EmailContent.ExecutableLink(urls) is { } exe)
            evidence.Add(new("executable_link", $"A link downloads a program, installer or script ('{CommonEvidence.Clip(exe, 80)}')", Leaning.Malicious, 1.0, Src));
        var linkHosts = EmailFields.LinkHosts(EmailFields.Urls(a));
        var portal = EmailFields.PortalHosts(a).Except(linkHosts, StringComparer.OrdinalIgnoreCase).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var host in a.Entities.Where(e => e.Kind == EntityKind.Domain).Select(e => e.Value).Concat(linkHosts).Distinct(StringComparer.OrdinalIgnoreCase).Where(h => !portal.Contains(h)).Take(8))
        {
            // The organisation's own domains (a gateway names the domain it protects) and its tenants are not look-alikes;
            // nor is a name only an internal resolver answers (intranet.acme.local): no one outside can register or serve it.
            if (host == fromDomain || IsOrg(host, orgs) || Network.WebGateway.InternalName().IsMatch(host)) continue;
            if ((Lookalike.Imitates(host, orgs) ?? (Lookalike.TrustedTenant(host, orgs, brands) ? null : Lookalike.ImitatesTrusted(host, brands)) ?? OrgNameOnFreeHost(host, orgs)) is not { } lk) continue;
            evidence.Add(new("lookalike_link", $"A link goes to {host}, which imitates {lk.Domain} ({lk.How})", Leaning.Malicious, 2.0, Src));
            break;
        }
        var hosts = EmailFields.LinkHosts(urls).ToList();
        // A link that stays on the sender's domain vouches for nothing when that domain hosts anyone's files or pages, nor
        // when an unknown domain links to its own sign-in page: an attacker's own domain authenticates and does exactly that.
        var established = trusted || tenant || simulationDomain || EmailFields.DomainAgeDays(a) is > 365;
        var ownLinks = authPass && lookalike is null && fromDomain is not null && hosts.Count > 0
            && (established || !EmailReports.SignPage().IsMatch(urls))
            && hosts.All(h => EmailFields.Registrable(h) == EmailFields.Registrable(fromDomain) && !EmailContent.UserContentHost(h));
        if (ownLinks)
            evidence.Add(new("links_to_sender_domain", $"Every link stays on the authenticated sender's own domain ({EmailFields.Registrable(fromDomain!)})", Leaning.Benign, 0.8, Src));
        else if (hosts.Count > 0 && hosts.All(h => IsOrg(h, orgs)))
            evidence.Add(new("links_to_org", "Every link goes to the organisation's own sites (its domains and tenants in the context file)", Leaning.Benign, 0.8, Src));
        if (hosts.FirstOrDefault(h => EmailContent.FreeHosting(h) && !IsOrg(h, orgs)) is { } free)
        {
            evidence.Add(new("free_hosting_link", $"A link goes to {free}, a free page-hosting service where anyone can publish a sign-in page", Leaning.Malicious, 0.8, Src));
            // Suppliers keep invoices on their own or a billing platform's domain: an invoice thread pointing at a free page host is the thread hijacker's move.
            if (Money().Match(EmailFields.Subject(a) ?? "") is { Success: true } money)
                evidence.Add(new("invoice_on_free_hosting", $"A message about money ('{CommonEvidence.Clip(money.Value, 30)}') links to a free page host ({free}), not the supplier's own or a billing platform's domain", Leaning.Malicious, 0.8, Src));
        }
        var diversion = EmailContent.PaymentDiversion(a);
        if (diversion is not null) evidence.Add(diversion);
        // Links to the organisation's own sites (its SharePoint, its sign-in page, its tenant on a trusted sender's
        // service such as acme.okta.com) are not external credential pages.
        var external = string.Join(" ", urls.Split([' ', ',', ';'], StringSplitOptions.RemoveEmptyEntries)
            .Where(u => !EmailFields.LinkHosts(u).Any(h => IsOrg(h, orgs) || Lookalike.TrustedTenant(h, orgs, c.Context.TrustedSenders))));
        // A sender the organisation lists (trusted_senders, by domain or address) whose every link stays on its own domain
        // links to that service's own page (an e-signature service's signing page): not a page someone else put up to
        // collect passwords. A further link elsewhere (the abused envelope's document link) keeps the credential check, and
        // so does a user's report the product has not judged yet (its verdict unknown or suspicious): who sent the envelope
        // through the service is then the open question.
        var unjudgedReport = reportedByUser && (gateway.Suspect || EmailFields.EvidenceVerdicts(a).Any(v => v.Equals("unknown", StringComparison.OrdinalIgnoreCase)));
        var listedSender = from is not null && fromDomain is not null && (trusted || c.Context.TrustedSenders.Contains(from)) && !unjudgedReport;
        var ownServiceLinks = listedSender && linkHosts.ToList() is { Count: > 0 } own
            && own.All(h => IsOrg(h, orgs) || (EmailFields.Registrable(h) == EmailFields.Registrable(fromDomain!) && !EmailContent.UserContentHost(h)));
        if (!internalSender && !ownLinks && !ownServiceLinks && CredentialPage().Match(external.ToLowerInvariant()) is { Success: true } page)
            evidence.Add(new("credential_link", $"An external link leads to a sign-in or account page ('{CommonEvidence.Clip(page.Value, 60)}')", Leaning.Malicious, 0.8, Src));
        if (Pressure().Match(EmailFields.Subject(a) ?? "") is { Success: true } urgent)
            evidence.Add(new("pressure_subject", $"The subject pushes the reader to act ('{CommonEvidence.Clip(urgent.Value, 40)}')", Leaning.Malicious, 0.6, Src));

        // The rule names the brand it takes to be impersonated ("Brand impersonation: Microsoft", "Impersonation: DocuSign"),
        // but DMARC passes for that brand's own domain and every link (if any) stays on it: the brand wrote it. Not with
        // anything else against the message but pressure in the subject, nor a callback lure (a phone number to ring is
        // how the brand's own invoicing is abused).
        if (dmarc == true && fromDomain is not null && !internalSender && (ownLinks || hosts.Count == 0) && ImpersonatedBrand(a.Rule, fromDomain) is { } brand
            && !evidence.Exists(e => e.Source == Src && e.Supports == Leaning.Malicious && e.Key != "pressure_subject") && !Callback().IsMatch($"{a.Rule} {a.Description} {EmailFields.Subject(a)}"))
            evidence.Add(new("brand_own_domain", $"The rule takes the mail for an impersonation of {brand}, but it authenticates (DMARC) for {EmailFields.Registrable(fromDomain)}, {brand}'s own domain, and its links stay there: the brand itself sent it",
                Leaning.Benign, 1.5, Src));
        EmailSignals.Add(c, evidence, fromDomain, authPass, gateway.Simulation, authUnknown: spf is null && dkim is null && dmarc is null);
        if (evidence.Exists(e => e.Key == "phishing_simulation")) ExpectedOfDrill(evidence);
        EmailReputation.Add(c, evidence);
        EmailOutbound.Add(c, evidence);
        // The gateway's phish verdict on a simulation is expected only when the simulation is confirmed (listed, authenticated sender).
        EmailGateway.Add(c, evidence, gateway with { Simulation = evidence.Exists(e => e.Key == "phishing_simulation") });
        var authFailed = dmarc == false || (dmarc is null && (spf == false || dkim == false));
        EmailReports.Add(c, evidence, reportedByUser || UserReported().IsMatch(a.Raw("reportedby", "reporter", "reportsource") ?? ""), gateway, authFailed, authPass, urls, fromDomain);
        var reported = a.Raw("reportedby", "reporter", "reportsource", "detectionsource", "source") ?? a.Rule;
        if (reportedByUser || UserReported().IsMatch(reported))
            evidence.Add(new("user_reported", "Reported by a user (users report spam and marketing as often as phishing)", Leaning.Context, 0, "alert"));
        EmailBlocked.Add(c, evidence, gateway, internalSender);
        // A sender the organisation lists (trusted_senders) sends its own kind of mail: an e-signature service asks for a
        // signature, a billing platform sends invoices. Pressure in the subject is then its routine, unless anything else
        // (a reply-to elsewhere, a risky file or link, failed authentication, a detector's threat claim, the product pulling
        // the message from the mailbox) says otherwise.
        if (from is not null && (trusted || tenant || c.Context.TrustedSenders.Contains(from)) && !EmailGateway.PulledFromInbox(gateway)
            && evidence.Count(e => e.Supports == Leaning.Malicious) == 1 && evidence.FindIndex(e => e.Key == "pressure_subject") is var pressureAt and >= 0)
            evidence[pressureAt] = evidence[pressureAt] with { Supports = Leaning.Context, Weight = 0, Description = evidence[pressureAt].Description + " (routine for a sender the context file lists, and nothing else in the message is suspect)" };

        // A cloud mail tenant's default domain (contoso.onmicrosoft.com): anyone makes one in minutes, it passes SPF, DKIM and
        // DMARC, and a real business writes from its own domain. The organisation's own tenant is not counted.
        var defaultTenant = fromDomain is not null && !internalSender && !trusted && !tenant && DefaultTenant().IsMatch(fromDomain);
        if (defaultTenant)
            evidence.Add(new("default_tenant_sender", $"The sender writes from {fromDomain}, a cloud mail tenant's default domain that anyone can create in minutes and that passes authentication: businesses write from their own domain", Leaning.Malicious, 0.8, Src));
        // Anyone can open a free-mail account that passes SPF, DKIM and DMARC: for such senders authentication proves nothing.
        var freeSender = fromDomain is not null && (EmailContent.FreeMail(fromDomain) || defaultTenant);
        if (from is not null && !evidence.Any(e => e.Source is Src or EmailSignals.Src && e.Supports == Leaning.Malicious))
            evidence.Add(new("no_phishing_indicators", "The message was checked (sender, reply-to, authentication, links, attachments, subject) and shows no phishing indicator",
                Leaning.Benign, authPass && !freeSender ? 0.8 : 0.3, Src));
        // A real mailbox asking for a payment change may be a compromised one: who sent it then explains little.
        // So does a real mailbox linking to an imitation of a known domain: no genuine colleague or supplier does that.
        // Outgoing data the DLP engine matched, or outgoing spam or malware (never a newsletter received): that our own sender is genuine is not the question.
        // Nor when the gateway or its sandbox judged the message or its file malicious: a real mailbox sending that is a compromised one.
        var vouch = diversion is null && !evidence.Exists(e => e.Key is "lookalike_link" or "sandbox_malicious" or "gateway_threat_verdict") && !EmailOutbound.DlpMatched(a) && EmailOutbound.ThreatLeaving(a) is null ? 2.5 : 0.5;
        // A trusted platform that carries anyone's envelopes or forms (an e-signature service) vouches for itself, not for
        // whoever asks for a signature or sign-in through it.
        var signLink = evidence.Exists(e => e.Key == "credential_link");
        // With no authentication result at all, mail the gateway saw leave from inside (a private sending address, an
        // internal or outbound route) is the organisation's own: a spoofer writes from outside, where the route is inbound.
        var insideOrigin = internalSender && spf is null && dkim is null && dmarc is null && SentFromInside(a);
        if (internalSender && (authPass || insideOrigin))
            evidence.Add(new("internal_authenticated", authPass ? $"Sent from the organisation's own domain {fromDomain} and passes sender authentication"
                : $"Sent from the organisation's own domain {fromDomain} from inside the organisation (a private sending address or an internal or outbound route; no authentication result given)", Leaning.Benign, vouch, Src));
        else if (from is not null && fromDomain is not null && (c.Context.TrustedSenders.Contains(from) || trusted || tenant))
            evidence.Add(new("trusted_sender", $"{from} is a known sender (context file trusted_senders{(tenant ? ": the organisation's own tenant on a trusted service" : "")}){(authPass ? " and passes sender authentication" : "")}", Leaning.Benign, authPass ? (signLink ? Math.Min(vouch, 1.0) : vouch) : 1.0, "context file"));
        else if (authPass && !freeSender && fromDomain is not null)
            evidence.Add(new("auth_pass", $"The sender {fromDomain} passes SPF, DKIM{(dmarc == true ? " and DMARC" : "")}: the mail really comes from that domain (which says nothing about whether the domain is honest)", Leaning.Benign, 0.5, Src));
        if (EmailOutbound.ThreatLeaving(a) is null && (gateway.Bulk || a.Has("listunsubscribe", "list-unsubscribe", "headers.listunsubscribe") || Bulk().IsMatch(a.Raw("xmailer", "mailer", "precedence", "bulk") ?? "")))
            evidence.Add(new("bulk_mail", "A bulk or newsletter mailing (the gateway's bulk or spam-only verdict, an unsubscribe header or a mailing platform)", Leaning.Benign, 0.8, Src));
    }

    /// <summary>
    /// A confirmed phishing simulation imitates the organisation, pressures and links to a sign-in page by design: those
    /// signs are what the drill is, so they stay in the brief as context without weight.
    /// </summary>
    private static void ExpectedOfDrill(List<Evidence> evidence)
    {
        for (var i = 0; i < evidence.Count; i++)
        {
            if (evidence[i] is { Supports: Leaning.Malicious, Strong: false, Key: "lookalike_sender" or "lookalike_link" or "pressure_subject" or "credential_link" or "free_hosting_link" or "invoice_on_free_hosting" } e)
                evidence[i] = e with { Supports = Leaning.Context, Weight = 0, Description = e.Description + " (expected of a phishing simulation)" };
        }
    }

    /// <summary>
    /// The brand a rule says is impersonated ("Brand impersonation: Microsoft", "Impersonation of DocuSign"), when it is the
    /// name of the sender's own registrable domain (spaces, dots and hyphens ignored); null otherwise.
    /// </summary>
    private static string? ImpersonatedBrand(string rule, string fromDomain)
    {
        var own = Lookalike.Label(EmailFields.Registrable(fromDomain)).Replace("-", "", StringComparison.Ordinal);
        foreach (Match m in BrandImpersonation().Matches(rule))
        {
            var brand = m.Groups["brand"].Value.Trim();
            if (own.Length >= 3 && NotLetters().Replace(brand.ToLowerInvariant(), "") == own) return brand;
        }
        return null;
    }

    [GeneratedRegex(@"(?i)\bimpersonat\w*\s*(?::|of)\s*(?<brand>[\p{L}\d][\p{L}\d .&-]{1,40}?)\s*(?=[;,(]|$)")]
    private static partial Regex BrandImpersonation();

    [GeneratedRegex(@"[^a-z0-9]")]
    private static partial Regex NotLetters();

    [GeneratedRegex(@"(?i)call\s?back|vishing|phone|toll[- ]free|\bcall (?:us|now|our)\b")]
    private static partial Regex Callback();

    /// <summary>The organisation's name as a site on a free hosting service (acme-redlines.webflow.io).</summary>
    private static (string Domain, string How)? OrgNameOnFreeHost(string host, IEnumerable<string> orgs)
    {
        if (!EmailContent.FreeHosting(host)) return null;
        var site = host.Split('.')[0].Replace("-", "", StringComparison.Ordinal);
        foreach (var o in orgs)
        {
            var name = Lookalike.Label(o.ToLowerInvariant()).Replace("-", "", StringComparison.Ordinal);
            if (name.Length >= 4 && site.Contains(name, StringComparison.Ordinal)) return (o, "the organisation's name on a free hosting service");
        }
        return null;
    }

    /// <summary>The gateway saw the message sent from inside: a private sending address, or a route or direction internal or outbound.</summary>
    private static bool SentFromInside(Alert a) =>
        Identity.IdentityAlertContext.IsPrivate(a.SourceIp ?? a.Raw("senderip", "senderipv4", "sendingip", "clientip"))
        || EmailOutbound.Outgoing(a) || CiscoEsa.Outbound(a)
        || a.Raw("route", "routedirection", "direction", "emaildirection", "email.direction", "maildirection", "antispamdirection") is { } r
            && r.Trim().ToLowerInvariant() is "internal" or "intraorg" or "intra-org";

    internal static bool IsOrg(string domain, IEnumerable<string> orgs) =>
        orgs.Any(o => domain.Equals(o, StringComparison.OrdinalIgnoreCase) || domain.EndsWith("." + o, StringComparison.OrdinalIgnoreCase));

    public static string? Address(string? s)
    {
        if (string.IsNullOrWhiteSpace(s)) return null;
        var m = AddressPattern().Match(s);
        return m.Success ? m.Value.ToLowerInvariant() : null;
    }

    internal static string? Domain(string? address) => address is null ? null : address[(address.LastIndexOf('@') + 1)..];

    private static bool? Result(string? s) => s?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        var v when v.StartsWith("pass", StringComparison.Ordinal) => true,
        var v when v.StartsWith("fail", StringComparison.Ordinal) || v.StartsWith("softfail", StringComparison.Ordinal) || v is "none" or "permerror" => false,
        _ => null,
    };

    private static string Word(bool? r) => r switch { true => "pass", false => "fail", _ => "unknown" };

    [GeneratedRegex(@"(?i)\.onmicrosoft\.com$")]
    private static partial Regex DefaultTenant();

    [GeneratedRegex(@"[\w.%+'-]+@[\w-]+(?:\.[\w-]+)*\.\w{2,}")]
    private static partial Regex AddressPattern();

    [GeneratedRegex(@"(?i)[\w\s-]+\.(?:pdf|docx?|xlsx?|txt|jpe?g|png)\s*\.(?:exe|scr|js|vbs|hta|bat|cmd|lnk|iso|html?|zip)\b")]
    private static partial Regex DoubleExtension();

    [GeneratedRegex(@"(?i)[^\s,;]+\.(?:html?|shtml|svg|iso|img|vhdx?|lnk|js|jse|vbs|vbe|wsf|hta|exe|scr|msi|bat|cmd|ps1|one|docm|xlsm|pptm|dotm|xlam|xll|jar|cab|ace|r\d\d)\b")]
    private static partial Regex RiskyAttachment();

    /// <summary>The attachment names the message's fields give, in one string.</summary>
    internal static string Attachments(Alert a)
    {
        var nested = EmailFields.AttachmentNames(a);
        var attachments = $"{a.Raw("attachments", "attachment", "attachmentname", "attachmentnames", "email.attachments.file.name")} {nested}";
        if (nested.Length == 0 && !a.Has("messageparts.0.contenttype", "messageparts.0.filename")) attachments += " " + a.Raw("filename", "file.name");
        return attachments;
    }

    /// <summary>
    /// Every risky attachment is a macro-enabled Office document (.docm, .xlsm...) or a bare Windows script (.js, .jse,
    /// .vbs, .vbe, .wsf): the commodity malspam files the gateway's own filters are built for, not one built to slip past
    /// them (HTML smuggling, disk images, shortcuts, OneNote, a double extension).
    /// </summary>
    internal static bool OnlyCommodityFiles(string attachments) =>
        RiskyAttachment().Matches(attachments) is { Count: > 0 } all && all.All(m => CommodityFile().IsMatch(m.Value)) && !DoubleExtension().IsMatch(attachments);

    [GeneratedRegex(@"(?i)\.(?:docm|xlsm|pptm|dotm|xlam|js|jse|vbs|vbe|wsf)$")]
    private static partial Regex CommodityFile();

    [GeneratedRegex(@"(?i)\b(?:invoice|remittance|payment|statement|purchase order|\bPO\b|wire|payoff|billing|receipt)")]
    private static partial Regex Money();

    [GeneratedRegex(@"https?://\d{1,3}(?:\.\d{1,3}){3}")]
    private static partial Regex IpUrl();

    // Single sign-on paths and identity-provider names (/sso/okta, /saml2, /adfs/ls) are sign-in pages too.
    [GeneratedRegex(@"(?:log-?in|sign-?in|signon|verify|verification|account|password|credential|secure|wp-admin|owa|office365|microsoftonline|sharepoint|\bsso\b|\bsaml2?\b|\badfs\b|\bokta\b)[\w./-]*")]
    private static partial Regex CredentialPage();

    [GeneratedRegex(@"(?i)urgent|immediately|action required|password (?:expir|reset)|account (?:suspend|lock|verif)|verify your|invoice|payment|wire transfer|gift card|overdue|final notice|unusual (?:sign|activity)|voicemail|docusign|shared a (?:file|document)")]
    private static partial Regex Pressure();

    [GeneratedRegex(@"(?i)user[-_ ]?report|reported|report message|phish alert button|\bpab\b")]
    private static partial Regex UserReported();

    [GeneratedRegex(@"(?i)reported by (?:a |the )?user|user[-_ ]?reported|report message|phish alert button")]
    private static partial Regex UserReportRule();

    [GeneratedRegex(@"(?i)mailchimp|sendgrid|hubspot|marketo|constant ?contact|salesforce marketing|exacttarget|campaign monitor|mailgun|bulk|list")]
    private static partial Regex Bulk();
}
