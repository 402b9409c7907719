using System.CommandLine;
using Spectre.Console;
using Verdict.Integrations.Geo;

namespace Verdict.Cli.Commands;

/// <summary>
/// `--geoip FILE.mmdb` (else $VERDICT_GEOIP_DB) on `triage` and `eval`: a MaxMind GeoIP2 or GeoLite2 City or Country
/// database the user already has. It places log events that carry only an address, and the alerts' IP entities.
/// Nothing is downloaded; without it, places come from the log columns.
/// </summary>
public sealed class GeoIpOptions
{
    public const string DatabaseVariable = "VERDICT_GEOIP_DB";

    public Option<string?> Database { get; } = new("--geoip")
    {
        Description = $"MaxMind GeoIP2/GeoLite2 City or Country database (.mmdb) to place IP addresses where logs give no location (default: ${DatabaseVariable}; nothing is downloaded)",
    };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Database);
    }

    /// <summary>
    /// Opens the database asked for, before any work starts: true with null when none was given, true with the locator
    /// (the caller disposes it), or false after printing why it cannot be used: the command then exits with
    /// <see cref="ExitCodes.Usage"/>.
    /// </summary>
    internal bool TryOpen(ParseResult parse, CliServices services, out MaxMindGeoLocator? locator)
    {
        locator = null;
        var path = parse.GetValue(Database);
        var origin = "";
        if (string.IsNullOrWhiteSpace(path) && services.Environment(DatabaseVariable) is { Length: > 0 } fromEnvironment)
        {
            (path, origin) = (fromEnvironment, $" (from ${DatabaseVariable})");
        }
        if (string.IsNullOrWhiteSpace(path)) return true;
        var opened = MaxMindGeoLocator.Open(path);
        if (!opened.Success)
        {
            services.Console.MarkupLineInterpolated($"[red]error:[/] {opened.Error}{origin}");
            return false;
        }
        locator = opened.Locator;
        services.Console.MarkupLineInterpolated($"GeoIP: {locator!.Description}{origin}");
        return true;
    }
}
