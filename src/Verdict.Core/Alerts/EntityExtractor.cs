using Verdict.Alerts.Extraction;
using Verdict.Ingest;

namespace Verdict.Alerts;

/// <summary>
/// Finds the entities of an alert in its recognised fields and in every raw field: users (DOMAIN\user, UPN, plain),
/// hosts, IPv4/IPv6 addresses with their range, domains, URLs, emails, MD5/SHA-1/SHA-256 hashes, file paths, SIDs
/// (well-known RIDs flagged), and processes with their command lines. Defanged indicators (hxxp, [.], [@]) are
/// refanged first and tagged "defanged". The result holds each kind and value once, grouped by kind
/// (user, host, ip, domain, url, email, file_hash, file_path, process, sid) in the order first seen,
/// recognised fields before raw ones; the same input always gives the same list.
/// </summary>
public static class EntityExtractor
{
    public static IReadOnlyList<Entity> Extract(Alert alert) => Extract(EntityInput.From(alert));

    public static IReadOnlyList<Entity> Extract(EntityInput input)
    {
        var run = new Run();
        run.Read(CanonicalField.User, input.User);
        run.Read(CanonicalField.Host, input.Host);
        run.Read(CanonicalField.SourceIp, input.SourceIp);
        run.Read(CanonicalField.DestinationIp, input.DestinationIp);
        run.Read(CanonicalField.Process, input.Process);
        run.Read(CanonicalField.ParentProcess, input.ParentProcess);
        run.Read(CanonicalField.CommandLine, input.CommandLine);
        run.Read(CanonicalField.Description, input.Description);
        foreach (var (name, value) in input.Fields)
        {
            // Version columns (Sysmon FileVersion "10.0.0.1") hold no entities, only look-alikes.
            if (FieldNames.Normalize(name).Contains("version", StringComparison.Ordinal)) continue;
            if (FieldNames.Recognize(name) is { } field) run.Read(field, value, name);
            else run.Text(value, TextRules.ForField(FieldNames.Normalize(name)));
        }
        return run.Finish();
    }

    /// <summary>The entities of an incident: each kind and value once, in the order first seen across its alerts; repeats add their tags and attributes.</summary>
    public static IReadOnlyList<Entity> Merge(IEnumerable<IReadOnlyList<Entity>> perAlert)
    {
        var set = new EntitySet();
        foreach (var list in perAlert)
        {
            foreach (var entity in list) set.Add(entity);
        }
        return set.InFirstSeenOrder();
    }

    /// <summary>One extraction: typed values go straight in; free text waits until every process image is known.</summary>
    private sealed class Run
    {
        private readonly EntitySet _set = new();
        private readonly ProcessImages _images = new();
        private readonly List<(string Text, TextRules Rules)> _texts = [];

        public void Read(CanonicalField field, string? value, string? name = null)
        {
            if (FieldValues.IsBlank(value)) return;
            var v = value!;
            switch (field)
            {
                case CanonicalField.User: Add(FieldValues.User(v)); break;
                case CanonicalField.Host: Add(FieldValues.Host(v)); break;
                case CanonicalField.SourceIp or CanonicalField.DestinationIp:
                    if (IpScanner.ParseValue(Refanged(v, out var tags), tags) is { } ip) _set.Add(ip);
                    else Text(v, TextRules.All);
                    break;
                case CanonicalField.Process or CanonicalField.ParentProcess: AddProcess(FieldValues.Process(v, field == CanonicalField.ParentProcess)); break;
                case CanonicalField.CommandLine: AddCommandLine(v); break;
                case CanonicalField.Domain: AddDomain(v); break;
                case CanonicalField.Id or CanonicalField.Time or CanonicalField.Severity or CanonicalField.Tags or CanonicalField.Result
                    or CanonicalField.Location or CanonicalField.Country or CanonicalField.City or CanonicalField.Latitude
                    or CanonicalField.Longitude or CanonicalField.UserAgent:
                    break;
                default: Text(v, name is null ? TextRules.All : TextRules.ForField(FieldNames.Normalize(name))); break;
            }
        }

        public void Text(string? text, TextRules rules)
        {
            if (!string.IsNullOrWhiteSpace(text)) _texts.Add((text, rules));
        }

        public Entity[] Finish()
        {
            var seen = new HashSet<(string, TextRules)>();
            foreach (var item in _texts)
            {
                if (seen.Add(item)) FreeText.Scan(item.Text, _set, _images, item.Rules);
            }
            return _set.ByKind();
        }

        private void Add(Entity? entity)
        {
            if (entity is not null) _set.Add(entity);
        }

        private void AddProcess(Entity? process)
        {
            if (process is null) return;
            _set.Add(process);
            _images.Add(process.Value);
        }

        /// <summary>The command line goes to the process it runs (one already named by a process field, else a new one), then is read as text.</summary>
        private void AddCommandLine(string commandLine)
        {
            var line = commandLine.Trim();
            if (FieldValues.FirstProgram(line) is { } image)
            {
                var owner = _set.Items.FirstOrDefault(e => e.Kind == EntityKind.Process && !e.HasTag("parent") && FieldValues.SameProgram(e.Value, image))
                    ?? _set.Items.FirstOrDefault(e => e.Kind == EntityKind.Process && FieldValues.SameProgram(e.Value, image));
                AddProcess(new Entity(EntityKind.Process, owner?.Value ?? image, null, new Dictionary<string, string> { ["command_line"] = line }));
                _images.Add(image);
            }
            Text(line, TextRules.All);
        }

        private void AddDomain(string value)
        {
            var text = Refanged(value.Trim(), out var tags);
            if (IpScanner.ParseValue(text, tags) is { } ip) _set.Add(ip);
            else if (DomainNames.Normalize(text, listedTld: false) is { } domain)
            {
                _set.Add(new Entity(EntityKind.Domain, domain, DomainNames.IsInternal(domain) ? [.. tags ?? [], "internal"] : tags));
            }
            else Text(value, TextRules.All);
        }

        private static string Refanged(string value, out IReadOnlyList<string>? tags)
        {
            var (text, rewritten) = Refanger.Refang(value);
            tags = rewritten is null ? null : [Refanger.DefangedTag];
            return text;
        }
    }
}
