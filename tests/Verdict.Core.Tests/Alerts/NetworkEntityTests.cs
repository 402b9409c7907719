using Verdict.Alerts;
using static Verdict.Tests.Alerts.EntityAssert;

namespace Verdict.Tests.Alerts;

public class NetworkEntityTests
{
    [Theory]
    [InlineData("10.1.2.3", "private")]
    [InlineData("172.16.0.9", "private")]
    [InlineData("172.31.255.1", "private")]
    [InlineData("192.168.1.20", "private")]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("169.254.10.10", "link-local")]
    [InlineData("100.64.0.1", "cgnat")]
    [InlineData("100.127.255.254", "cgnat")]
    [InlineData("192.0.2.15", "documentation")]
    [InlineData("198.51.100.7", "documentation")]
    [InlineData("203.0.113.200", "documentation")]
    [InlineData("224.0.0.251", "multicast")]
    [InlineData("240.0.0.1", "reserved")]
    [InlineData("255.255.255.255", "broadcast")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("0.1.2.3", "reserved")]
    [InlineData("185.220.101.34", "public")]
    [InlineData("172.32.0.1", "public")]
    [InlineData("100.128.0.1", "public")]
    public void Ipv4_InText_IsFoundWithItsRange(string ip, string range)
    {
        var entity = FromText($"connection from {ip} was blocked").One(EntityKind.Ip, ip);

        entity.HasTags(range);
        Assert.Equal(range == "public", entity.HasTag("public"));
    }

    [Theory]
    [InlineData("2001:DB8:0:0:0:0:0:1", "2001:db8::1", "documentation")]
    [InlineData("[2001:db8::42]:443", "2001:db8::42", "documentation")]
    [InlineData("::1", "::1", "loopback")]
    [InlineData("fe80::1ff:fe23:4567:890a%eth0", "fe80::1ff:fe23:4567:890a", "link-local")]
    [InlineData("fd12:3456:789a:1::1", "fd12:3456:789a:1::1", "unique-local")]
    [InlineData("ff02::1", "ff02::1", "multicast")]
    [InlineData("2606:4700:4700::1111", "2606:4700:4700::1111", "public")]
    [InlineData("::ffff:192.168.1.5", "::ffff:192.168.1.5", "private")]
    public void Ipv6_CompressedBracketedZonedAndMapped_IsCanonicalWithItsRange(string written, string canonical, string range)
    {
        var found = FromText($"peer {written} reset the session.");

        found.One(EntityKind.Ip, canonical).HasTags(range);
        Assert.Single(found.Values(EntityKind.Ip));
    }

    [Fact]
    public void Ipv6_ZoneId_IsAnAttributeNotPartOfTheValue()
    {
        var ip = FromText("neighbour fe80::1%eth0 answered").One(EntityKind.Ip, "fe80::1");

        Assert.Equal("eth0", ip.Attribute("zone"));
    }

    [Fact]
    public void Ipv6_MappedIpv4_IsNotAlsoReportedAsIpv4()
    {
        var found = FromText("client ::ffff:203.0.113.9 connected");

        Assert.Equal(["::ffff:203.0.113.9"], found.Values(EntityKind.Ip));
        found.One(EntityKind.Ip, "::ffff:203.0.113.9").HasTags("ipv4-mapped", "documentation");
    }

    [Theory]
    [InlineData("agent version 1.2.3.4 installed")]
    [InlineData("build 10.0.19041.1 of 1.2.3.4.5")]
    [InlineData("Mozilla/5.0 Chrome/120.0.0.0 Safari/537.36")]
    [InlineData("at 06:18:25 and 2026-10-31T06:18:25Z")]
    [InlineData("MAC 00:1a:2b:3c:4d:5e, std::string, 12:30:45")]
    [InlineData("[Math]::Add(1) and Abc::Def and [Convert]::FromBase64String")]
    [InlineData("saved as 10.0.0.1.txt and 999.1.1.1")]
    public void NotAddresses_VersionsTimestampsMacsAndFileNames_AreNotIps(string text)
    {
        Assert.Empty(FromText(text).Values(EntityKind.Ip));
    }

    [Fact]
    public void NotAddresses_VersionColumns_AreNotRead()
    {
        Assert.Empty(EntityExtractor.Extract(new EntityInput { Fields = [new("FileVersion", "2.0.0.0"), new("agent_version", "10.1.1.7")] }));
    }

    [Fact]
    public void Ipv4_WithPortCidrOrSentenceEnd_IsStillFound()
    {
        var found = FromText("Flows 10.0.0.5:445, 10.9.0.0/16 and finally 8.8.8.8.");

        Assert.Equal(["10.0.0.5", "10.9.0.0", "8.8.8.8"], found.Values(EntityKind.Ip));
    }

    [Fact]
    public void Ipv4_LeadingZeros_AreDecimalNotOctal()
    {
        Assert.Equal(["10.0.0.8"], FromText("src=010.000.000.008").Values(EntityKind.Ip));
    }

    [Fact]
    public void Url_KeepsQueryStripsTrailingPunctuationAndGivesItsDomain()
    {
        var found = FromText("User clicked https://Login.Example-Bank.com/verify?id=42&next=%2Fhome, then (see http://intranet.acme.local/wiki/Page_(x)).");

        Assert.Equal(["https://login.example-bank.com/verify?id=42&next=%2Fhome", "http://intranet.acme.local/wiki/Page_(x)"], found.Values(EntityKind.Url));
        Assert.Equal(["login.example-bank.com", "intranet.acme.local"], found.Values(EntityKind.Domain));
    }

    [Fact]
    public void Url_WithAnIpHostOrFtp_GivesTheIp()
    {
        var found = FromText("payload from ftp://203.0.113.5/drop/a.bin and http://[2001:db8::7]:8080/x");

        Assert.Equal(["ftp://203.0.113.5/drop/a.bin", "http://[2001:db8::7]:8080/x"], found.Values(EntityKind.Url));
        Assert.Equal(["203.0.113.5", "2001:db8::7"], found.Values(EntityKind.Ip));
        Assert.Empty(found.Values(EntityKind.Domain));
    }

    [Fact]
    public void Defanged_UrlDomainIpAndEmail_AreRefangedAndTagged()
    {
        var found = FromText("IOCs: hxxps[:]//evil-cdn[.]com/p.php?q=1 , 185.220.101[.]34 , bad(dot)example(dot)org , phish[@]evil-cdn[.]com , fxp://files[.]example[.]net/x");

        found.One(EntityKind.Url, "https://evil-cdn.com/p.php?q=1").HasTags("defanged");
        found.One(EntityKind.Domain, "evil-cdn.com").HasTags("defanged");
        found.One(EntityKind.Ip, "185.220.101.34").HasTags("defanged", "public");
        found.One(EntityKind.Domain, "bad.example.org").HasTags("defanged");
        found.One(EntityKind.Email, "phish@evil-cdn.com").HasTags("defanged");
        found.One(EntityKind.Url, "ftp://files.example.net/x").HasTags("defanged");
    }

    [Fact]
    public void Defanged_WordForms_WithSpaces_AreRefanged()
    {
        var found = FromText("reach out to admin [at] evil [dot] com or hxxp://evil{.}com");

        found.One(EntityKind.Email, "admin@evil.com").HasTags("defanged");
        found.One(EntityKind.Url, "http://evil.com").HasTags("defanged");
    }

    [Fact]
    public void NotDefanged_PlainIndicators_CarryNoDefangedTag()
    {
        var found = FromText("beacon to http://evil.com/a from 8.8.4.4");

        Assert.All(found, e => Assert.False(e.HasTag("defanged"), e.ToString()));
    }

    [Fact]
    public void Domain_InFreeText_NeedsAKnownTldAndIsNotAFileName()
    {
        var found = FromText("svchost.exe wrote report.pdf and install.sh, System.Net.WebClient fetched update.microsoft.com; see cdn.evil.xyz. Also README.md and archive.zip.");

        Assert.Equal(["update.microsoft.com", "cdn.evil.xyz"], found.Values(EntityKind.Domain));
    }

    [Fact]
    public void Domain_FileNamesInFileColumnsOrNamedByTheProcess_AreNotDomains()
    {
        var found = EntityExtractor.Extract(new EntityInput
        {
            CommandLine = "chcp.com 65001",
            Fields = [new("OriginalFileName", "CHCP.COM"), new("TargetFilename", "invoice.com"), new("note", "also see evil.com")],
        });

        Assert.Equal(["evil.com"], found.Values(EntityKind.Domain));
        Assert.Equal(["chcp.com"], found.Values(EntityKind.Process));
    }

    [Fact]
    public void Domain_FileExtensionTld_CountsWhenDefangedOrInAUrlOrDomainField()
    {
        Assert.Equal(["evil.zip"], FromText("lure at evil[.]zip").Values(EntityKind.Domain));
        Assert.Equal(["setup.sh"], FromText("curl https://setup.sh/install").Values(EntityKind.Domain));
        Assert.Equal(["files.mov"], FromField("dns_query", "files.mov").Values(EntityKind.Domain));
    }

    [Fact]
    public void Email_InFreeTextIsAnEmail_InAUserFieldIsAUpn()
    {
        var found = EntityExtractor.Extract(new EntityInput
        {
            User = "Carol.Jones@Acme.com",
            Description = "Mail from Dave.Smith+ops@partner.example.org to carol.jones@acme.com",
        });

        var user = found.One(EntityKind.User, "carol.jones");
        user.HasTags("upn");
        Assert.Equal("carol.jones@acme.com", user.Attribute("upn"));
        Assert.Equal(["dave.smith+ops@partner.example.org", "carol.jones@acme.com"], found.Values(EntityKind.Email));
        Assert.Empty(found.Values(EntityKind.Domain));
    }

    [Fact]
    public void IpFields_ValuesWithPortsOrLists_AreRead()
    {
        var found = EntityExtractor.Extract(new EntityInput
        {
            SourceIp = "[2001:db8::1]:51514",
            DestinationIp = "10.0.0.7:443",
            Fields = [new("x_forwarded_for", "198.51.100.1, 203.0.113.2")],
        });

        Assert.Equal(["2001:db8::1", "10.0.0.7", "198.51.100.1", "203.0.113.2"], found.Values(EntityKind.Ip));
    }
}
