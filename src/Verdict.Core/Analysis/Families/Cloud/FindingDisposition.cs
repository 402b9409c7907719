using Verdict.Alerts;

namespace Verdict.Analysis.Families.Cloud;

/// <summary>
/// What a cloud finding product itself already concluded about the finding, by its documented status fields:
/// <list type="bullet">
/// <item>AWS Security Hub (ASFF) <c>Workflow.Status</c>: <c>SUPPRESSED</c> (reviewed, no action needed) or <c>RESOLVED</c>
/// (reviewed and remediated); a control check whose <c>Compliance.Status</c> is <c>PASSED</c> found nothing to fix.
/// <c>RecordState</c> <c>ARCHIVED</c> alone says only that the provider stopped updating the finding, not that anyone
/// reviewed it, and is no reason.</item>
/// <item>Google Cloud Security Command Center: a finding <c>mute</c>d (<c>MUTED</c>, by a mute rule or an analyst) or whose
/// <c>state</c> is <c>INACTIVE</c> (fixed, triaged as a non-issue or otherwise addressed).</item>
/// </list>
/// A dismissal is an explanation of weight 1.5 to 2: it never outvotes what the finding itself names as an attack.
/// </summary>
public static class FindingDisposition
{
    private const string Src = "cloud finding";

    public static void Add(FamilyCase c, List<Evidence> evidence)
    {
        var a = c.Alert;
        if (PostureFindings.IsAsff(a)) Asff(a, evidence);
        else if (CloudActor.Path(a, "findingClass") is not null) CommandCenter(a, evidence);
    }

    private static void Asff(Alert a, List<Evidence> evidence)
    {
        var workflow = (CloudActor.Path(a, "Workflow.Status") ?? "").ToUpperInvariant();
        if (workflow is "SUPPRESSED" or "RESOLVED")
        {
            var meaning = workflow == "SUPPRESSED" ? "reviewed and found to need no action" : "reviewed and remediated";
            evidence.Add(new("finding_dismissed", $"The finding's Security Hub workflow status is {workflow}: {meaning}", Leaning.Benign, 2.0, Src));
        }
        else if ((CloudActor.Path(a, "Compliance.Status") ?? "").Equals("PASSED", StringComparison.OrdinalIgnoreCase))
            evidence.Add(new("finding_dismissed", "The control check's compliance status is PASSED: the resource meets the control, nothing to fix", Leaning.Benign, 2.0, Src));
    }

    private static void CommandCenter(Alert a, List<Evidence> evidence)
    {
        var muted = (CloudActor.Path(a, "mute") ?? "").Equals("MUTED", StringComparison.OrdinalIgnoreCase);
        var inactive = (CloudActor.Path(a, "state") ?? "").Equals("INACTIVE", StringComparison.OrdinalIgnoreCase);
        if (!muted && !inactive) return;
        var said = string.Join(" and ", new[] { muted ? "muted (by a mute rule or an analyst)" : null, inactive ? "marked INACTIVE (fixed or triaged as a non-issue)" : null }.OfType<string>());
        evidence.Add(new("finding_dismissed", $"Security Command Center has the finding {said}", Leaning.Benign, muted && inactive ? 2.0 : 1.5, Src));
    }
}
