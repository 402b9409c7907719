namespace Verdict.Analysis;

/// <summary>The outcome of weighing evidence: P(malicious), the classification, a confidence and ranked hypotheses.</summary>
public sealed record Scored(double MaliciousProbability, Classification Classification, double Confidence, IReadOnlyList<Hypothesis> Hypotheses);

/// <summary>A candidate explanation and the evidence keys that specifically support it.</summary>
public sealed record HypothesisTemplate(string Id, string Title, Leaning Kind, IReadOnlySet<string> Keys);

/// <summary>
/// Naive-Bayes style scoring. Log-odds of malicious = prior + Σ signed evidence weights; P = logistic(log-odds).
/// MALICIOUS when P ≥ the malicious threshold; BENIGN when P ≤ the benign threshold and no strong malicious
/// evidence exists (strong evidence cannot be outvoted); otherwise SUSPICIOUS: uncertain is never BENIGN.
/// One-sided evidence is also BENIGN up to twice the benign threshold: nothing points to malice (a detector rating of
/// medium or below aside) and something points away from it; a detector's high or critical rating keeps such a case
/// open unless the benign evidence explains the alert (<see cref="IsExplanation"/>).
/// An alert that names a threat is never closed by circumstantial evidence alone (<see cref="HeldOpen"/>).
/// Each side's probability is shared among its hypotheses in proportion to e^(weight of their own evidence).
/// Confidence is how far the evidence moves the verdict from a coin toss, discounted when there is little of it
/// and the evidence is mixed; one-sided evidence is not discounted (nothing contradicts it).
/// </summary>
public static class HypothesisScorer
{
    /// <summary>Benign evidence that is an absence of findings or a weak hint, not an explanation of why the detector fired.</summary>
    public static readonly IReadOnlySet<string> NotAnExplanation = new HashSet<string>
    {
        "no_attack_payload", "no_malicious_command", "no_phishing_indicators", "detector_severity", "intel_clean", "usual_region", "sandbox_clean", "known_ips", "usual_location",
    };

    /// <summary>
    /// Benign evidence that describes only where an alert came from, who is involved, when, how the sender or caller
    /// authenticated, or that nothing was found: an attack on a product Verdict has never seen looks exactly like this
    /// (a compromised internal machine, an administrator's stolen session, a signed loader, a real mailbox).
    /// </summary>
    public static readonly IReadOnlySet<string> Circumstantial = new HashSet<string>
    {
        // where
        "internal_source", "corporate_source", "own_network", "corporate_network", "vpn_egress", "usual_region", "usual_location", "known_ips",
        "feasible_travel", "internal_authenticated", "links_to_sender_domain", "own_host", "automation_egress", "automation_source",
        // who, when, how authenticated
        "admin_tool_by_admin", "admin_in_hours", "engineer_in_hours", "service_account", "automation_principal", "automation_verified", "signed_vendor", "sender_reputation_good",
        "usual_hours", "business_hours", "auth_pass", "mfa_used",
        // a change or maintenance window says when changes were allowed, not that this activity was one of them
        // (an exploit or credential theft in the patch window, run from an administrator's account, is still one)
        "change_window", "maintenance_window",
        // nothing found
        "no_attack_payload", "no_malicious_command", "no_phishing_indicators", "intel_clean", "sandbox_clean", "detector_severity",
        // nothing came of it (stopped, or the path isn't there): says nothing about what the alert named
        "nothing_served",
    };

    /// <summary>
    /// The closure guard: when the alert names a threat (<c>threat_named</c>, see CommonEvidence.ThreatNamed), or a cloud
    /// product rated it high or critical (<c>rated_high</c>, context: a product that rates its own anomaly that high claims
    /// more than an anomaly), or it is a cloud account or privilege change outside business hours (<c>off_hours_account_change</c>),
    /// and every piece of benign evidence is <see cref="Circumstantial"/>, the alert is not closed;
    /// the evidence that says why is returned. Null when the guard does not hold the alert open.
    /// </summary>
    public static Evidence? HeldOpen(IReadOnlyList<Evidence> evidence)
    {
        var benign = evidence.Where(e => e.Supports == Leaning.Benign).Select(e => Kind(e.Key)).ToList();
        if (!benign.All(Circumstantial.Contains)) return null;
        if (evidence.FirstOrDefault(e => e.Key == "threat_named") is { } named) return named;
        if (!benign.Any(ExplainsARating.Contains) && evidence.FirstOrDefault(e => e.Key == "rated_high") is { } rated) return rated;
        return !benign.Any(ExplainsAChange.Contains) ? evidence.FirstOrDefault(e => e.Key == "off_hours_account_change") : null;
    }

    /// <summary>Circumstantial evidence that still accounts for an account change outside business hours: the window set aside for changes, the organisation's automation.</summary>
    private static readonly HashSet<string> ExplainsAChange = ["automation_verified", "maintenance_window", "change_window"];

    /// <summary>
    /// Circumstantial evidence that still accounts for a high rating, though not for a named threat: the organisation's
    /// infrastructure automation calling from its own runners (infrastructure-as-code deletes trails, keys and detectors
    /// that products rate high; a pipeline that runs a miner is still a threat).
    /// </summary>
    private static readonly HashSet<string> ExplainsARating = ["automation_verified"];

    /// <summary>True for benign evidence that explains why the detector fired (a scanner, a deployment tool, approved travel...).</summary>
    public static bool IsExplanation(Evidence e) => e.Supports == Leaning.Benign && !NotAnExplanation.Contains(Kind(e.Key));

    /// <summary>True when the detector's own rating (high or critical) is the only thing on the malicious side, or nothing is.</summary>
    private static bool RatedHigh(IReadOnlyList<Evidence> evidence) =>
        evidence.Any(e => e.Key == "detector_severity" && e.Supports == Leaning.Malicious);

    /// <summary>Benign evidence that is only the absence of a finding: "no pattern matched" or a clean lookup.</summary>
    private static readonly HashSet<string> Absence = ["no_attack_payload", "no_malicious_command", "no_phishing_indicators", "sandbox_clean", "intel_clean"];

    /// <summary>
    /// No malicious observation (the detector's rating aside) and benign evidence besides the rating, enough for the
    /// detector's rating: an explanation for any rating; a positive observation (a usual location, known addresses) for
    /// medium or below; only the absence of a finding when the detector itself rated the alert low or informational.
    /// </summary>
    public static bool OneSidedBenign(IReadOnlyList<Evidence> evidence)
    {
        if (evidence.Any(e => e.Supports == Leaning.Malicious && e.Key != "detector_severity")) return false;
        var benign = evidence.Where(e => e.Supports == Leaning.Benign && e.Key != "detector_severity").ToList();
        if (benign.Count == 0) return false;
        // A high or critical rating is explained only by what the activity is, not by where it came from or who ran it.
        if (RatedHigh(evidence)) return benign.Any(e => IsExplanation(e) && !Circumstantial.Contains(Kind(e.Key)));
        if (benign.Any(IsExplanation)) return true;
        return benign.Any(e => !Absence.Contains(Kind(e.Key))) || evidence.Any(e => e.Key == "detector_severity" && e.Supports == Leaning.Benign);
    }

    public static Scored Score(IReadOnlyList<Evidence> evidence, IReadOnlyList<HypothesisTemplate> catalog, AnalystOptions options, Func<string, string> title)
    {
        var logOdds = options.PriorLogOdds + evidence.Sum(e => e.SignedWeight);
        var p = 1 / (1 + Math.Exp(-logOdds));
        var strong = evidence.Any(e => e.Strong && e.Supports == Leaning.Malicious);
        var oneSided = OneSidedBenign(evidence);
        var classification = p >= options.MaliciousThreshold ? Classification.Malicious
            : (p <= options.BenignThreshold || (oneSided && p <= 2 * options.BenignThreshold)) && !strong && HeldOpen(evidence) is null ? Classification.Benign
            : Classification.Suspicious;
        var mass = evidence.Sum(e => Math.Abs(e.SignedWeight));
        var discount = oneSided ? 1 : Math.Min(1, mass / 3);
        var confidence = Math.Min(0.99, Math.Round(0.5 + (Math.Max(p, 1 - p) - 0.5) * discount, 2));
        return new Scored(Math.Clamp(Math.Round(p, 3), 0.001, 0.999), classification, confidence, Rank(evidence, catalog, p, title));
    }

    /// <summary>The kind of an evidence key: "intel_malicious:1.2.3.4" is "intel_malicious".</summary>
    private static string Kind(string key)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? key : key[..colon];
    }

    private static List<Hypothesis> Rank(IReadOnlyList<Evidence> evidence, IReadOnlyList<HypothesisTemplate> catalog, double p, Func<string, string> title)
    {
        var chosen = catalog.Where(h => evidence.Any(e => e.Supports == h.Kind && h.Keys.Contains(Kind(e.Key)))).ToList();
        foreach (var kind in new[] { Leaning.Malicious, Leaning.Benign })
        {
            if (!chosen.Any(h => h.Kind == kind)) chosen.Add(catalog.First(h => h.Kind == kind));
        }
        var hypotheses = new List<Hypothesis>();
        foreach (var side in chosen.GroupBy(h => h.Kind))
        {
            var sideProbability = side.Key == Leaning.Malicious ? p : 1 - p;
            var support = side.ToDictionary(h => h.Id, h => Math.Exp(evidence.Where(e => e.Supports == h.Kind && h.Keys.Contains(Kind(e.Key))).Sum(e => e.Weight)));
            var total = support.Values.Sum();
            foreach (var h in side)
            {
                var forIt = evidence.Where(e => e.Supports == h.Kind && (h.Keys.Contains(Kind(e.Key)) || side.Count() == 1)).Select(e => e.Description).ToList();
                var against = evidence.Where(e => e.Supports != h.Kind && e.Supports != Leaning.Context)
                    .OrderByDescending(e => e.Weight).Take(4).Select(e => e.Description).ToList();
                hypotheses.Add(new Hypothesis(h.Id, title(h.Title), h.Kind, Math.Round(sideProbability * support[h.Id] / total, 3), forIt, against));
            }
        }
        return [.. hypotheses.OrderByDescending(h => h.Probability)];
    }
}
