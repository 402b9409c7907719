namespace Verdict.Integrations.Intel;

/// <summary>VirusTotal API v3. The free (public) API allows 4 requests a minute; a premium key can raise the limit.</summary>
public sealed class VirusTotalOptions : IntelProviderOptions
{
    public const string Name = "VirusTotal";
    public const string DefaultKeyVariable = "VIRUSTOTAL_API_KEY";

    public VirusTotalOptions()
        : base(new Uri("https://www.virustotal.com/"), DefaultKeyVariable, requestsPerWindow: 4, TimeSpan.FromMinutes(1))
    {
    }

    public override string SourceName => Name;
}
