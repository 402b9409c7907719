using Verdict.Samples;
using Verdict.Tests.Support;

namespace Verdict.Tests.Samples;

public class DemoCompanyTests
{
    private static readonly string[] Files = ["alerts.csv", "labels.csv", "context.yaml", "auth_logs.csv"];

    [Fact]
    public void Write_SameSeedTwice_GivesByteIdenticalFiles()
    {
        using var dir = new TempDirectory();
        var a = Path.Combine(dir.Path, "a");
        var b = Path.Combine(dir.Path, "b");

        var first = DemoCompany.Write(a, new DemoOptions(Seed: 7));
        var second = DemoCompany.Write(b, new DemoOptions(Seed: 7));

        Assert.Equal(first with { Directory = "" }, second with { Directory = "" });
        foreach (var name in Files)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(a, name)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(b, name))), name);
        }
    }

    [Fact]
    public void Write_DifferentSeeds_GiveDifferentLogs()
    {
        using var dir = new TempDirectory();

        DemoCompany.Write(Path.Combine(dir.Path, "a"), new DemoOptions(Seed: 1));
        DemoCompany.Write(Path.Combine(dir.Path, "b"), new DemoOptions(Seed: 2));

        Assert.NotEqual(File.ReadAllBytes(Path.Combine(dir.Path, "a", "auth_logs.csv")), File.ReadAllBytes(Path.Combine(dir.Path, "b", "auth_logs.csv")));
    }

    [Fact]
    public void Write_Demo_HasTwentyAlertsEachWithALabel()
    {
        using var dir = new TempDirectory();

        var summary = DemoCompany.Write(dir.Path, new DemoOptions());

        Assert.Equal(20, summary.Alerts);
        Assert.Equal(200, summary.Employees);
        Assert.Equal(21, File.ReadAllLines(dir.File("alerts.csv")).Length);
        Assert.Equal(21, File.ReadAllLines(dir.File("labels.csv")).Length);
        Assert.Equal(summary.LogEvents + 1, File.ReadAllLines(dir.File("auth_logs.csv")).Length);
    }

    [Fact]
    public void Write_GzipLogs_WritesACompressedLogWithTheSameRows()
    {
        using var dir = new TempDirectory();
        var plain = Path.Combine(dir.Path, "plain");
        var gz = Path.Combine(dir.Path, "gz");

        DemoCompany.Write(plain, new DemoOptions(Employees: 40, Days: 5));
        DemoCompany.Write(gz, new DemoOptions(Employees: 40, Days: 5, GzipLogs: true));

        using var unzip = new System.IO.Compression.GZipStream(File.OpenRead(Path.Combine(gz, "auth_logs.csv.gz")), System.IO.Compression.CompressionMode.Decompress);
        using var text = new StreamReader(unzip);
        Assert.Equal(File.ReadAllText(Path.Combine(plain, "auth_logs.csv")), text.ReadToEnd());
        Assert.False(File.Exists(Path.Combine(gz, "auth_logs.csv")));
    }
}
