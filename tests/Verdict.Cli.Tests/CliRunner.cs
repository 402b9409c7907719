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

    public CliRunner() => Console.Profile.Width = 240;

    /// <summary>Variables the command sees instead of the process's; the rest come from the process.</summary>
    public Dictionary<string, string> Environment { get; } = [];

    public string Output => Console.Output;

    public Task<int> Run(params string[] args) => RunWithInput("", args);

    public Task<int> RunWithInput(string stdin, params string[] args) =>
        VerdictApp.RunAsync(args, new CliServices(Console, new FakeTimeProvider(Now), () => new MemoryStream(Encoding.UTF8.GetBytes(stdin))) { Environment = Variable },
            TestContext.Current.CancellationToken);

    private string? Variable(string name) =>
        Environment.TryGetValue(name, out var value) ? value : System.Environment.GetEnvironmentVariable(name);

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
