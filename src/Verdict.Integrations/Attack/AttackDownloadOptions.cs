namespace Verdict.Integrations.Attack;

/// <summary>Where the ATT&CK bundle is downloaded from and what a download must look like to be kept.</summary>
public sealed class AttackDownloadOptions
{
    /// <summary>MITRE's official STIX 2.1 repository (raw files of the master branch).</summary>
    public const string OfficialBaseUrl = "https://raw.githubusercontent.com/mitre-attack/attack-stix-data/master/";
    public const string EnterpriseBundlePath = "enterprise-attack/enterprise-attack.json";

    /// <summary>The repository root; a mirror can stand in for MITRE's (VERDICT_ATTACK_BASE_URL in the CLI).</summary>
    public Uri BaseUrl { get; init; } = new(OfficialBaseUrl);

    /// <summary>The bundle's path below <see cref="BaseUrl"/>.</summary>
    public string BundlePath { get; init; } = EnterpriseBundlePath;

    /// <summary>Anything smaller is an error page or a stub, not the Enterprise bundle (about 50 MB).</summary>
    public long MinimumBytes { get; init; } = 1024 * 1024;

    /// <summary>A transfer that delivers nothing for this long is abandoned.</summary>
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The bundle's URL: <see cref="BundlePath"/> below <see cref="BaseUrl"/> (a missing final slash on the base is fine).</summary>
    public Uri BundleUrl
    {
        get
        {
            var root = BaseUrl.AbsoluteUri.EndsWith('/') ? BaseUrl : new Uri(BaseUrl.AbsoluteUri + "/");
            return new Uri(root, BundlePath.TrimStart('/'));
        }
    }
}
