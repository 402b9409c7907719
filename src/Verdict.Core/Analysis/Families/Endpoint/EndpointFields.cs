using Verdict.Alerts;
using Verdict.Ingest;

namespace Verdict.Analysis.Families.Endpoint;

/// <summary>
/// The process facts endpoint evidence needs, read from where EDR products nest them when the alert's own columns
/// lack them (the general ingest fills them first; these only fill gaps), by the vendors' documented names:
/// Microsoft Graph security alerts (alerts_v2) carry the process in <c>evidence[]</c> (processEvidence:
/// <c>processCommandLine</c>, <c>imageFile</c>, <c>parentProcessImageFile</c>, <c>userAccount.accountName</c>;
/// ipEvidence: <c>ipAddress</c>; deviceEvidence: <c>deviceDnsName</c>); the SentinelOne threats API carries it in
/// <c>threatInfo</c> (<c>filePath</c>, <c>originatorProcess</c>, <c>commandLineArguments</c>); the Splunk webhook alert
/// action nests the search result's Sysmon fields in <c>result</c> (<c>Image</c>, <c>CommandLine</c>, <c>ParentImage</c>).
/// The parent's command line, the signature and the host's address, wherever a product puts them, are added under the
/// names the evidence reads (<see cref="EndpointVendorNames"/>).
/// </summary>
public static class EndpointFields
{
    public static Alert Read(Alert a)
    {
        var image = InFolder(a) ?? a.Process ?? Path(a, ".imagefile.filepath", ".imagefile.filename") ?? a.Raw("threatinfo.filepath", "result.image")
            ?? SentinelImage(a, "");
        var args = a.Raw("threatinfo.commandlinearguments");
        var command = a.CommandLine ?? Suffix(a, ".processcommandline") ?? a.Raw("result.commandline", "action_process_image_command_line")
            ?? (args is null ? null : $"{a.Raw("threatinfo.originatorprocess") ?? image ?? ""} {args}".Trim());
        var read = a with
        {
            CommandLine = command,
            Process = image,
            ParentProcess = a.ParentProcess ?? Path(a, ".parentprocessimagefile.filepath", ".parentprocessimagefile.filename") ?? a.Raw("result.parentimage")
                ?? a.Raw("actor_process_image_path", "actor_process_image_name") ?? SentinelImage(a, ".parentprocess"),
            User = a.User ?? Suffix(a, ".useraccount.accountname"),
            Host = a.Host ?? Suffix(a, ".devicednsname"),
            SourceIp = a.SourceIp ?? Suffix(a, ".ipaddress"),
        };
        return EndpointVendorNames.Complete(read);
    }

    /// <summary>
    /// A process path that is only its folder ("\Device\HarddiskVolume3\Windows\System32\", as CrowdStrike's
    /// <c>FilePath</c> gives it) completed by the record's file name (<c>FileName</c>): the program itself, not a folder.
    /// </summary>
    private static string? InFolder(Alert a) =>
        a.Process is { } folder && (folder.EndsWith('\\') || folder.EndsWith('/')) && a.Raw("filename") is { } file
        && file.IndexOfAny(['\\', '/']) < 0 ? folder + file : null;

    /// <summary>The image of a Sentinel process entity ("Entities.N[.ParentProcess].ImageFile": Directory + Name).</summary>
    private static string? SentinelImage(Alert a, string which)
    {
        foreach (var (key, value) in a.Fields)
        {
            if (string.IsNullOrWhiteSpace(value) || !key.StartsWith("Entities.", StringComparison.OrdinalIgnoreCase)
                || !key.EndsWith(which + ".ImageFile.Name", StringComparison.OrdinalIgnoreCase)) continue;
            var prefix = key[..^"Name".Length];
            // The process entity itself, not its parent's image, when the parent is not asked for.
            if (which.Length == 0 && key.Contains(".ParentProcess.", StringComparison.OrdinalIgnoreCase)) continue;
            var dir = a.Fields.FirstOrDefault(f => f.Key.Equals(prefix + "Directory", StringComparison.OrdinalIgnoreCase)).Value;
            return string.IsNullOrWhiteSpace(dir) ? value.Trim() : dir.Trim().TrimEnd('\\') + "\\" + value.Trim();
        }
        return null;
    }

    /// <summary>The folder and file name of a Graph fileDetails object ("C:\Windows\System32\" + "reg.exe").</summary>
    private static string? Path(Alert a, string folder, string file) =>
        Suffix(a, file) is { } name ? (Suffix(a, folder) is { } dir ? dir.TrimEnd('\\') + "\\" + name : name) : null;

    /// <summary>The first non-empty field whose normalised name ends with this dotted suffix (any evidence[] index).</summary>
    internal static string? Suffix(Alert a, string suffix)
    {
        foreach (var (key, value) in a.Fields)
        {
            if (!string.IsNullOrWhiteSpace(value) && FieldNames.Normalize(key).EndsWith(suffix, StringComparison.Ordinal)) return value.Trim();
        }
        return null;
    }
}
