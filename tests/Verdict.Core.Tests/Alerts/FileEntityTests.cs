using Verdict.Alerts;
using static Verdict.Tests.Alerts.EntityAssert;

namespace Verdict.Tests.Alerts;

public class FileEntityTests
{
    private const string Md5 = "44d88612fea8a8f36de82e1278abb02f";
    private const string Sha1 = "3395856ce81f2b7382dee72602f798b642f14140";
    private const string Sha256 = "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f";

    [Fact]
    public void Hashes_ByLength_AreLowerCasedWithTheirAlgorithm()
    {
        var found = FromText($"md5={Md5.ToUpperInvariant()} sha1:{Sha1} file {Sha256}.bin");

        Assert.Equal([Md5, Sha1, Sha256], found.Values(EntityKind.FileHash));
        Assert.Equal("md5", found.One(EntityKind.FileHash, Md5).Attribute("algorithm"));
        Assert.Equal("sha1", found.One(EntityKind.FileHash, Sha1).Attribute("algorithm"));
        Assert.Equal("sha256", found.One(EntityKind.FileHash, Sha256).Attribute("algorithm"));
    }

    [Fact]
    public void Hashes_SysmonHashesField_ReadsEachAndKnowsTheImphash()
    {
        var found = FromField("Hashes", $"SHA256={Sha256},IMPHASH={Md5}");

        Assert.Equal("sha256", found.One(EntityKind.FileHash, Sha256).Attribute("algorithm"));
        Assert.Equal("imphash", found.One(EntityKind.FileHash, Md5).Attribute("algorithm"));
    }

    [Theory]
    [InlineData("guid 3f2504e0-4f89-11d3-9a0c-0305e82c3301 dashed")]
    [InlineData("guid {3F2504E04F8911D39A0C0305E82C3301} in braces")]
    [InlineData("sha512 cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e")]
    [InlineData("hex inside a longer run: 44d88612fea8a8f36de82e1278abb02f44d8")]
    [InlineData("glued to letters x44d88612fea8a8f36de82e1278abb02fz")]
    [InlineData("a number 12345678901234567890123456789012")]
    public void NotHashes_GuidsLongerRunsAndNumbers_AreNotHashes(string text)
    {
        Assert.Empty(FromText(text).Values(EntityKind.FileHash));
    }

    [Fact]
    public void NotHashes_IdColumns_HoldIdentifiersNotDigests()
    {
        Assert.Empty(FromField("CorrelationId", Md5).Values(EntityKind.FileHash));
        Assert.Equal([Md5], FromField("md5", Md5).Values(EntityKind.FileHash));
    }

    [Fact]
    public void Paths_WindowsUncAndEnvironment_AreFilePaths()
    {
        var found = FromText(@"dropped C:\Users\bob\AppData\Local\Temp\a.dll, copied to \\fs01.acme.local\share$\x.ps1 and %APPDATA%\Microsoft\run.vbs; ran ""C:\Users\Public\My Docs\tool.exe"".");

        Assert.Equal([@"C:\Users\bob\AppData\Local\Temp\a.dll", @"\\fs01.acme.local\share$\x.ps1", @"%APPDATA%\Microsoft\run.vbs", @"C:\Users\Public\My Docs\tool.exe"],
            found.Values(EntityKind.FilePath));
        Assert.Empty(found.Values(EntityKind.Domain));
    }

    [Fact]
    public void Paths_ProgramFilesWithSpaces_StayWhole()
    {
        var found = FromText(@"loaded C:\Program Files (x86)\Vendor\agent.dll from C:\Program Files\Common Files\x.dll now");

        Assert.Equal([@"C:\Program Files (x86)\Vendor\agent.dll", @"C:\Program Files\Common Files\x.dll"], found.Values(EntityKind.FilePath));
    }

    [Fact]
    public void Paths_Unix_UnderKnownRootsOrHome()
    {
        var found = FromText("cat /etc/shadow > /tmp/.x/out.txt; cp ~/.ssh/id_rsa /dev/shm/k and/or 3/4 of https://a.example.com/etc/passwd");

        Assert.Equal(["/etc/shadow", "/tmp/.x/out.txt", "~/.ssh/id_rsa", "/dev/shm/k"], found.Values(EntityKind.FilePath));
    }

    [Fact]
    public void Paths_UncOnAnAddress_AlsoGivesTheIp()
    {
        var found = FromText(@"net use \\10.20.30.40\c$\Windows");

        Assert.Equal([@"\\10.20.30.40\c$\Windows"], found.Values(EntityKind.FilePath));
        Assert.Equal(["10.20.30.40"], found.Values(EntityKind.Ip));
    }

    [Theory]
    [InlineData("S-1-5-21-3623811015-3361044348-30300820-500", "well-known-rid:500 (built-in Administrator)", true)]
    [InlineData("S-1-5-21-3623811015-3361044348-30300820-501", "well-known-rid:501 (built-in Guest)", false)]
    [InlineData("S-1-5-21-3623811015-3361044348-30300820-502", "well-known-rid:502 (krbtgt)", true)]
    [InlineData("S-1-5-21-3623811015-3361044348-30300820-512", "well-known-rid:512 (Domain Admins)", true)]
    [InlineData("S-1-5-21-3623811015-3361044348-30300820-518", "well-known-rid:518 (Schema Admins)", true)]
    [InlineData("S-1-5-21-3623811015-3361044348-30300820-519", "well-known-rid:519 (Enterprise Admins)", true)]
    [InlineData("S-1-5-18", "well-known-sid", true)]
    [InlineData("S-1-5-32-544", "well-known-sid", true)]
    public void Sids_WellKnownRidsAndSids_AreFlagged(string sid, string tag, bool privileged)
    {
        var entity = FromText($"TargetSid {sid} changed").One(EntityKind.Sid, sid);

        entity.HasTags(tag);
        Assert.Equal(privileged, entity.HasTag("privileged"));
    }

    [Fact]
    public void Sids_DomainRid_CarriesRidNameAndDomainSid()
    {
        var sid = FromField("TargetUserSid", "s-1-5-21-1004336348-1177238915-682003330-512").One(EntityKind.Sid, "S-1-5-21-1004336348-1177238915-682003330-512");

        Assert.Equal("512", sid.Attribute("rid"));
        Assert.Equal("Domain Admins", sid.Attribute("name"));
        Assert.Equal("S-1-5-21-1004336348-1177238915-682003330", sid.Attribute("domain_sid"));
    }

    [Fact]
    public void Sids_OrdinaryAccount_IsASidWithoutTags()
    {
        var sid = FromText("S-1-5-21-1004336348-1177238915-682003330-1104 logged on").One(EntityKind.Sid, "S-1-5-21-1004336348-1177238915-682003330-1104");

        Assert.Null(sid.Tags);
    }

    [Theory]
    [InlineData("XS-1-5-18")]
    [InlineData("S-1-")]
    [InlineData("S-1-5")]
    [InlineData("S-1-5-18abc")]
    public void NotSids_Fragments_AreNotSids(string text)
    {
        Assert.Empty(FromText(text).Values(EntityKind.Sid));
    }
}
