using System.Text;
using Verdict.Alerts;
using Verdict.Context;
using Verdict.Ingest;
using Verdict.Pipeline;
using Verdict.Tests.Support;

namespace Verdict.Tests.Ingest;

/// <summary>Raw text alerts: one per line (or one for the whole text), entities and time found in the text.</summary>
public class TextAlertReaderTests
{
    private static readonly EnvironmentContext Context = EnvironmentContext.Default;

    private static List<ParseResult<Alert>> Stdin(string text, bool whole = false) =>
        [.. InputFiles.ReadAlerts(InputFiles.Stdin, Context, () => TestData.Stream(text), wholeText: whole)];

    [Fact]
    public void Each_non_blank_line_is_an_alert_with_its_entities_and_time()
    {
        const string Text = "2026-11-20 06:18:00 UTC sshd: 30 failed logins for ACME\\bob from 185.220.101.34\n\n" +
                            "EDR: C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe -enc SQBFAFgA on 10.0.4.12, hash 44d88612fea8a8f36de82e1278abb02f\r\n";

        var results = Stdin(Text);

        Assert.Equal(2, results.Count);
        var (ssh, edr) = (results[0].Value!, results[1].Value!);
        Assert.Equal((TextAlertReader.Rule, "stdin-1", 1L), (ssh.Rule, ssh.Id, ssh.Source.Line));
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 6, 18, 0, TimeSpan.Zero), ssh.Time);
        Assert.Equal(("bob", "185.220.101.34"), (ssh.User, ssh.SourceIp));
        Assert.Equal(3L, edr.Source.Line);
        Assert.Null(edr.Time);
        Assert.Contains(edr.Entities, e => e.Kind == EntityKind.FileHash && e.Value == "44d88612fea8a8f36de82e1278abb02f");
        Assert.Contains(edr.Entities, e => e.Value.EndsWith(@"\v1.0\powershell.exe", StringComparison.Ordinal));
        Assert.Equal("10.0.4.12", edr.SourceIp);
        Assert.EndsWith("44d88612fea8a8f36de82e1278abb02f", edr.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Whole_text_is_one_alert()
    {
        var results = Stdin("Phishing report from alice@acme.example\nLink: hxxps://evil[.]example/login\nSent 2026-11-20T09:10:00Z\n", whole: true);

        var alert = Assert.Single(results).Value!;
        Assert.Contains(alert.Entities, e => e.Kind == EntityKind.Url && e.Value.StartsWith("https://evil.example", StringComparison.Ordinal));
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 9, 10, 0, TimeSpan.Zero), alert.Time);
    }

    [Fact]
    public void Binary_and_oversized_lines_are_errors_at_their_line_and_the_rest_is_read()
    {
        var path = Path.GetTempFileName() + ".log";
        try
        {
            var bytes = new List<byte>();
            bytes.AddRange(Encoding.UTF8.GetBytes("first alert from 192.0.2.1\n"));
            bytes.AddRange([0x00, 0x01, 0xff, 0xfe, (byte)'\n']);
            bytes.AddRange(Encoding.UTF8.GetBytes(new string('a', TextAlertReader.MaxLineBytes + 10) + "\n"));
            bytes.AddRange(Encoding.UTF8.GetBytes("last alert from 192.0.2.4"));
            File.WriteAllBytes(path, [.. bytes]);

            var results = InputFiles.ReadAlerts(path, Context, () => Stream.Null).ToList();

            Assert.Equal(4, results.Count);
            Assert.Equal("192.0.2.1", results[0].Value!.SourceIp);
            Assert.Equal((2L, "binary content (not UTF-8 text); not read"), (results[1].Error!.Source.Line, results[1].Error!.Reason));
            Assert.Equal(3L, results[2].Error!.Source.Line);
            Assert.Contains("line longer than", results[2].Error!.Reason, StringComparison.Ordinal);
            Assert.Equal(("192.0.2.4", 4L), (results[3].Value!.SourceIp, results[3].Value!.Source.Line));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Stdin_with_a_CSV_header_is_still_CSV()
    {
        var results = Stdin("type,user,src_ip\nbrute_force,bob,185.220.101.34\n");

        Assert.Equal("brute_force", Assert.Single(results).Value!.Rule);
    }
}
