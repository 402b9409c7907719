namespace Verdict.Analysis.Families;

/// <summary>Questions, first moves, investigation steps and what would change the verdict, for non-identity families.</summary>
public static class FamilyBriefing
{
    public static List<string> Questions(FamilyCase c, IReadOnlyList<Evidence> evidence, Classification classification)
    {
        var keys = evidence.Select(e => e.Key).ToHashSet();
        var a = c.Alert;
        var host = a.Host ?? "the host";
        var q = new List<string>();
        switch (c.Family)
        {
            case AlertFamily.Endpoint:
                if (keys.Contains("deployment_tool")) q.Add($"Is there a deployment package or change ticket that runs this command on {host}?");
                if (keys.Contains("office_spawns_shell")) q.Add($"Which document did {c.Who} open just before, and where did it come from (mail, download)?");
                if (keys.Contains("encoded_command")) q.Add("Does the decoded payload shown in the evidence match anything IT deploys?");
                if (keys.Contains("credential_dumping")) q.Add($"Which accounts have signed in to {host} since it may have been compromised (their credentials are exposed)?");
                if (keys.Contains("admin_tool_by_admin")) q.Add($"Was {c.Who} doing planned work on {host} at this time?");
                break;
            case AlertFamily.Network:
                if (keys.Contains("exploit_success")) q.Add("What else did this source request after the successful response (data pulled, shells uploaded)?");
                if (keys.Contains("no_attack_payload")) q.Add("Does the application itself send these parameters (a sort, filter or search field)? If so, tune the rule for that path.");
                q.Add($"Did {a.SourceIp ?? "the source"} send other requests to the application, and were any not blocked?");
                break;
            case AlertFamily.Cloud:
                if (keys.Contains("automation_principal") || keys.Contains("automation_verified")) q.Add("Does a pipeline run or change ticket match this change?");
                else q.Add($"Did {c.Who} make this change on purpose, and was it approved?");
                if (keys.Contains("new_credentials")) q.Add("Who will use the new credentials, and have they been used yet (from where)?");
                if (keys.Contains("logging_disabled")) q.Add("What happened in the account while logging was off?");
                break;
            case AlertFamily.Email:
                q.Add("Did any recipient click a link, open an attachment or reply?");
                if (keys.Contains("lookalike_sender")) q.Add("Is the look-alike domain newly registered, and has it sent to other people in the organisation?");
                if (keys.Contains("trusted_sender") || keys.Contains("bulk_mail")) q.Add("Is this the sender's usual kind of mail, or has the trusted account been taken over?");
                break;
        }
        if (keys.Contains("privileged") && classification != Classification.Benign)
            q.Add($"What else did the privileged account {c.Who} do around this time?");
        if (q.Count == 0)
            q.Add(classification == Classification.Benign ? "Is there anything about this activity the closure reason does not account for?" : $"Is this activity expected for {c.Who} and {host}?");
        return q;
    }

    public static List<string> Actions(FamilyCase c, IReadOnlyList<Evidence> evidence, Classification classification, bool escalate)
    {
        if (classification == Classification.Benign)
            return ["No action needed; closed with the reason recorded. Reopen if related alerts follow."];
        if (!escalate)
            return ["Watch for related alerts from the same source, user or host over the next 24 hours.", "If it repeats, confirm with the owner of the activity."];
        var a = c.Alert;
        return c.Family switch
        {
            AlertFamily.Endpoint =>
            [
                $"Propose isolating {a.Host ?? "the host"} from the network (needs approval).",
                "Collect the process tree, the decoded payload and any files it wrote.",
                evidence.Any(e => e.Key == "credential_dumping") ? "Propose resetting the credentials of every account that signed in to the host (needs approval)." : $"Confirm with {c.Who} whether they ran this.",
            ],
            AlertFamily.Network =>
            [
                $"Propose blocking {a.SourceIp ?? "the source"} at the WAF or perimeter (needs approval).",
                evidence.Any(e => e.Key == "exploit_success") ? "Treat the application server as compromised: preserve its logs and check for web shells." : "Check the application logs for the same source around this time.",
            ],
            AlertFamily.Cloud =>
            [
                $"Confirm the change with {c.Who} or the owner of the automation.",
                "If not confirmed: propose disabling the new keys or reverting the permission or logging change (needs approval).",
            ],
            AlertFamily.Email =>
            [
                "Propose removing the message from every mailbox that received it (needs approval).",
                "Propose blocking the sender domain and the linked URLs (needs approval).",
                "Reset the password of anyone who entered credentials on the linked page.",
            ],
            _ => ["Review the alert with its owner and the surrounding activity."],
        };
    }

    public static List<string> Steps(FamilyCase c, IReadOnlyList<Evidence> evidence) => c.Family switch
    {
        AlertFamily.Endpoint => [$"Pull the process tree on {c.Alert.Host ?? "the host"} for an hour around the alert (parents, children, network connections, files written).", "Search other hosts for the same command line or binary hash."],
        AlertFamily.Network => [$"Pull every request from {c.Alert.SourceIp ?? "the source"} in the web and WAF logs for the day.", "Check which responses succeeded (2xx with unusual size)."],
        AlertFamily.Cloud => [$"Pull every control-plane event by {c.Who} for the last 24 hours.", "List credentials, role assignments and logging settings as they are now."],
        AlertFamily.Email => ["Search mail logs for the same sender, subject or URLs.", "Check proxy logs for visits to the linked domains."],
        _ => ["Gather the events around the alert from the system that raised it."],
    };

    /// <summary>What the verdict rests on and what would move it.</summary>
    public static string WhatWouldChange(FamilyCase c, IReadOnlyList<Evidence> evidence, Classification classification)
    {
        var strong = evidence.Where(e => e.Strong && e.Supports == Leaning.Malicious).Select(e => e.Key).ToList();
        string Top(Leaning side) => string.Join("; ", evidence.Where(e => e.Supports == side).OrderByDescending(e => e.Weight).Take(2).Select(e => e.Key.Split(':')[0]));
        if (strong.Count > 0)
            return $"Strong evidence ({string.Join(", ", strong.Select(k => k.Split(':')[0]))}) keeps this from ever being closed as benign; only a confirmed, authorised test would explain it.";
        var benignFacts = c.Family switch
        {
            AlertFamily.Endpoint => "a deployment package or change ticket for this command, the user confirming they ran it, or the decoded payload being a known IT script",
            AlertFamily.Network => "the source being the organisation's scanner, or the application's own requests carrying these parameters",
            AlertFamily.Cloud => "a matching change ticket or pipeline run, or the principal being listed as automation in the context file",
            AlertFamily.Email => "the sender being confirmed as a known partner through another channel",
            _ => "the owner confirming the activity",
        };
        var maliciousFacts = c.Family switch
        {
            AlertFamily.Endpoint => "a decoded download or credential-access step, a network connection to a bad address, or the user denying it",
            AlertFamily.Network => "an attack pattern in the request, a 2xx response with leaked content, or the source on a threat feed",
            AlertFamily.Cloud => "the change being unapproved, use from an unusual region or address, or logging being turned off",
            AlertFamily.Email => "a link or attachment with bad reputation, a recipient who clicked, or a look-alike of the organisation's domain",
            _ => "a bad reputation for an entity in the alert, or related alerts",
        };
        return classification switch
        {
            Classification.Malicious => $"Rests on: {Top(Leaning.Malicious)}. It would drop to monitor with {benignFacts}.",
            Classification.Benign => $"Rests on: {Top(Leaning.Benign)}. It would reopen with {maliciousFacts}.",
            _ => $"Either way: {maliciousFacts} would escalate it; {benignFacts} would close it.",
        };
    }
}
