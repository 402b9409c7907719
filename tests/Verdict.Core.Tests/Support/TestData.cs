using System.Text;
using Verdict.Context;

namespace Verdict.Tests.Support;

public static class TestData
{
    public static TimeZoneInfo NewYork { get; } = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    public static MemoryStream Stream(string text) => new(Encoding.UTF8.GetBytes(text));

    /// <summary>A fixture file copied to the test output as data/NAME.</summary>
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "data", name);

    public static IpRangeSet Ranges(params string[] items)
    {
        var set = new IpRangeSet();
        foreach (var item in items) Assert.True(set.TryAdd(item), item);
        return set;
    }

    /// <summary>The folder holding Verdict.slnx, found by walking up from the test binaries.</summary>
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Verdict.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException("Verdict.slnx not found above " + AppContext.BaseDirectory);
    }
}
