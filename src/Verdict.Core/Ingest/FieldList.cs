namespace Verdict.Ingest;

/// <summary>
/// Lookups on a record's flattened fields for the readers that add fields after flattening (<see cref="VendorShapes"/>):
/// one definition instead of a private copy in each reader.
/// </summary>
internal static class FieldList
{
    /// <summary>The trimmed value of the first field with exactly this name (case ignored); null when absent or blank.</summary>
    public static string? Value(IReadOnlyList<KeyValuePair<string, string>> fields, string name)
    {
        foreach (var (key, value) in fields)
        {
            if (key.Equals(name, StringComparison.OrdinalIgnoreCase)) return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        }
        return null;
    }

    /// <summary>Adds a field unless the value is null or the record already has a value under that name.</summary>
    public static void AddIfAbsent(List<KeyValuePair<string, string>> fields, string name, string? value)
    {
        if (value is not null && Value(fields, name) is null) fields.Add(new(name, value));
    }
}
