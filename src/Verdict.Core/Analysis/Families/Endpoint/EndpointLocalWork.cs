using System.Text.RegularExpressions;

namespace Verdict.Analysis.Families.Endpoint;

/// <summary>
/// Work that stays on this machine or only tests a path, as an analyst at any organisation would close it, each read
/// from the command alone and required to be exactly that and nothing more:
/// <list type="bullet">
/// <item>a read of this machine's own service (every address localhost or 127.x): a monitoring agent's status check or a
/// developer's test of a local API, the reply neither saved nor piped into anything (see <see cref="LocalRead"/>);</item>
/// <item>netcat only testing whether one port is open (<c>-z</c>) on one of the organisation's own hosts: nothing is sent
/// and nothing listens (a port range is a scan, <c>-e</c> or <c>-l</c> a shell, an internet host a way out);</item>
/// <item>a database dump or archive (pg_dump, mysqldump, mongodump, tar) written to a local file by the scheduler (cron, a
/// systemd timer) or a backup program, under an account that is not a web server's, with nothing piped or redirected,
/// nothing written to a temporary or web-served folder and no remote database: a scheduled backup. The "exfiltration"
/// a dump rule names is then the backup itself.</item>
/// <item>a certificate-renewal client (certbot, acme.sh, lego, dehydrated) whose shell only reloads or restarts a service,
/// its documented deploy hook (a "web server spawned a shell" rule sees the hook, not a web shell).</item>
/// </list>
/// </summary>
public static partial class EndpointLocalWork
{
    private const string Src = "process event";

    /// <summary>Every address is this machine's, and the reply is neither saved to a file nor handed to anything.</summary>
    public static bool LocalRead(string text) =>
        EndpointSignals.LoopbackOnly(text) && !EndpointPatterns.Execute().IsMatch(text) && !SavesOrPipes().IsMatch(text);

    public static void Add(FamilyCase c, List<Evidence> evidence, string raw, string? parent)
    {
        var others = evidence.Where(e => e.Key != "rule_names_threat").ToList();
        if (EndpointExplanations.Acts(others)) return;
        if (PortCheck().Match(raw) is { Success: true } check && check.Groups[1].Value.Contains('z', StringComparison.Ordinal)
            && EndpointRoutine.OwnHost(c, check.Groups[2].Value))
            evidence.Add(new("port_check", $"netcat only tests whether port {check.Groups[3].Value} is open on {check.Groups[2].Value}, one of the organisation's own hosts (-z): nothing is sent and nothing listens",
                Leaning.Benign, 1.2, Src));
        if (parent is not null && CertificateClients.Contains(parent) && ServiceReload().Match(raw) is { Success: true } reload)
            evidence.Add(new("certificate_reload", $"{parent}, the certificate-renewal client, runs only its deploy hook '{CommonEvidence.Clip(reload.Groups[1].Value, 60)}' so the server picks up the new certificate: the shell does nothing else",
                Leaning.Benign, 1.2, Src));
        if (ScheduledBackup(c, raw, parent) is { } file
            && evidence.FindIndex(e => e.Key == "rule_names_threat") is var i)
        {
            if (i >= 0)
                evidence[i] = evidence[i] with { Weight = 0.5, Strong = false, Description = evidence[i].Description + ", though the dump is written to a local file by a scheduled backup" };
            evidence.Add(new("scheduled_backup", $"{EndpointEvidence.Program(parent)} (the scheduler or a backup program) has the data dumped or archived to a local file ({CommonEvidence.Clip(file, 80)}), with nothing piped or sent anywhere: a scheduled backup",
                Leaning.Benign, 1.5, Src));
        }
    }

    /// <summary>The local file a scheduled dump or archive writes, or null when anything about it is not a scheduled local backup.</summary>
    public static string? ScheduledBackup(FamilyCase c, string raw, string? parent)
    {
        if (!Dumper().IsMatch(raw) || Chained().IsMatch(raw) || parent is null) return null;
        if (!Schedulers.Contains(parent) && !parent.Contains("backup", StringComparison.Ordinal)) return null;
        var parentPath = c.Alert.Raw("process.parent.executable", "parentprocesspath", "parent_image", "parentimage") ?? c.Alert.ParentProcess ?? "";
        if (EndpointPatterns.UserWritable().IsMatch(parentPath.ToLowerInvariant())) return null;
        if (WebAccount().IsMatch(c.Alert.User ?? "") || RemoteDatabase().Match(raw) is { Success: true } h && !LocalName(h.Groups[1].Value)) return null;
        var output = Output().Match(raw);
        if (!output.Success) return null;
        var file = output.Groups[1].Value;
        return NotForBackups().IsMatch(file) ? null : file;
    }

    private static bool LocalName(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.StartsWith("127.", StringComparison.Ordinal) || host.StartsWith('/');

    private static readonly HashSet<string> CertificateClients = ["certbot", "certbot-auto", "acme.sh", "lego", "dehydrated"];

    /// <summary>A shell (or the command itself) doing only a service reload or restart: systemctl, service, nginx -s reload, apachectl graceful.</summary>
    [GeneratedRegex(@"^\s*(?:(?:/usr)?/bin/(?:ba|da)?sh\s+-c\s+|(?:ba|da)?sh\s+-c\s+)?[""']?((?:(?:/usr)?/s?bin/)?(?:systemctl\s+(?:reload|restart|try-reload-or-restart|reload-or-restart)\s+[\w@.-]+|service\s+[\w.-]+\s+(?:reload|restart)|nginx\s+-s\s+reload|apachectl\s+(?:graceful|-k\s+graceful)))[""']?\s*$")]
    private static partial Regex ServiceReload();

    private static readonly HashSet<string> Schedulers = ["cron", "crond", "anacron", "systemd", "atd"];

    [GeneratedRegex(@"\s-(?:o|O|-output|-output-document|outfile|-remote-name)\b|>|\||-outfile\b|\bwget\b(?![^\n]*\s-(?:q?O\s*-|-spider))", RegexOptions.IgnoreCase)]
    private static partial Regex SavesOrPipes();

    /// <summary>netcat with only -z/-v/-n/-u/-4/-6 switches and a wait time, one host and one port.</summary>
    [GeneratedRegex(@"^\s*(?:[\w./-]*/)?(?:nc|ncat|netcat)(?:\.openbsd|\.traditional)?((?:\s+-[zvnu46]+|\s+-w\s*\d+)+)\s+([\w.-]+)\s+(\d{1,5})\s*$")]
    private static partial Regex PortCheck();

    [GeneratedRegex(@"^\s*(?:[\w./-]*/)?(?:pg_dump|pg_dumpall|mysqldump|mariadb-dump|mongodump|tar)\s")]
    private static partial Regex Dumper();

    /// <summary>A pipe, redirection, command chain or substitution: something beyond the dump itself.</summary>
    [GeneratedRegex(@"[|;&><`]|\$\(")]
    private static partial Regex Chained();

    /// <summary>Where the dump goes: pg_dump/tar -f FILE (or -czf FILE), --file=, --result-file=, mongodump --out/--archive=.</summary>
    [GeneratedRegex(@"(?:\s-[a-zA-Z]*f\s*|\s--file[= ]|\s--result-file[= ]|\s--out[= ]|\s--archive=)(/[^\s]+)")]
    private static partial Regex Output();

    /// <summary>Temporary and web-served folders, and another machine's share: not where backups are kept.</summary>
    [GeneratedRegex(@"^/(?:tmp|dev/shm|var/tmp|var/www|srv/www|usr/share/nginx|run|proc)(?:/|$)|^//")]
    private static partial Regex NotForBackups();

    [GeneratedRegex(@"\s(?:-h\s*|--host[= ])(\S+)")]
    private static partial Regex RemoteDatabase();

    [GeneratedRegex(@"^(?:www-data|apache|nginx|httpd|nobody|iusr|tomcat\d*|php-fpm|wwwrun)$", RegexOptions.IgnoreCase)]
    private static partial Regex WebAccount();
}
