using System.Globalization;
using System.Text;
using static System.FormattableString;

namespace Verdict.Samples;

/// <param name="Seed">Seed of the single <see cref="Random"/> everything is drawn from.</param>
/// <param name="Employees">Headcount (at least 40: the scenarios need a pool of ordinary people).</param>
/// <param name="Days">Days of normal activity before the alert day.</param>
/// <param name="Alerts">Null for the hand-written demo (20 alerts); a number for scale mode.</param>
/// <param name="GzipLogs">Write auth_logs.csv.gz instead of auth_logs.csv (the bundled sample does, to stay small).</param>
public sealed record DemoOptions(int Seed = 42, int Employees = 200, int Days = 30, long? Alerts = null, bool GzipLogs = false);

public sealed record DemoSummary(int Employees, long LogEvents, long Alerts, string Directory);

/// <summary>
/// Generates "Acme Corp", a deterministic demo company: <c>auth_logs.csv</c> (30 days of normal logins from
/// 2026-10-01 plus the alert day), <c>alerts.csv</c> (one day of UEBA alerts, 2026-10-31 by default),
/// <c>labels.csv</c> (the expected decision per alert) and <c>context.yaml</c>. Same options, same bytes.
/// </summary>
public static class DemoCompany
{
    private const int MinEmployees = 40;

    public static DemoSummary Write(string outDir, DemoOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outDir);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Days, 1);
        if (options.Alerts is { } n) ArgumentOutOfRangeException.ThrowIfNegative(n, nameof(options));

        Directory.CreateDirectory(outDir);
        var rng = new Random(options.Seed);
        var alertDay = DemoClock.LogStart.AddDays(options.Days);
        var roster = new Roster(rng, Math.Max(options.Employees, MinEmployees), options.Days);
        var log = new LogBook(DemoClock.LogStart, alertDay.AddDays(1));
        Baseline.Generate(rng, roster, log, options.Days, alertDay, DemoScript.Scripted);

        long alerts = 0;
        var width = Math.Max(4, (options.Alerts ?? 0).ToString(CultureInfo.InvariantCulture).Length);
        using (var alertsCsv = Csv.Open(Path.Combine(outDir, "alerts.csv")))
        using (var labelsCsv = Csv.Open(Path.Combine(outDir, "labels.csv")))
        {
            alertsCsv.Write("alert_id,type,user,date,detail,severity,src_ip\n");
            labelsCsv.Write("alert_id,expected_decision,scenario\n");
            void Emit(DemoAlert a)
            {
                var id = "ALR-" + (++alerts).ToString("D" + width.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
                Csv.Row(alertsCsv, id, a.Type, a.User, DemoClock.Iso(a.Time), a.Detail, a.Severity, a.SrcIp);
                Csv.Row(labelsCsv, id, a.Decision, a.Scenario);
            }
            if (options.Alerts is { } count)
            {
                Baseline.Scan(rng, roster, log, alertDay); // the weekly scan also runs on the alert day
                DemoScale.Write(rng, roster, log, alertDay, count, Emit);
            }
            else
            {
                DemoScript.Demo(rng, roster, log, alertDay).ForEach(Emit);
            }
        }
        var events = log.WriteCsv(Path.Combine(outDir, options.GzipLogs ? "auth_logs.csv.gz" : "auth_logs.csv"), options.GzipLogs);
        File.WriteAllText(Path.Combine(outDir, "context.yaml"), Context(roster, alertDay), new UTF8Encoding(false));
        return new DemoSummary(roster.All.Count, events, alerts, Path.GetFullPath(outDir));
    }

    private static string Context(Roster roster, DateTime alertDay)
    {
        static string List(IEnumerable<string> items) => "[" + string.Join(", ", items) + "]";
        string Day(int offset) => DemoClock.Date(alertDay.AddDays(offset));
        var window = (Start: DemoClock.Iso(alertDay.AddHours(6)), End: DemoClock.Iso(alertDay.AddHours(9)));
        var lines = new[]
        {
            "# Acme Corp: what the analyst knows about the organisation (generated demo data).",
            "organization: Acme Corp",
            Invariant($"headcount: {roster.All.Count}"),
            "time_zone: America/New_York",
            "business_hours:",
            "  start: \"07:00\"",
            "  end: \"20:00\"",
            "  days: [mon, tue, wed, thu, fri]",
            "usual_countries: [US]",
            "usual_cities: " + List(Cities.Offices.Select(c => c.Name)),
            "normal_logins_per_day: { min: 3, max: 10 }",
            "privileged_accounts: " + List(roster.Privileged),
            "vip_accounts: " + List(roster.Vips),
            "service_accounts: [svc-backup]",
            "# Weekly authenticated vulnerability scan from the HQ data centre.",
            "known_scanners: [" + Baseline.ScannerIp + "]",
            "# Corporate VPN egress, hosted in Frankfurt: geolocates to DE.",
            "vpn_egress: [198.51.100.0/28]",
            "# Known bad / anonymising addresses from threat intel.",
            "bad_ips: [" + DemoScript.BadIp + "]",
            "approved_travel:",
            "  - { user: dave.sales, countries: [FR], from: " + Day(-2) + ", to: " + Day(3) + ", note: \"Client visit, Paris\" }",
            "  - { user: ceo.jane, countries: [GB], from: " + Day(-1) + ", to: " + Day(4) + ", note: \"Board meeting, London\" }",
            "maintenance_windows:",
            "  - { start: " + window.Start + ", end: " + window.End + ", description: \"Monthly patching\" }",
        };
        return string.Join('\n', lines) + "\n";
    }
}
