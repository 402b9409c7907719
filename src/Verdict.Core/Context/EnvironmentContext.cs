namespace Verdict.Context;

public sealed record BusinessHours(TimeOnly Start, TimeOnly End, IReadOnlySet<DayOfWeek> Days)
{
    public static BusinessHours Default { get; } = new(new TimeOnly(7, 0), new TimeOnly(20, 0),
        new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday });

    public bool Contains(DateTime local) =>
        Days.Contains(local.DayOfWeek) && TimeOnly.FromDateTime(local) is var t && t >= Start && t < End;
}

public sealed record ApprovedTravel(string User, IReadOnlySet<string> Countries, DateOnly From, DateOnly To, string Note);

/// <summary>Someone who has left the organisation (context file <c>departed_users</c>): their accounts should be dead after <see cref="Left"/>.</summary>
public sealed record DepartedUser(string User, DateOnly Left);

public sealed record MaintenanceWindow(DateTimeOffset Start, DateTimeOffset End, string Description);

/// <summary>What the organisation considers normal: the facts an analyst would tell a new colleague.</summary>
public sealed record EnvironmentContext
{
    public string Organization { get; init; } = "the organisation";
    public int? Headcount { get; init; }
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;
    public BusinessHours BusinessHours { get; init; } = BusinessHours.Default;
    /// <summary>ISO country codes, upper case. Empty means "whatever the logs show".</summary>
    public IReadOnlySet<string> UsualCountries { get; init; } = new HashSet<string>();
    public IReadOnlySet<string> UsualCities { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
    public int NormalLoginsMin { get; init; } = 3;
    public int NormalLoginsMax { get; init; } = 10;
    public IReadOnlySet<string> PrivilegedAccounts { get; init; } = new HashSet<string>();
    public IReadOnlySet<string> VipAccounts { get; init; } = new HashSet<string>();
    public IReadOnlySet<string> ServiceAccounts { get; init; } = new HashSet<string>();
    public IpRangeSet KnownScanners { get; init; } = IpRangeSet.Empty;
    public IpRangeSet VpnEgress { get; init; } = IpRangeSet.Empty;
    public IpRangeSet BadIps { get; init; } = IpRangeSet.Empty;
    public IReadOnlyList<ApprovedTravel> ApprovedTravel { get; init; } = [];
    public IReadOnlyList<MaintenanceWindow> MaintenanceWindows { get; init; } = [];
    /// <summary>People who have left, with the day they left (context file <c>departed_users</c>).</summary>
    public IReadOnlyList<DepartedUser> DepartedUsers { get; init; } = [];
    /// <summary>The organisation's own e-mail and web domains (look-alikes of them are suspicious).</summary>
    public IReadOnlySet<string> Domains { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
    /// <summary>Known legitimate external senders (newsletters, vendors): domains or addresses.</summary>
    public IReadOnlySet<string> TrustedSenders { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
    /// <summary>Cloud regions the organisation uses (e.g. us-east-1, westeurope); empty means unknown.</summary>
    public IReadOnlySet<string> CloudRegions { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
    /// <summary>Addresses infrastructure automation runs from (CI runner egress, config-management VLAN): automation
    /// credentials used from a public address outside them are suspect.</summary>
    public IpRangeSet AutomationEgress { get; init; } = IpRangeSet.Empty;
    /// <summary>Internal business applications whose own pages send SQL-like text (report builders, BI query editors):
    /// host names, e.g. erp.acme.local.</summary>
    public IReadOnlySet<string> BusinessApps { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
    /// <summary>Sender domains of the organisation's own phishing-simulation campaigns (its KnowBe4, Proofpoint or Defender
    /// attack-simulation domains): an authenticated message from one is the organisation's drill.</summary>
    public IReadOnlySet<string> PhishingSimulationDomains { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
    /// <summary>Scoring settings from the context file's <c>analyst:</c> section (null values keep the defaults).</summary>
    public AnalystSettings Analyst { get; init; } = new();

    /// <summary>Sensible defaults for a run without a context file: UTC, 07:00-20:00 Monday to Friday.</summary>
    public static EnvironmentContext Default { get; } = new();

    public bool IsPrivileged(string? user) => user is not null && PrivilegedAccounts.Contains(user);
    public bool IsVip(string? user) => user is not null && VipAccounts.Contains(user);
    public bool IsServiceAccount(string? user) => user is not null && ServiceAccounts.Contains(user);

    public DateTime ToLocal(DateTimeOffset time) => TimeZoneInfo.ConvertTime(time, TimeZone).DateTime;

    public ApprovedTravel? TravelApproval(string user, string country, DateTimeOffset time)
    {
        var day = DateOnly.FromDateTime(ToLocal(time));
        var who = Alerts.EntityText.User(user) ?? user;
        return ApprovedTravel.FirstOrDefault(t => (t.User == user || t.User == who) && t.Countries.Contains(country) && day >= t.From && day <= t.To);
    }

    /// <summary>The departure of the account's owner when the time is after the day they left (the same user matching rules as travel).</summary>
    public DepartedUser? DepartedBy(string? user, DateTimeOffset? time)
    {
        if (user is null || time is not { } t) return null;
        var day = DateOnly.FromDateTime(ToLocal(t));
        var who = Alerts.EntityText.User(user) ?? user;
        return DepartedUsers.FirstOrDefault(d => (d.User == user || d.User == who) && day > d.Left);
    }

    public MaintenanceWindow? MaintenanceAt(DateTimeOffset time) =>
        MaintenanceWindows.FirstOrDefault(w => time >= w.Start && time < w.End);
}

/// <summary>Overrides of the offline analyst's scoring from the context file: prior log-odds and the two thresholds.</summary>
public sealed record AnalystSettings(double? PriorLogOdds = null, double? MaliciousThreshold = null, double? BenignThreshold = null);
