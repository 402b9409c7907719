namespace Verdict.Analysis.Identity;

/// <summary>The explanations an identity alert can have. "{user}" is replaced with the account name.</summary>
public static class IdentityHypotheses
{
    public static IReadOnlyList<HypothesisTemplate> Catalog { get; } =
    [
        new("account_takeover", "Account takeover: someone other than {user} signed in with valid credentials", Leaning.Malicious,
            new HashSet<string> { "brute_force_then_success", "success_after_failures", "impossible_travel", "bad_ip", "new_country", "new_ip", "off_hours", "foreign_country", "hosting_network", "scripted_client",
                "sign_in_risk", "vendor_threat_suspected", "vendor_risk_reasons", "vendor_confirmed_compromise", "single_factor", "new_device_and_ip", "unmanaged_new_device", "service_interactive", "fraud_reported", "departed_user", "departed_user_active" }),
        new("credential_attack", "Password guessing against {user} (brute force or spraying)", Leaning.Malicious,
            new HashSet<string> { "brute_force", "failed_from_unknown_ip", "departed_user_attempt", "internal_spray" }),
        new("account_misuse", "Automation or misuse of {user}'s account (a script, shared credentials)", Leaning.Malicious,
            new HashSet<string> { "volume_spike", "break_glass" }),
        new("legitimate_activity", "{user} working normally: travel, remote work or late hours", Leaning.Benign,
            new HashSet<string> { "approved_travel", "feasible_travel", "usual_hours", "known_ips", "usual_location", "mobile_carrier", "corporate_network",
                "managed_device", "phishing_resistant_mfa", "risk_remediated", "vendor_dismissed", "blocked_by_policy", "challenge_passed",
                "vendor_low_risk", "mfa_answered_novelty", "relay_egress", "admin_assumed_with_ticket" }),
        new("password_typo", "{user} mistyped their password, or one of their devices still holds an old one", Leaning.Benign,
            new HashSet<string> { "password_typo", "internal_failures", "mistyped_credentials" }),
        new("authorised_infrastructure", "Authorised infrastructure: the vulnerability scanner, the corporate VPN or maintenance", Leaning.Benign,
            new HashSet<string> { "scanner", "vpn_egress", "maintenance", "stale_service_credentials", "service_expected_source",
                "deployment_builtin_account", "legacy_kerberos_client", "admin_test_account", "default_account_guess" }),
    ];
}
