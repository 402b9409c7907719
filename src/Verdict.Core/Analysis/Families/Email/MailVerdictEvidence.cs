namespace Verdict.Analysis.Families.Email;

/// <summary>
/// Why a gateway's record exists when its own reason is no threat (<see cref="MailVerdicts"/>): the anti-virus test file
/// (EICAR) stopped; a listed spam source refused before delivery; a volume limit (rate control); a sandbox hold that
/// ended clean; a DMARC verdict about another domain than the sender shown (a mailing list or forwarder re-sent a
/// member's message). Each explains the alert only when nothing malicious is observed: the scorer keeps any case with
/// malicious evidence open unless the total says otherwise, and strong evidence is never outvoted.
/// </summary>
public static class MailVerdictEvidence
{
    public static void Add(FamilyCase c, List<Evidence> evidence)
    {
        var a = c.Alert;
        if (MailVerdicts.Eicar(a))
            evidence.Add(new("eicar_test", "The gateway found only the EICAR anti-virus test file: a test of the gateway, harmless by design", Leaning.Benign, 4.0, EmailGateway.Src));
        else if (MailVerdicts.ReputationBlock(a))
            evidence.Add(new("reputation_block", "Refused before delivery because its source is on a spam reputation list: the mass-spam infrastructure such lists track, and nothing reached the recipient", Leaning.Benign, 1.0, EmailGateway.Src));
        else if (MailVerdicts.RateControl(a))
            evidence.Add(new("rate_control", "Deferred by rate control: a limit on mail volume from one source, not a security verdict", Leaning.Benign, 1.0, EmailGateway.Src));
        else if (MailVerdicts.SandboxReleased(a))
            evidence.Add(new("sandbox_released", "The gateway held the message for its sandbox and released it clean: the alert records that routine hold", Leaning.Benign, 1.0, EmailGateway.Src));
        if (MailVerdicts.DmarcDomain(a) is { Length: > 0 } other && EmailEvidence.Address(EmailFields.From(a)) is { } from
            && EmailFields.Registrable(other) != EmailFields.Registrable(from[(from.LastIndexOf('@') + 1)..]))
            evidence.Add(new("dmarc_other_domain", $"The DMARC verdict is about {other}, not the sender shown ({from}): a mailing list or forwarder re-sent a member's message, which breaks the member's DMARC", Leaning.Benign, 0.8, EmailGateway.Src));
    }
}
