namespace Verdict.Storage;

/// <summary>Where Verdict keeps its store unless told otherwise.</summary>
public static class StorePaths
{
    public const string DataDirVariable = "VERDICT_DATA_DIR";
    public const string DatabaseFileName = "verdict.db";

    /// <summary><c>$VERDICT_DATA_DIR/verdict.db</c>, else <c>~/.local/share/verdict/verdict.db</c> (the platform's local application data folder).</summary>
    public static string DefaultDatabaseFile(Func<string, string?>? environment = null)
    {
        var configured = (environment ?? Environment.GetEnvironmentVariable)(DataDirVariable);
        var folder = !string.IsNullOrWhiteSpace(configured)
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "verdict");
        return Path.Combine(folder, DatabaseFileName);
    }
}
