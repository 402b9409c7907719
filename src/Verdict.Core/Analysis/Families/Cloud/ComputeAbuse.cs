using System.Globalization;
using System.Text.RegularExpressions;

namespace Verdict.Analysis.Families.Cloud;

/// <summary>
/// Compute launched the way cryptojacking launches it: many GPU or accelerated instances at once (AWS p/g/trn/inf/dl
/// families, Azure NC/ND/NV, GCP a2/a3/g2) in one RunInstances or VM call. Teams that need GPUs start a few, through
/// their pipelines; a stolen key starts dozens wherever quota allows.
/// </summary>
public static partial class ComputeAbuse
{
    private const int Many = 10;

    public static void Add(FamilyCase c, string opLower, List<Evidence> evidence)
    {
        var a = c.Alert;
        if (!Launch().IsMatch(opLower) && !Launch().IsMatch(a.Rule.ToLowerInvariant())) return;
        // Nested request parameters, or kept as JSON text (CloudTrail Lake, Sentinel's AWSCloudTrail RequestParameters).
        var request = a.Raw("requestParameters") ?? "";
        var type = CloudActor.Path(a, "instanceType") ?? CloudActor.Path(a, "vmSize") ?? CloudActor.Path(a, "machineType")
            ?? (TypeInText().Match(request) is { Success: true } t ? t.Groups[1].Value : "");
        var count = Count(a) is > 1 and var n ? n : CountInText().Match(request) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 1;
        if (GpuType().Match(type) is { Success: true } gpu && count >= Many)
            evidence.Add(new("gpu_fleet_launched", $"{count} GPU instances ({gpu.Value}) were started in one call: the way stolen cloud credentials are turned into cryptocurrency mining", Leaning.Malicious, 1.5, "cloud event"));
    }

    private static int Count(Verdict.Alerts.Alert a)
    {
        foreach (var name in new[] { "minCount", "maxCount", "instanceCount", "count" })
        {
            if (CloudActor.Path(a, name) is { } v && int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return n;
        }
        return 1;
    }

    [GeneratedRegex(@"""instanceType""\s*:\s*""([^""]+)""")]
    private static partial Regex TypeInText();

    [GeneratedRegex(@"""(?:minCount|maxCount)""\s*:\s*(\d{1,6})")]
    private static partial Regex CountInText();

    [GeneratedRegex(@"runinstances|virtualmachines/write|virtualmachinescalesets/write|instances\.insert|launch")]
    private static partial Regex Launch();

    [GeneratedRegex(@"(?i)^(p[2-5]\w*|g[3-6]\w*|trn\d\w*|inf\d\w*|dl\d\w*)\.\w+$|Standard_N[CDV]\w+|^(a2|a3|g2)-\w+")]
    private static partial Regex GpuType();
}
