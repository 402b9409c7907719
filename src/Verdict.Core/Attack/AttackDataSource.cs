namespace Verdict.Attack;

/// <summary>Where the ATT&CK bundle comes from, in the order <see cref="AttackDataSource.Resolve"/> tries them.</summary>
public enum AttackDataOrigin
{
    /// <summary>A path given on the command line (--attack-data).</summary>
    Option,
    /// <summary>The VERDICT_ATTACK_DATA environment variable.</summary>
    Environment,
    /// <summary>A bundle downloaded earlier into the local cache.</summary>
    Cache,
    /// <summary>Nothing local: download MITRE's current bundle into <see cref="AttackDataLocation.Path"/>.</summary>
    Download,
    /// <summary>Nothing local and no folder to cache a download in; see <see cref="AttackDataLocation.Error"/>.</summary>
    Unavailable,
}

/// <summary>The resolved source: the file to read (or, for a download, to write), or why there is none.</summary>
public sealed record AttackDataLocation(AttackDataOrigin Origin, string Path, string Error = "");

/// <summary>
/// Decides which ATT&CK bundle to use: an explicit path, else VERDICT_ATTACK_DATA, else the local cache
/// ($VERDICT_CACHE_DIR/attack, else $XDG_CACHE_HOME/verdict/attack, else ~/.cache/verdict/attack), else a
/// download into that cache. Pure decision plus a file-exists check: it never touches the network.
/// </summary>
public static class AttackDataSource
{
    public const string DataVariable = "VERDICT_ATTACK_DATA";
    public const string CacheVariable = "VERDICT_CACHE_DIR";
    public const string CacheFileName = "enterprise-attack.json";

    /// <param name="explicitPath">The --attack-data option, or null.</param>
    /// <param name="environment">Reads an environment variable (Environment.GetEnvironmentVariable in the CLI).</param>
    /// <param name="homeDirectory">The user's home folder, used when neither cache variable is set.</param>
    public static AttackDataLocation Resolve(string? explicitPath, Func<string, string?> environment, string homeDirectory)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!string.IsNullOrWhiteSpace(explicitPath)) return new AttackDataLocation(AttackDataOrigin.Option, explicitPath);
        if (environment(DataVariable) is { } fromEnvironment && !string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return new AttackDataLocation(AttackDataOrigin.Environment, fromEnvironment);
        }
        if (CacheFile(environment, homeDirectory) is not { } cacheFile)
        {
            return new AttackDataLocation(AttackDataOrigin.Unavailable, "",
                $"no ATT&CK data and no folder to cache it in: pass --attack-data PATH, or set {DataVariable} or {CacheVariable}");
        }
        return new AttackDataLocation(File.Exists(cacheFile) ? AttackDataOrigin.Cache : AttackDataOrigin.Download, cacheFile);
    }

    /// <summary>The cache file's path (whether or not it exists), or null when there is no usable folder.</summary>
    public static string? CacheFile(Func<string, string?> environment, string homeDirectory)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string? root = null;
        if (environment(CacheVariable) is { Length: > 0 } verdictCache) root = verdictCache;
        else if (environment("XDG_CACHE_HOME") is { Length: > 0 } xdg && Path.IsPathRooted(xdg)) root = Path.Combine(xdg, "verdict");
        else if (!string.IsNullOrEmpty(homeDirectory)) root = Path.Combine(homeDirectory, ".cache", "verdict");
        return root is null ? null : Path.Combine(root, "attack", CacheFileName);
    }
}
