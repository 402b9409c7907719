namespace Verdict.Analysis.Families.Cloud;

/// <summary>
/// A cloud workload alert that names a process (a container or node agent's alert: Lacework's <c>Process.CMDLINE</c>,
/// any product's command line) is also read the way the endpoint analyst reads a process event, and what that finds
/// against the process (a reverse shell, a miner, a download cradle, credential theft) counts here too. Its benign side
/// (deployment parents, signed vendors) is about workstations and is not taken: a workload alert's explanations are the
/// cloud family's own.
/// </summary>
public static class WorkloadProcess
{
    public static void Add(FamilyCase c, List<Evidence> evidence)
    {
        if (c.Alert.CommandLine is null) return;
        var found = new List<Evidence>();
        Endpoint.EndpointEvidence.Add(c with { Family = AlertFamily.Endpoint }, found);
        foreach (var e in found)
        {
            if (e.Supports == Leaning.Malicious && !evidence.Exists(x => x.Key == e.Key)) evidence.Add(e);
        }
    }
}
