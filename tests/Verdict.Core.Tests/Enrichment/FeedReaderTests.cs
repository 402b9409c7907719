using Verdict.Alerts;
using Verdict.Enrichment;
using Verdict.Tests.Support;

namespace Verdict.Tests.Enrichment;

public sealed class FeedReaderTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir.Path, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Plain_lists_guess_each_kind_refang_and_report_bad_lines_with_their_number()
    {
        var set = new IndicatorSet();
        var errors = FeedReader.Load(set, Write("iocs.txt", "# header comment\n203.0.113.7  # C2 server\n198.51.100.0/24\nevil[.]example\nhxxp://bad.example/dl.exe\n44d88612fea8a8f36de82e1278abb02f\nphish@bad.example\n\nthis is not an indicator\n"), Now);

        var error = Assert.Single(errors);
        Assert.Equal(9, error.Source.Line);
        Assert.Contains("'this'", error.Reason);
        Assert.Equal("C2 server", set.Match(new Entity(EntityKind.Ip, "203.0.113.7"))!.Description);
        Assert.NotNull(set.Match(new Entity(EntityKind.Ip, "198.51.100.42")));
        Assert.NotNull(set.Match(new Entity(EntityKind.Domain, "cdn.evil.example")));
        Assert.NotNull(set.Match(new Entity(EntityKind.Url, "http://bad.example/dl.exe")));
        Assert.NotNull(set.Match(new Entity(EntityKind.FileHash, "44D88612FEA8A8F36DE82E1278ABB02F")));
        Assert.NotNull(set.Match(new Entity(EntityKind.Email, "phish@bad.example")));
        Assert.Null(set.Match(new Entity(EntityKind.Ip, "203.0.113.8")));
        Assert.Null(set.Match(new Entity(EntityKind.Domain, "notevil.example")));
    }

    [Fact]
    public void Csv_feeds_keep_type_confidence_and_source_and_low_confidence_is_only_suspicious()
    {
        var set = new IndicatorSet();
        var errors = FeedReader.Load(set, Write("intel.csv", "type,value,confidence,source,description\nip,203.0.113.9,90,MISP,ransomware C2\ndomain,meh.example,30,OSINT,seen once\nsha256,nothex,80,X,\n"), Now);

        Assert.Equal(4, Assert.Single(errors).Source.Line);
        var hit = set.Match(new Entity(EntityKind.Ip, "203.0.113.9"))!;
        Assert.Equal((IntelVerdict.Malicious, 90, "MISP", "ransomware C2"), (hit.Verdict, hit.Confidence, hit.Source, hit.Description));
        Assert.Equal(IntelVerdict.Suspicious, set.Match(new Entity(EntityKind.Domain, "meh.example"))!.Verdict);
    }

    [Fact]
    public void Stix_indicator_bundles_load_patterns_and_skip_expired_and_revoked_indicators()
    {
        var set = new IndicatorSet();
        var errors = FeedReader.Load(set, Write("bundle.json", """
            {"type": "bundle", "id": "bundle--1", "objects": [
              {"type": "indicator", "spec_version": "2.1", "id": "indicator--a", "name": "Emotet C2", "indicator_types": ["malicious-activity"], "confidence": 85,
               "pattern": "[ipv4-addr:value = '198.51.100.66'] OR [domain-name:value = 'emotet.example']", "pattern_type": "stix"},
              {"type": "indicator", "spec_version": "2.1", "id": "indicator--b", "pattern": "[file:hashes.'SHA-256' = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa']", "pattern_type": "stix"},
              {"type": "indicator", "spec_version": "2.1", "id": "indicator--c", "valid_until": "2025-01-01T00:00:00Z", "pattern": "[ipv4-addr:value = '192.0.2.1']", "pattern_type": "stix"},
              {"type": "indicator", "spec_version": "2.1", "id": "indicator--d", "revoked": true, "pattern": "[ipv4-addr:value = '192.0.2.2']", "pattern_type": "stix"},
              {"type": "malware", "id": "malware--x", "name": "Emotet"}
            ]}
            """), Now);

        Assert.Empty(errors);
        Assert.Equal("STIX bundle.json: Emotet C2", set.Match(new Entity(EntityKind.Ip, "198.51.100.66"))!.Source);
        Assert.NotNull(set.Match(new Entity(EntityKind.Domain, "emotet.example")));
        Assert.NotNull(set.Match(new Entity(EntityKind.FileHash, new string('a', 64))));
        Assert.Null(set.Match(new Entity(EntityKind.Ip, "192.0.2.1")));
        Assert.Null(set.Match(new Entity(EntityKind.Ip, "192.0.2.2")));
    }

    [Fact]
    public void Tor_exit_lists_in_the_Tor_project_format_mark_addresses_suspicious()
    {
        var set = new IndicatorSet();
        FeedReader.Load(set, Write("exits.txt", "ExitNode 0011BD2485AD45D984EC4159C88FC066E5E3300E\nPublished 2026-10-31 10:00:00\nExitAddress 185.220.101.34 2026-10-31 10:12:00\n"), Now, torExits: true);

        var hit = set.Match(new Entity(EntityKind.Ip, "185.220.101.34"))!;
        Assert.Equal(IntelVerdict.Suspicious, hit.Verdict);
        Assert.Equal("Tor exit node", hit.Description);
    }

    [Fact]
    public void A_missing_feed_or_broken_bundle_is_an_error_naming_the_file()
    {
        var set = new IndicatorSet();
        Assert.Equal("feed file not found", Assert.Single(FeedReader.Load(set, Path.Combine(_dir.Path, "nope.txt"), Now)).Reason);
        Assert.Contains("not valid JSON", Assert.Single(FeedReader.Load(set, Write("broken.json", "{\"objects\": [\n{"), Now)).Reason);
    }
}
