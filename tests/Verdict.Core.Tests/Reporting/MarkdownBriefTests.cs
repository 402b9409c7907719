using System.Text.RegularExpressions;
using Verdict.Context;
using Verdict.Pipeline;
using Verdict.Reporting;
using Verdict.Tests.Support;

namespace Verdict.Tests.Reporting;

public partial class MarkdownBriefTests
{
    private static readonly EnvironmentContext Context = EnvironmentContext.Default with { TimeZone = TestData.NewYork };

    [Theory]
    [InlineData("a | b", @"a \| b")]
    [InlineData("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;")]
    [InlineData("run `rm -rf`", @"run \`rm -rf\`")]
    [InlineData("[link](x)", @"\[link\](x)")]
    [InlineData("line1\nline2\r\nline3", "line1 line2  line3")]
    [InlineData("**bold** _it_ # h ![img] & co", @"\*\*bold\*\* \_it\_ \# h \!\[img\] &amp; co")]
    [InlineData("tab\there\u0007", "tab here ")]
    public void Esc_NeutralisesMarkdownAndHtml(string input, string expected) => Assert.Equal(expected, MarkdownBrief.Esc(input));

    private static string RenderHostileAlert()
    {
        const string csv = "alert_id,type,user,date,detail,severity\n"
            + "EVIL-1,\"login | <b>x</b>\",bob,2026-10-31T06:00:00Z,\"pwn | <img src=x onerror=alert(1)>\n# heading\",high\n";
        var result = TriageHelper.Run(csv, [], Context);
        var incident = Assert.Single(result.Incidents);
        return MarkdownBrief.Render(incident, result.Alerts, Context, result.GeneratedAt);
    }

    [Fact]
    public void Render_HostileDescription_ContainsNoRawHtml()
    {
        var md = RenderHostileAlert();

        Assert.DoesNotContain("<img", md);
        Assert.DoesNotContain("<b>", md);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", md);
        Assert.DoesNotContain("\n# heading", md);
    }

    [Fact]
    public void Render_HostileText_CannotAddTableColumns()
    {
        var lines = RenderHostileAlert().Split('\n');

        // Every row of a table has as many unescaped pipes as the table's header row.
        int? width = null;
        foreach (var line in lines)
        {
            if (!line.StartsWith('|')) { width = null; continue; }
            var pipes = UnescapedPipe().Count(line);
            width ??= pipes;
            Assert.True(width == pipes, $"row breaks its table: {line}");
        }
    }

    [Fact]
    public void Render_ShowsVerdictDecisionAndIncidentHeader()
    {
        var md = RenderHostileAlert();

        Assert.StartsWith("# INC-0001: ", md);
        Assert.Contains("| Incident | INC-0001 |", md);
        Assert.Contains("| User | bob |", md);
        Assert.Contains("| Generated | 2026-11-01 08:30 UTC |", md);
        Assert.Contains("## Questions for the analyst", md);
        Assert.Contains("## Timeline (America/New_York)", md);
    }

    [Fact]
    public void FileName_IsGenerationTimeAndIncidentId()
    {
        var result = TriageHelper.Run("type,user,date\nlogin,bob,2026-10-31T06:00:00Z\n", [], Context);

        Assert.Equal("20261101-083000-INC-0001.md", MarkdownBrief.FileName(result.Incidents[0], result.GeneratedAt));
    }

    [Theory]
    [InlineData(Verdict.Policy.Decision.Escalate, "ESCALATE")]
    [InlineData(Verdict.Policy.Decision.Monitor, "MONITOR")]
    [InlineData(Verdict.Policy.Decision.AutoClose, "AUTO-CLOSE")]
    public void DecisionWord_IsUpperCase(Verdict.Policy.Decision decision, string expected) =>
        Assert.Equal(expected, MarkdownBrief.DecisionWord(decision));

    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex UnescapedPipe();
}
