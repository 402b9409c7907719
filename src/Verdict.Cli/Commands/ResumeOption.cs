using System.CommandLine;
using System.Security.Cryptography;
using System.Text;

namespace Verdict.Cli.Commands;

/// <summary>`triage --resume`: what makes a run the same run again (its command line and the files it reads, unchanged).</summary>
internal static class ResumeOption
{
    public static Option<bool> Create() => new("--resume")
    {
        Description = "Continue the run in --out after a crash or Ctrl-C: the model answers it already received are taken from its checkpoint, not asked again, and the reports are written whole (every alert once)",
    };

    /// <summary>A digest of the command line (without --resume) and of each file's path, size and modification time.</summary>
    public static string Fingerprint(ParseResult parse, IEnumerable<string?> files)
    {
        var text = new StringBuilder();
        foreach (var token in parse.Tokens.Where(t => t.Value != "--resume")) text.Append(token.Value).Append('\u001f');
        foreach (var file in files.OfType<string>().Distinct(StringComparer.Ordinal))
        {
            var info = new FileInfo(file);
            text.Append(info.FullName).Append('|').Append(info.Exists ? info.Length : -1).Append('|').Append(info.Exists ? info.LastWriteTimeUtc.Ticks : 0).Append('\u001f');
        }
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
