using System.Text.RegularExpressions;
using static Verdict.Ingest.FieldList;

namespace Verdict.Ingest;

/// <summary>
/// Fields written, after flattening, for mail-security products whose records spread a message over fields no alias
/// reads, by the products' documented names (the parts are kept; a record that already has a field of the added name
/// is left alone):
/// <list type="bullet">
/// <item>Sublime Security <c>message.flagged</c> webhooks: <c>detection</c> from the flagged rules' names
/// (<c>data.flagged_rules[].name</c>, not the event <c>type</c>); from the message data model <c>data.message.mdm</c>:
/// <c>sender</c> (<c>sender.email.email</c>), <c>senderName</c> (<c>sender.display_name</c>), <c>replyTo</c>,
/// <c>spf</c> and <c>dmarc</c> (<c>headers.auth_summary.*.pass</c>), <c>dkim</c> (the first hop's
/// <c>authentication_results.dkim</c>) and <c>attachmentNames</c> (<c>attachments[].file_name</c>); <c>threatTypes</c> "Spam" when every flagged rule's
/// <c>tags</c> say Spam and nothing else (Sublime's own spam-only verdict); <c>deliveryAction</c> from the triggered
/// actions' types (<c>data.triggered_actions[].type</c>: move_to_spam, quarantine_message, warning_banner).</item>
/// <item>Barracuda Email Gateway Defense message log (<c>hdr_from</c> with <c>recipients[].action</c>): <c>detection</c>
/// from the first recipient's action, reason and reason_extra ("Barracuda: quarantined (bulk: Bulk Email Detection)");
/// <c>sender</c> from the header From, <c>envelope_from</c> from <c>env_from</c>.</item>
/// <item>Cofense Triage reports (JSON:API <c>reports</c> with a reporter): <c>detection</c> "Message reported by user",
/// with the report's category when it has one.</item>
/// <item>Graph security alerts (alerts_v2) with <c>analyzedMessageEvidence</c>: <c>sender</c> from the P2 (header From)
/// sender <c>evidence[].p2Sender.emailAddress</c>, else the P1 (envelope) sender; <c>senderName</c> from its display name.</item>
/// <item>Proofpoint TAP SIEM API messages (<c>GUID</c> with <c>QID</c>, or with the TAP-only <c>threatsInfoMap</c> when a collector drops QID) and clicks (<c>GUID</c> with <c>clickIP</c>):
/// <c>detection</c> from the event type and the threats' classifications ("Proofpoint TAP: message blocked (malware)"),
/// since <c>eventType</c> alone (messagesDelivered) names no threat. The event kind (the SIEM API's array name) is read
/// from <c>eventType</c> or any field a collector keeps it in (<c>_tap_event</c>) and written as <c>eventType</c>; the
/// condemned URLs (<c>threatsInfoMap[].threat</c> of threatType url) as <c>urls</c>, the message's links.</item>
/// <item>Defender XDR advanced-hunting e-mail rows as Sentinel stores them (<c>Type</c> EmailEvents, EmailPostDeliveryEvents,
/// EmailAttachmentInfo, EmailUrlInfo with a <c>NetworkMessageId</c>; a streamed row is read as one, see
/// <see cref="EndpointExportFields"/>): <c>detection</c> from the table and what the row
/// says happened ("EmailEvents: Phish, Delivered (Inbox/folder)", "EmailPostDeliveryEvents: Phish ZAP, Moved to
/// quarantine", "EmailAttachmentInfo: Malware (Trojan:Win32/X)"), since the table name alone names nothing; <c>finalAction</c>
/// Blocked when the (latest) delivery action is Blocked.</item>
/// <item>FortiMail history, spam and virus logs (<c>log_id</c> with <c>type</c> statistics, spam or virus and a
/// <c>from</c> or <c>to</c>): <c>detection</c> from the <c>classifier</c> and <c>disposition</c> ("FortiMail: AntiVirus
/// (Reject)"), a virus log's <c>msg</c>; <c>threatTypes</c> from the classifier or the virus name (Malware for
/// anti-virus, sandbox and outbreak; Phish for phishing and impersonation; Spam for the anti-spam classifiers and a spam
/// log), <c>sender</c> from the header From <c>hfrom</c>, and <c>finalAction</c> when a part of the disposition
/// rejects, discards or quarantines the message.</item>
/// <item>Proofpoint on Demand message logs (<c>filter.qid</c>, or <c>filter.disposition</c> beside <c>envelope.from</c>):
/// <c>detection</c> from the final module and rule with the disposition ("Proofpoint on Demand: spam/phish
/// (discard)"), <c>threatTypes</c> from the final rule (phish, malware or virus, impostor; spam, bulk, adult and
/// low-priority are Spam), <c>sender</c> from <c>msg.parsedAddresses.from</c>, <c>attachmentNames</c> from the message parts'
/// <c>msgParts[].detectedName</c> (not the text.txt and text.html bodies), and <c>finalAction</c> when the disposition is
/// reject, discard or quarantine.</item>
/// <item>IRONSCALES incidents (<c>incidentID</c> with <c>classification</c>): <c>detection</c> from the classification and
/// the detailed classification ("IRONSCALES: Phishing (Attack)"), not the <c>incidentType</c> every incident shares.</item>
/// </list>
/// </summary>
public static partial class MailVendorFields
{
    public static void Add(List<KeyValuePair<string, string>> fields)
    {
        if (Value(fields, "data.flagged_rules.0.name") is not null) Sublime(fields);
        else if (Value(fields, "hdr_from") is not null && Value(fields, "recipients.0.action") is not null) Barracuda(fields);
        else if (Value(fields, "GUID") is not null && ((Value(fields, "QID") ?? Value(fields, "clickIP")) is not null
                 || fields.Any(f => f.Key.StartsWith("threatsInfoMap.", StringComparison.OrdinalIgnoreCase)))) ProofpointTap(fields);
        else if (Value(fields, "jsonapi.type") is "reports" && Value(fields, "from_address") is not null && fields.Exists(f => f.Key.StartsWith("reporter.", StringComparison.Ordinal)))
        {
            AddNew(fields, DerivedFields.Detection, Value(fields, "category.name") is { } category ? $"Message reported by user ({category})" : "Message reported by user");
            // The reporter received the message: the mailbox it reached.
            if (Value(fields, "reporter.email") is { } reporter) AddNew(fields, Recipient, reporter);
        }
        else if (Value(fields, "Type") is { } table && DefenderTable().Match(table) is { Success: true } t && Value(fields, "NetworkMessageId") is not null)
            DefenderEmailRow(fields, t.Groups[1].Value);
        else if (Value(fields, "log_id") is not null && Value(fields, "type") is "statistics" or "spam" or "virus" && (Value(fields, "from") ?? Value(fields, "to")) is not null)
            FortiMail(fields);
        else if (Value(fields, "filter.qid") is not null || (Value(fields, "filter.disposition") is not null && Value(fields, "envelope.from") is not null))
            ProofpointOnDemand(fields);
        else if (Value(fields, "incidentID") is not null && Value(fields, "classification") is { } classification)
            AddNew(fields, DerivedFields.Detection, $"IRONSCALES: {classification}{(Value(fields, "detailed_classification") is { } d && d != classification ? $" ({d})" : "")}");
        else if ((Matching(fields, P2Sender()) ?? Matching(fields, P1Sender())) is { } graphSender)
        {
            AddNew(fields, "sender", graphSender);
            if (Matching(fields, P2Name()) is { } name) AddNew(fields, "senderName", name);
            GraphMessage(fields);
        }
    }

    /// <summary>
    /// The first <c>analyzedMessageEvidence</c> of a Graph alert: the mailbox it reached (<c>recipientEmailAddress</c>, as
    /// <see cref="Recipient"/>), its <c>subject</c>, and <c>finalAction</c> Blocked when its <c>deliveryAction</c> is blocked
    /// (Graph's values: delivered, deliveredToJunk, blocked, replaced).
    /// </summary>
    private static void GraphMessage(List<KeyValuePair<string, string>> fields)
    {
        var type = fields.FirstOrDefault(f => EvidenceType().IsMatch(f.Key) && f.Value.EndsWith("analyzedMessageEvidence", StringComparison.OrdinalIgnoreCase));
        if (type.Key is null) return;
        var at = type.Key[..^"@odata.type".Length];
        if (Value(fields, at + "recipientEmailAddress") is { } recipient) AddNew(fields, Recipient, recipient);
        if (Value(fields, at + "subject") is { } subject) AddNew(fields, "subject", subject);
        if (Value(fields, at + "deliveryAction") is { } action && action.Equals("blocked", StringComparison.OrdinalIgnoreCase)) AddNew(fields, "finalAction", "Blocked");
    }

    /// <summary>The field the mailbox a message reached is written as: the recipient, read as the alert's user.</summary>
    private const string Recipient = "RecipientEmailAddress";

    private static void Sublime(List<KeyValuePair<string, string>> fields)
    {
        const string Mdm = "data.message.mdm.";
        var rules = fields.Where(f => FlaggedRule().IsMatch(f.Key) && !string.IsNullOrWhiteSpace(f.Value)).Select(f => f.Value.Trim()).Distinct().ToList();
        AddNew(fields, DerivedFields.Detection, string.Join("; ", rules));
        if (Value(fields, Mdm + "sender.email.email") is { } sender) AddNew(fields, "sender", sender);
        // The message object as Sublime's API gives it (id, subject, sender.email, the mailbox it landed in, recipients[].email).
        if (Value(fields, "data.message.id") is { } id) AddNew(fields, "id", id);
        if (Value(fields, "data.message.sender.email") is { } messageSender) AddNew(fields, "sender", messageSender);
        if ((Value(fields, "data.message.subject") ?? Value(fields, Mdm + "subject.subject")) is { } subject) AddNew(fields, "subject", subject);
        if ((Value(fields, "data.message.mailbox.email") ?? Value(fields, "data.message.recipients.0.email")) is { } mailbox) AddNew(fields, Recipient, mailbox);
        if (Value(fields, Mdm + "sender.display_name") is { } name) AddNew(fields, "senderName", name);
        if (Value(fields, Mdm + "headers.reply_to.0.email.email") is { } replyTo) AddNew(fields, "replyTo", replyTo);
        foreach (var mechanism in new[] { "spf", "dmarc" })
        {
            if (Value(fields, $"{Mdm}headers.auth_summary.{mechanism}.pass") is { } pass && bool.TryParse(pass, out var ok))
                AddNew(fields, mechanism, ok ? "pass" : "fail");
        }
        if (Matching(fields, HopDkim()) is { } dkim) AddNew(fields, "dkim", dkim);
        var attachments = fields.Where(f => f.Key.StartsWith(Mdm + "attachments.", StringComparison.Ordinal) && f.Key.EndsWith(".file_name", StringComparison.Ordinal))
            .Select(f => f.Value.Trim()).Where(v => v.Length > 0).ToList();
        if (attachments.Count > 0) AddNew(fields, "attachmentNames", string.Join(", ", attachments));
        // The rules' tags are Sublime's own classification: when every flagged rule is tagged Spam and nothing else, that is its verdict.
        // A rule without tags says nothing, so each flagged rule must carry tags, all of them Spam.
        // (An array of scalars is flattened into one field, its values joined with ", ".)
        var tagged = fields.Where(f => !string.IsNullOrWhiteSpace(f.Value) && f.Value.Trim() != "[]").Select(f => RuleTag().Match(f.Key)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToHashSet();
        var spamOnly = rules.Count > 0 && fields.Where(f => FlaggedRule().IsMatch(f.Key) && !string.IsNullOrWhiteSpace(f.Value)).All(f => tagged.Contains(f.Key.Split('.')[2]))
            && fields.Where(f => RuleTag().IsMatch(f.Key)).SelectMany(f => f.Value.Split(',')).All(t => t.Trim().Equals("spam", StringComparison.OrdinalIgnoreCase));
        if (spamOnly) AddNew(fields, "threatTypes", "Spam");
        // What the rules did to the message (move_to_spam, quarantine_message, trash, warning_banner): where it went.
        var actions = fields.Where(f => ActionType().IsMatch(f.Key) && !string.IsNullOrWhiteSpace(f.Value)).Select(f => f.Value.Trim()).Distinct().ToList();
        if (actions.Count > 0) AddNew(fields, "deliveryAction", string.Join(", ", actions));
    }

    private static void ProofpointTap(List<KeyValuePair<string, string>> fields)
    {
        // The SIEM API names the kind only by the array an element comes in; collectors keep that name in a field of
        // their own choosing (eventType, _tap_event, event_kind...): any field holding one of the four documented names.
        // A message's recipient is a list (flattened "a, b"), a click's one address: the first is whose mailbox it reached.
        if (Value(fields, "recipient") is { } recipient) AddNew(fields, Recipient, recipient.Split(',')[0].Trim());
        var kind = Value(fields, "eventType") ?? fields.FirstOrDefault(f => TapKind().IsMatch(f.Value.Trim())).Value?.Trim();
        if (kind is not null && TapKind().IsMatch(kind)) AddNew(fields, "eventType", kind);
        // threatsInfoMap[].threat is the condemned URL itself when threatType is "url": a link of the message.
        var threatUrls = fields.Where(f => TapThreat().Match(f.Key) is { Success: true } m && string.Equals(Value(fields, $"threatsInfoMap.{m.Groups[1].Value}.threatType"), "url", StringComparison.OrdinalIgnoreCase)
            && !string.IsNullOrWhiteSpace(f.Value)).Select(f => f.Value.Trim()).Distinct().ToList();
        if (threatUrls.Count > 0 && Value(fields, "url") is null) AddNew(fields, "urls", string.Join(" ", threatUrls));
        var what = kind switch
        {
            "messagesBlocked" => "message blocked",
            "messagesDelivered" => "message delivered",
            "clicksPermitted" => "click permitted",
            "clicksBlocked" => "click blocked",
            { } other => other,
            null => Value(fields, "clickIP") is null ? "message" : "click",
        };
        var classes = fields.Where(f => TapClassification().IsMatch(f.Key) && !string.IsNullOrWhiteSpace(f.Value)).Select(f => f.Value.Trim().ToLowerInvariant()).Distinct().ToList();
        AddNew(fields, DerivedFields.Detection, $"Proofpoint TAP: {what}{(classes.Count > 0 ? $" ({string.Join(", ", classes)})" : "")}");
    }

    private static void Barracuda(List<KeyValuePair<string, string>> fields)
    {
        var action = Value(fields, "recipients.0.action")!;
        var reason = Value(fields, "recipients.0.reason");
        var extra = Value(fields, "recipients.0.reason_extra");
        var why = (reason, extra) switch
        {
            (null, null) => "",
            ({ } r, null) => $" ({r})",
            (null, { } e) => $" ({e})",
            ({ } r, { } e) => $" ({r}: {e})",
        };
        AddNew(fields, DerivedFields.Detection, $"Barracuda: {action}{why}");
        AddNew(fields, "sender", Value(fields, "hdr_from")!);
        if (Value(fields, "env_from") is { } envelope) AddNew(fields, "envelope_from", envelope);
    }

    private static void DefenderEmailRow(List<KeyValuePair<string, string>> fields, string table)
    {
        string? Column(string name) => Value(fields, name);
        var threats = Column("ThreatTypes");
        var what = table switch
        {
            "EmailPostDeliveryEvents" => Join(Column("ActionType"), Column("Action")),
            "EmailAttachmentInfo" => Join(threats, Column("ThreatNames") is { } names ? $"({names})" : null, Column("FileName")),
            "EmailUrlInfo" => Join(Column("UrlDomain"), Column("UrlLocation") is { } where ? $"({where})" : null),
            _ => Join(threats, Column("LatestDeliveryAction") ?? Column("DeliveryAction"),
                (Column("LatestDeliveryLocation") ?? Column("DeliveryLocation")) is { } location ? $"({location})" : null),
        };
        AddNew(fields, DerivedFields.Detection, what.Length > 0 ? $"{table}: {what}" : table);
        // Blocked at delivery, by the latest action when the row gives it (a message released from quarantine is Delivered).
        if ((Column("LatestDeliveryAction") ?? Column("DeliveryAction")) is "Blocked") AddNew(fields, "finalAction", "Blocked");
    }

    private static void FortiMail(List<KeyValuePair<string, string>> fields)
    {
        var type = Value(fields, "type")!;
        var classifier = Value(fields, "classifier");
        var disposition = Value(fields, "disposition");
        var virus = Value(fields, "virus");
        var detection = type == "virus" || classifier is null ? $"FortiMail {type}: {Value(fields, "msg") ?? virus ?? classifier ?? ""}".TrimEnd(' ', ':')
            : $"FortiMail: {classifier}{(disposition is null ? "" : $" ({disposition})")}";
        AddNew(fields, DerivedFields.Detection, detection);
        var threat = type == "virus" || virus is not null || FortiMalware().IsMatch(classifier ?? "") ? "Malware"
            : FortiPhish().IsMatch(classifier ?? "") ? "Phish"
            : type == "spam" || FortiSpam().IsMatch(classifier ?? "") ? "Spam" : null;
        if (threat is not null) AddNew(fields, "threatTypes", threat);
        if (Value(fields, "hfrom") is { } headerFrom) AddNew(fields, "sender", headerFrom);
        // The disposition lists every action taken ("System Quarantine;Notification"): one that stops the message stops it.
        if (disposition?.Split(';').Select(p => p.Trim()).FirstOrDefault(p => Stopping().IsMatch(p)) is { } stop)
            AddNew(fields, "finalAction", Stopping().Match(stop).Groups[1].Value);
    }

    private static void ProofpointOnDemand(List<KeyValuePair<string, string>> fields)
    {
        var finalIndex = fields.Select(f => PodFinalAction().Match(f.Key)).FirstOrDefault(m => m.Success && Value(fields, m.Value) is "true")?.Groups[1].Value;
        var rule = Value(fields, "final_rule") ?? (finalIndex is null ? null : Value(fields, $"filter.actions.{finalIndex}.rule"));
        var module = Value(fields, "final_module") ?? (finalIndex is null ? null : Value(fields, $"filter.actions.{finalIndex}.module"));
        var disposition = Value(fields, "filter.disposition");
        if (rule is not null)
            AddNew(fields, DerivedFields.Detection, $"Proofpoint on Demand: {(module is null ? "" : module + "/")}{rule}{(disposition is null ? "" : $" ({disposition})")}");
        var threat = rule?.ToLowerInvariant() switch
        {
            "phish" => "Phish",
            "malware" or "virus" => "Malware",
            "impostor" => "Impostor",
            "spam" or "bulk" or "adult" or "lowpriority" => "Spam",
            _ => null,
        };
        if (threat is not null) AddNew(fields, "threatTypes", threat);
        if (Value(fields, "msg.parsedAddresses.from") is { } from) AddNew(fields, "sender", from.Split(',')[0].Trim());
        if (disposition is not null && Stopping().IsMatch(disposition)) AddNew(fields, "finalAction", Stopping().Match(disposition).Groups[1].Value);
        // The message's parts: PoD names the bodies text.txt and text.html (inline); the other parts are its attachments.
        var attachments = fields.Select(f => PodPartName().Match(f.Key)).Where(m => m.Success)
            .Where(m => Value(fields, $"msgParts.{m.Groups[1].Value}.disposition") is not "inline")
            .Select(m => Value(fields, m.Value)).OfType<string>().Where(n => n is not ("text.txt" or "text.html")).Distinct().ToList();
        if (attachments.Count > 0) AddNew(fields, "attachmentNames", string.Join(", ", attachments));
    }

    private static string Join(params string?[] parts) => string.Join(", ", parts.Where(p => !string.IsNullOrWhiteSpace(p))).Replace(", (", " (");

    private static void AddNew(List<KeyValuePair<string, string>> fields, string name, string value)
    {
        if (value.Length > 0 && Value(fields, name) is null) fields.Add(new(name, value));
    }

    private static string? Matching(List<KeyValuePair<string, string>> fields, Regex name) =>
        fields.FirstOrDefault(f => name.IsMatch(f.Key) && !string.IsNullOrWhiteSpace(f.Value)).Value?.Trim();

    [GeneratedRegex(@"^(EmailEvents|EmailPostDeliveryEvents|EmailAttachmentInfo|EmailUrlInfo)$")]
    private static partial Regex DefenderTable();

    [GeneratedRegex(@"^msgParts\.(\d+)\.detectedName$")]
    private static partial Regex PodPartName();

    [GeneratedRegex(@"^filter\.actions\.(\d+)\.isFinal$")]
    private static partial Regex PodFinalAction();

    // A disposition part that keeps the message from its reader (FortiMail's "System Quarantine", "Reject", "Discard";
    // Proofpoint on Demand's reject, discard, quarantine); the captured word is what EmailBlocked reads as a final action.
    [GeneratedRegex(@"(?i)^(?:system\s+|personal\s+)?(reject|discard|quarantine)$")]
    private static partial Regex Stopping();

    [GeneratedRegex(@"(?i)virus|sandbox|outbreak|malware")]
    private static partial Regex FortiMalware();

    [GeneratedRegex(@"(?i)phish|impersonat")]
    private static partial Regex FortiPhish();

    [GeneratedRegex(@"(?i)^(?!not\s)(?:.*spam.*|banned word|dnsbl|surbl|bayesian|heuristic|dictionary|greylist|newsletter|bulk.*|image spam)$")]
    private static partial Regex FortiSpam();

    [GeneratedRegex(@"^(?:messagesDelivered|messagesBlocked|clicksPermitted|clicksBlocked)$")]
    private static partial Regex TapKind();

    [GeneratedRegex(@"^threatsInfoMap\.(\d+)\.threat$", RegexOptions.IgnoreCase)]
    private static partial Regex TapThreat();

    [GeneratedRegex(@"^(?:threatsInfoMap\.\d+\.)?classification$", RegexOptions.IgnoreCase)]
    private static partial Regex TapClassification();

    [GeneratedRegex(@"^data\.flagged_rules\.\d+\.name$")]
    private static partial Regex FlaggedRule();

    [GeneratedRegex(@"^data\.flagged_rules\.(\d+)\.tags$")]
    private static partial Regex RuleTag();

    [GeneratedRegex(@"^data\.triggered_actions\.\d+\.type$")]
    private static partial Regex ActionType();

    [GeneratedRegex(@"^data\.message\.mdm\.headers\.hops\.\d+\.authentication_results\.dkim$")]
    private static partial Regex HopDkim();

    [GeneratedRegex(@"^evidence\.\d+\.p2Sender\.emailAddress$", RegexOptions.IgnoreCase)]
    private static partial Regex P2Sender();

    [GeneratedRegex(@"^evidence\.\d+\.p1Sender\.emailAddress$", RegexOptions.IgnoreCase)]
    private static partial Regex P1Sender();

    [GeneratedRegex(@"^evidence\.\d+\.p2Sender\.displayName$", RegexOptions.IgnoreCase)]
    private static partial Regex P2Name();

    [GeneratedRegex(@"^evidence\.\d+\.@odata\.type$", RegexOptions.IgnoreCase)]
    private static partial Regex EvidenceType();
}
