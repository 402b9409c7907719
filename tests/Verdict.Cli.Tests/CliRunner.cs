using System.Text;
using Microsoft.Extensions.Time.Testing;
using Spectre.Console.Testing;
using Verdict.Cli;

namespace Verdict.Tests;

/// <summary>Runs `verdict` in-process with a test console, a fixed clock and a given standard input.</summary>
internal sealed class CliRunner : IDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    public DirectoryInfo Temp { get; } = Directory.CreateTempSubdirectory("verdict-cli-");
    public TestConsole Console { get; } = new();

    /// <summary>The clock every run of this runner sees; a test may advance it (retries and timeouts wait on it).</summary>
    public FakeTimeProvider Clock { get; } = new(Now);

    public CliRunner() => Console.Profile.Width = 240;

    public string Output => Console.Output;

    /// <summary>
    /// Environment variables the run sees, on top of the process's. API keys and service URLs come only from here,
    /// so a developer's own keys can never send a test to a real service.
    /// </summary>
    public Dictionary<string, string?> Environment { get; } = [];

    private string? Read(string name) =>
        Environment.TryGetValue(name, out var value) ? value
        : name.EndsWith("_API_KEY", StringComparison.Ordinal) || name.EndsWith("_BASE_URL", StringComparison.Ordinal) ? null
        : System.Environment.GetEnvironmentVariable(name);

    public Task<int> Run(params string[] args) => RunWithInput("", args);

    public Task<int> RunWithInput(string stdin, params string[] args) =>
        VerdictApp.RunAsync(args, new CliServices(Console, Clock, () => new MemoryStream(Encoding.UTF8.GetBytes(stdin))) { Environment = Read },
            TestContext.Current.CancellationToken);

    public string PathOf(string name) => Path.Combine(Temp.FullName, name);

    public void Dispose() => Temp.Delete(recursive: true);

    /// <summary>The checkout's root: the folder holding Verdict.slnx.</summary>
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Verdict.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException("Verdict.slnx not found above " + AppContext.BaseDirectory);
    }

    public static string Acme(string file) => Path.Combine(RepoRoot(), "samples", "acme", file);
}
