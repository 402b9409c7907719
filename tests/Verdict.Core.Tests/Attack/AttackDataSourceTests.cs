using Verdict.Attack;
using Verdict.Tests.Support;

namespace Verdict.Tests.Attack;

/// <summary>Where the bundle comes from: option, VERDICT_ATTACK_DATA, cache, else a download into the cache.</summary>
public sealed class AttackDataSourceTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void The_option_wins_then_the_environment_variable()
    {
        var env = Env(("VERDICT_ATTACK_DATA", "/data/env.json"), ("VERDICT_CACHE_DIR", "/cache"));
        Assert.Equal(new AttackDataLocation(AttackDataOrigin.Option, "/data/opt.json"), AttackDataSource.Resolve("/data/opt.json", env, "/home/u"));
        Assert.Equal(new AttackDataLocation(AttackDataOrigin.Environment, "/data/env.json"), AttackDataSource.Resolve(null, env, "/home/u"));
        Assert.Equal(AttackDataOrigin.Environment, AttackDataSource.Resolve("  ", env, "/home/u").Origin);
    }

    [Fact]
    public void Without_a_cached_file_the_answer_is_a_download_into_the_cache()
    {
        using var temp = new TempDirectory();
        var env = Env(("VERDICT_CACHE_DIR", temp.Path));
        var cacheFile = Path.Combine(temp.Path, "attack", "enterprise-attack.json");

        Assert.Equal(new AttackDataLocation(AttackDataOrigin.Download, cacheFile), AttackDataSource.Resolve(null, env, "/home/u"));
        Directory.CreateDirectory(Path.GetDirectoryName(cacheFile)!);
        File.WriteAllText(cacheFile, "{}");
        Assert.Equal(new AttackDataLocation(AttackDataOrigin.Cache, cacheFile), AttackDataSource.Resolve(null, env, "/home/u"));
    }

    [Fact]
    public void The_cache_folder_is_VERDICT_CACHE_DIR_else_XDG_CACHE_HOME_else_home()
    {
        string Expected(params string[] parts) => Path.Combine([.. parts, "attack", "enterprise-attack.json"]);
        Assert.Equal(Expected("/v"), AttackDataSource.CacheFile(Env(("VERDICT_CACHE_DIR", "/v"), ("XDG_CACHE_HOME", "/x")), "/home/u"));
        Assert.Equal(Expected("/x", "verdict"), AttackDataSource.CacheFile(Env(("XDG_CACHE_HOME", "/x")), "/home/u"));
        Assert.Equal(Expected("/home/u", ".cache", "verdict"), AttackDataSource.CacheFile(Env(("XDG_CACHE_HOME", "relative/x")), "/home/u"));
        Assert.Equal(Expected("/home/u", ".cache", "verdict"), AttackDataSource.CacheFile(Env(), "/home/u"));
    }

    [Fact]
    public void With_no_folder_at_all_it_says_what_to_set()
    {
        var location = AttackDataSource.Resolve(null, Env(), "");
        Assert.Equal(AttackDataOrigin.Unavailable, location.Origin);
        Assert.Contains("--attack-data", location.Error);
        Assert.Contains("VERDICT_CACHE_DIR", location.Error);
    }
}
