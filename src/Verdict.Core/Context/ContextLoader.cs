using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Verdict.Context;

public sealed record ContextLoadResult(EnvironmentContext? Context, IReadOnlyList<string> Errors);

/// <summary>
/// Reads the organisation's context from YAML (or JSON, which is YAML too). Every problem is reported as
/// "file:line: what is wrong", all of them at once, so a user can fix the file in one pass.
/// </summary>
public static class ContextLoader
{
    private static readonly string[] Keys =
    [
        "organization", "headcount", "time_zone", "business_hours", "usual_countries", "usual_cities",
        "normal_logins_per_day", "privileged_accounts", "vip_accounts", "service_accounts", "known_scanners",
        "vpn_egress", "bad_ips", "approved_travel", "departed_users", "maintenance_windows", "domains", "trusted_senders", "cloud_regions", "automation_egress", "business_apps", "phishing_simulation_domains", "analyst",
    ];

    public static ContextLoadResult Load(string path)
    {
        if (!File.Exists(path)) return new(null, [$"{path}: context file not found"]);
        using var reader = File.OpenText(path);
        return Load(reader, path);
    }

    public static ContextLoadResult Load(TextReader text, string fileName)
    {
        var yaml = new YamlStream();
        try
        {
            yaml.Load(text);
        }
        catch (YamlException e)
        {
            return new(null, [$"{fileName}:{e.Start.Line}: not valid YAML: {e.Message}"]);
        }
        if (yaml.Documents.Count == 0) return new(EnvironmentContext.Default, []);
        if (yaml.Documents[0].RootNode is not YamlMappingNode root)
        {
            return new(null, [$"{fileName}:1: expected a mapping of settings (key: value) at the top level"]);
        }
        var reader = new NodeReader(fileName);
        var context = reader.Read(root);
        return reader.Errors.Count == 0 ? new(context, []) : new(null, reader.Errors);
    }

    private sealed class NodeReader(string file)
    {
        public List<string> Errors { get; } = [];

        private void Error(YamlNode node, string message) => Errors.Add($"{file}:{node.Start.Line}: {message}");

        public EnvironmentContext Read(YamlMappingNode root)
        {
            var c = EnvironmentContext.Default;
            foreach (var (keyNode, value) in root.Children)
            {
                var key = ((YamlScalarNode)keyNode).Value ?? "";
                c = key.ToLowerInvariant() switch
                {
                    "organization" => c with { Organization = Scalar(value) ?? c.Organization },
                    "headcount" => c with { Headcount = Int(value, 1) },
                    "time_zone" or "timezone" => c with { TimeZone = Zone(value) },
                    "business_hours" => c with { BusinessHours = Hours(value) },
                    "usual_countries" => c with { UsualCountries = Countries(value) },
                    "usual_cities" => c with { UsualCities = new HashSet<string>(Strings(value), StringComparer.OrdinalIgnoreCase) },
                    "normal_logins_per_day" => LoginsPerDay(c, value),
                    "privileged_accounts" => c with { PrivilegedAccounts = Users(value) },
                    "vip_accounts" => c with { VipAccounts = Users(value) },
                    "service_accounts" => c with { ServiceAccounts = Users(value) },
                    "known_scanners" => c with { KnownScanners = Ranges(value, key) },
                    "vpn_egress" => c with { VpnEgress = Ranges(value, key) },
                    "bad_ips" => c with { BadIps = Ranges(value, key) },
                    "approved_travel" => c with { ApprovedTravel = Entries(value, Travel) },
                    "departed_users" => c with { DepartedUsers = Entries(value, Departed) },
                    "maintenance_windows" => c with { MaintenanceWindows = Entries(value, Window) },
                    "domains" => c with { Domains = Lowered(value) },
                    "trusted_senders" => c with { TrustedSenders = Lowered(value) },
                    "cloud_regions" => c with { CloudRegions = Lowered(value) },
                    "automation_egress" => c with { AutomationEgress = Ranges(value, key) },
                    "business_apps" => c with { BusinessApps = Lowered(value) },
                    "phishing_simulation_domains" => c with { PhishingSimulationDomains = Lowered(value) },
                    "analyst" => c with { Analyst = Analyst(value) },
                    _ => Unknown(c, keyNode, key),
                };
            }
            return c;
        }

        private EnvironmentContext Unknown(EnvironmentContext c, YamlNode node, string key)
        {
            Error(node, $"unknown setting '{key}'; known settings: {string.Join(", ", Keys)}");
            return c;
        }

        private string? Scalar(YamlNode node)
        {
            if (node is YamlScalarNode s) return s.Value;
            Error(node, "expected a single value");
            return null;
        }

        private int? Int(YamlNode node, int min)
        {
            var s = Scalar(node);
            if (s is null) return null;
            if (int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min) return n;
            Error(node, $"expected a whole number of at least {min}, got '{s}'");
            return null;
        }

        /// <summary>A list, a single value, or nothing (an empty setting means none); each item with its node for error lines.</summary>
        private List<(YamlNode Node, string Value)> Items(YamlNode node)
        {
            switch (node)
            {
                case YamlScalarNode { Value: var one }:
                    return string.IsNullOrWhiteSpace(one) ? [] : [(node, one.Trim())];
                case YamlSequenceNode seq:
                    var list = new List<(YamlNode, string)>();
                    foreach (var item in seq)
                    {
                        if (Scalar(item) is { } s && s.Trim().Length > 0) list.Add((item, s.Trim()));
                    }
                    return list;
                default:
                    Error(node, "expected a list, e.g. [a, b]");
                    return [];
            }
        }

        private List<string> Strings(YamlNode node) => [.. Items(node).Select(i => i.Value)];

        private HashSet<string> Lowered(YamlNode node) => new(Strings(node).Select(u => u.ToLowerInvariant()), StringComparer.OrdinalIgnoreCase);

        /// <summary>The <c>analyst:</c> section: prior_log_odds, malicious_threshold, benign_threshold (probabilities in 0..1, benign below malicious).</summary>
        private AnalystSettings Analyst(YamlNode node)
        {
            if (node is not YamlMappingNode map)
            {
                Error(node, "expected analyst settings, e.g. { malicious_threshold: 0.8, benign_threshold: 0.15 }");
                return new();
            }
            var settings = new AnalystSettings();
            foreach (var (k, v) in map.Children)
            {
                var name = ((YamlScalarNode)k).Value ?? "";
                var text = Scalar(v);
                if (text is null) continue;
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x))
                {
                    Error(v, $"analyst.{name}: expected a number, got '{text}'");
                    continue;
                }
                switch (name.ToLowerInvariant())
                {
                    case "prior_log_odds": settings = settings with { PriorLogOdds = x }; break;
                    case "malicious_threshold" when x is > 0 and < 1: settings = settings with { MaliciousThreshold = x }; break;
                    case "benign_threshold" when x is > 0 and < 1: settings = settings with { BenignThreshold = x }; break;
                    case "malicious_threshold" or "benign_threshold": Error(v, $"analyst.{name}: expected a probability between 0 and 1, got '{text}'"); break;
                    default: Error(k, $"unknown analyst setting '{name}'; known: prior_log_odds, malicious_threshold, benign_threshold"); break;
                }
            }
            if (settings.BenignThreshold >= (settings.MaliciousThreshold ?? 0.8) || (settings.BenignThreshold ?? 0.15) >= settings.MaliciousThreshold)
                Error(node, "analyst.benign_threshold must be below analyst.malicious_threshold");
            return settings;
        }

        /// <summary>Account names as written, and as alerts' users are matched (<see cref="Alerts.EntityText.User"/>: "bob@acme.com" is also "bob").</summary>
        private HashSet<string> Users(YamlNode node) =>
            [.. Strings(node).SelectMany(u => new[] { u.ToLowerInvariant(), Alerts.EntityText.User(u) ?? u.ToLowerInvariant() })];

        private HashSet<string> Countries(YamlNode node)
        {
            var set = new HashSet<string>();
            foreach (var (item, s) in Items(node))
            {
                if (s.Length == 2 && s.All(char.IsAsciiLetter)) set.Add(s.ToUpperInvariant());
                else Error(item, $"'{s}' is not a two-letter ISO country code (e.g. US, GB, DE)");
            }
            return set;
        }

        private IpRangeSet Ranges(YamlNode node, string key)
        {
            var set = new IpRangeSet();
            foreach (var (item, s) in Items(node))
            {
                if (!set.TryAdd(s)) Error(item, $"'{s}' in {key} is not an IP address or CIDR range");
            }
            return set;
        }

        private TimeZoneInfo Zone(YamlNode node)
        {
            var id = Scalar(node);
            if (id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)) return zone;
            Error(node, $"unknown time zone '{id}'; use an IANA name such as America/New_York or Europe/London");
            return TimeZoneInfo.Utc;
        }

        private BusinessHours Hours(YamlNode node)
        {
            if (node is not YamlMappingNode map)
            {
                Error(node, "expected start, end and days, e.g. { start: \"07:00\", end: \"20:00\", days: [mon, tue, wed, thu, fri] }");
                return BusinessHours.Default;
            }
            var hours = BusinessHours.Default;
            foreach (var (k, v) in map.Children)
            {
                switch (((YamlScalarNode)k).Value)
                {
                    case "start": hours = hours with { Start = Time(v) ?? hours.Start }; break;
                    case "end": hours = hours with { End = Time(v) ?? hours.End }; break;
                    case "days": hours = hours with { Days = Days(v) }; break;
                    default: Error(k, $"unknown business_hours setting '{((YamlScalarNode)k).Value}'; use start, end, days"); break;
                }
            }
            if (hours.End <= hours.Start) Error(node, "business_hours end must be after start");
            return hours;
        }

        private TimeOnly? Time(YamlNode node)
        {
            var s = Scalar(node);
            if (s is not null && TimeOnly.TryParseExact(s, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)) return t;
            Error(node, $"expected a time like \"07:00\", got '{s}'");
            return null;
        }

        private HashSet<DayOfWeek> Days(YamlNode node)
        {
            var days = new HashSet<DayOfWeek>();
            foreach (var (item, s) in Items(node))
            {
                var match = Enum.GetValues<DayOfWeek>().Where(d => d.ToString().StartsWith(s, StringComparison.OrdinalIgnoreCase) && s.Length >= 2).ToList();
                if (match.Count == 1) days.Add(match[0]);
                else Error(item, $"'{s}' is not a day of the week (mon, tue, ...)");
            }
            return days;
        }

        private EnvironmentContext LoginsPerDay(EnvironmentContext c, YamlNode node)
        {
            if (node is not YamlMappingNode map)
            {
                Error(node, "expected { min: 3, max: 10 }");
                return c;
            }
            var min = map.Children.TryGetValue(new YamlScalarNode("min"), out var a) ? Int(a, 0) : c.NormalLoginsMin;
            var max = map.Children.TryGetValue(new YamlScalarNode("max"), out var b) ? Int(b, 1) : c.NormalLoginsMax;
            if (min > max) Error(node, "normal_logins_per_day min is larger than max");
            return c with { NormalLoginsMin = min ?? c.NormalLoginsMin, NormalLoginsMax = max ?? c.NormalLoginsMax };
        }

        private List<T> Entries<T>(YamlNode node, Func<YamlMappingNode, T?> read) where T : class
        {
            var list = new List<T>();
            if (node is not YamlSequenceNode seq)
            {
                Error(node, "expected a list of entries");
                return list;
            }
            foreach (var item in seq)
            {
                if (item is not YamlMappingNode map) Error(item, "expected an entry with named fields");
                else if (read(map) is { } value) list.Add(value);
            }
            return list;
        }

        private string? Field(YamlMappingNode map, string name, bool required = true)
        {
            if (map.Children.TryGetValue(new YamlScalarNode(name), out var v)) return Scalar(v);
            if (required) Error(map, $"missing '{name}'");
            return null;
        }

        private ApprovedTravel? Travel(YamlMappingNode map)
        {
            var user = Field(map, "user");
            var countries = map.Children.TryGetValue(new YamlScalarNode("countries"), out var cn) ? Countries(cn) : null;
            if (countries is null) Error(map, "missing 'countries'");
            var from = Date(map, "from");
            var to = Date(map, "to");
            if (from > to) Error(map, "travel 'from' is after 'to'");
            if (user is null || countries is null || from is null || to is null) return null;
            return new ApprovedTravel(Alerts.EntityText.User(user) ?? user.ToLowerInvariant(), countries, from.Value, to.Value, Field(map, "note", required: false) ?? "");
        }

        private DepartedUser? Departed(YamlMappingNode map)
        {
            var user = Field(map, "user");
            var left = Date(map, "left");
            if (user is null || left is null) return null;
            return new DepartedUser(Alerts.EntityText.User(user) ?? user.ToLowerInvariant(), left.Value);
        }

        private DateOnly? Date(YamlMappingNode map, string name)
        {
            var s = Field(map, name);
            if (s is null) return null;
            if (DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
            Error(map, $"'{name}' must be a date like 2026-10-29, got '{s}'");
            return null;
        }

        private MaintenanceWindow? Window(YamlMappingNode map)
        {
            var start = Instant(map, "start");
            var end = Instant(map, "end");
            if (start is null || end is null) return null;
            if (end <= start) Error(map, "maintenance window 'end' must be after 'start'");
            return new MaintenanceWindow(start.Value, end.Value, Field(map, "description", required: false) ?? "maintenance");
        }

        private DateTimeOffset? Instant(YamlMappingNode map, string name)
        {
            var s = Field(map, name);
            if (s is null) return null;
            if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)) return t;
            Error(map, $"'{name}' must be a time like 2026-10-31T06:00:00Z, got '{s}'");
            return null;
        }
    }
}
