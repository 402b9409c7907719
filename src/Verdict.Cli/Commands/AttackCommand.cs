using System.CommandLine;
using System.CommandLine.Parsing;
using Spectre.Console;
using Verdict.Attack;
using Verdict.Integrations.Attack;

namespace Verdict.Cli.Commands;

/// <summary>
/// `verdict attack ...`: MITRE ATT&CK commands. Owns the `--attack-data` option (recursive, so every subcommand
/// takes it) and <see cref="LoadKnowledgeBaseAsync(ParseResult, CliServices, CancellationToken)"/>, which subcommands use to get the data.
/// </summary>
public static class AttackCommand
{
    public const string AttackDataOption = "--attack-data";
    /// <summary>Overrides where the bundle is downloaded from (a mirror of MITRE's attack-stix-data repository).</summary>
    public const string BaseUrlVariable = "VERDICT_ATTACK_BASE_URL";

    public static Command Create(CliServices services)
    {
        var attackData = new Option<string?>(AttackDataOption)
        {
            Description = $"ATT&CK STIX bundle (.json or .json.gz); default: ${AttackDataSource.DataVariable}, else the cache, else a download from MITRE",
            Recursive = true,
        };
        var command = new Command("attack", "MITRE ATT&CK: look up techniques and map alerts to them.") { attackData };
        command.Subcommands.Add(AttackShowCommand.Create(services));
        command.Subcommands.Add(AttackMapCommand.Create(services));
        return command;
    }

    /// <summary>
    /// The knowledge base from --attack-data, $VERDICT_ATTACK_DATA, the cache, or (first use) a download with a progress bar.
    /// Null, after printing a clear error, when there is none; the command should then exit with <see cref="ExitCodes.NothingRead"/>.
    /// </summary>
    internal static Task<AttackKnowledgeBase?> LoadKnowledgeBaseAsync(ParseResult parse, CliServices services, CancellationToken cancellationToken) =>
        LoadKnowledgeBaseAsync((parse.GetResult(AttackDataOption) as OptionResult)?.GetValueOrDefault<string?>(), Environment.GetEnvironmentVariable,
            Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), services, cancellationToken);


    /// <summary>
    /// For triage: the knowledge base only when it is already on this machine (--attack-data, $VERDICT_ATTACK_DATA or the
    /// cache). A triage run never downloads; without local data it maps no techniques and says how to get them.
    /// </summary>
    internal static AttackKnowledgeBase? LoadLocalKnowledgeBase(string? explicitPath, CliServices services)
    {
        var location = AttackDataSource.Resolve(explicitPath, Environment.GetEnvironmentVariable, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));
        if (location.Origin is AttackDataOrigin.Download or AttackDataOrigin.Unavailable)
        {
            services.Console.MarkupLineInterpolated($"[grey]No ATT&CK data on this machine: techniques are not mapped. Run `verdict attack show T1078` once to download it, or pass {AttackDataOption} PATH.[/]");
            return null;
        }
        var loaded = AttackKnowledgeBase.TryLoad(location.Path);
        if (loaded.KnowledgeBase is null) services.Console.MarkupLineInterpolated($"[yellow]ATT&CK data unusable, techniques not mapped:[/] {loaded.Error}");
        return loaded.KnowledgeBase;
    }

    /// <summary>The same with the environment and home folder passed in (tests).</summary>
    internal static async Task<AttackKnowledgeBase?> LoadKnowledgeBaseAsync(string? explicitPath, Func<string, string?> environment, string homeDirectory,
        CliServices services, CancellationToken cancellationToken)
    {
        var console = services.Console;
        var location = AttackDataSource.Resolve(explicitPath, environment, homeDirectory);
        switch (location.Origin)
        {
            case AttackDataOrigin.Unavailable:
                console.MarkupLineInterpolated($"[red]error:[/] {location.Error}");
                return null;
            case AttackDataOrigin.Download:
                return await DownloadAsync(location.Path, environment, console, cancellationToken);
            default:
                var loaded = AttackKnowledgeBase.TryLoad(location.Path);
                if (loaded.KnowledgeBase is not null) return loaded.KnowledgeBase;
                var origin = location.Origin switch
                {
                    AttackDataOrigin.Environment => $" (from ${AttackDataSource.DataVariable})",
                    AttackDataOrigin.Cache => " (the cached copy; delete it to download a fresh one)",
                    _ => "",
                };
                console.MarkupLineInterpolated($"[red]error:[/] {loaded.Error}{origin}");
                return null;
        }
    }

    private static async Task<AttackKnowledgeBase?> DownloadAsync(string cacheFile, Func<string, string?> environment, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var options = new AttackDownloadOptions();
        if (environment(BaseUrlVariable) is { Length: > 0 } baseUrl)
        {
            if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                console.MarkupLineInterpolated($"[red]error:[/] ${BaseUrlVariable} is not an http(s) URL: '{baseUrl}'");
                return null;
            }
            options = new AttackDownloadOptions { BaseUrl = uri };
        }
        using var http = AttackDownloader.CreateHttpClient();
        var downloader = new AttackDownloader(http, options);
        console.MarkupLineInterpolated($"No ATT&CK data cached yet: downloading MITRE's current Enterprise bundle (about 50 MB, once) from {downloader.Url}");

        AttackDownloadResult? result = null;
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask("ATT&CK Enterprise", maxValue: 1);
                task.IsIndeterminate = true;
                result = await downloader.DownloadAsync(cacheFile, new TaskProgress(task), cancellationToken);
                if (result.Success) task.Value = task.MaxValue;
                task.StopTask();
            });

        if (result!.KnowledgeBase is null)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {result.Error}");
            console.MarkupLineInterpolated($"To work offline, pass {AttackDataOption} PATH or set ${AttackDataSource.DataVariable} to a STIX bundle (.json or .json.gz).");
            return null;
        }
        var version = result.KnowledgeBase.Version.Length > 0 ? $" v{result.KnowledgeBase.Version}" : "";
        console.MarkupLineInterpolated($"Cached ATT&CK{version} at {result.CachePath}");
        return result.KnowledgeBase;
    }

    /// <summary>Moves a Spectre progress task as bytes arrive (synchronously: the bar must not lag behind the download).</summary>
    private sealed class TaskProgress(ProgressTask task) : IProgress<(long Read, long? Total)>
    {
        public void Report((long Read, long? Total) value)
        {
            if (value.Total is { } total && total > 0)
            {
                task.IsIndeterminate = false;
                task.MaxValue = total;
            }
            task.Value = value.Read;
        }
    }
}
