namespace Verdict.Analysis.Families;

/// <summary>The explanations each family's alerts can have; the first of each side is the default. "{user}" is the account.</summary>
public static class FamilyHypotheses
{
    private static HashSet<string> K(params string[] keys) => [.. keys];

    private static readonly HypothesisTemplate KnownBad = new("known_bad_indicator", "Contact with a known-bad indicator", Leaning.Malicious,
        K("bad_ip", "intel_malicious", "intel_suspicious"));
    private static readonly HypothesisTemplate OrgScanner = new("authorised_testing", "The organisation's own scanner or testing", Leaning.Benign,
        K("scanner", "lab_asset"));

    public static IReadOnlyList<HypothesisTemplate> Endpoint { get; } =
    [
        new("malicious_execution", "Malicious code execution on the host (malware or a hands-on-keyboard attacker)", Leaning.Malicious,
            K("office_spawns_shell", "script_host_chain", "encoded_command", "obfuscation", "download_cradle", "download_and_execute", "lolbin", "user_writable_path", "unsigned_binary", "rare_binary", "reverse_shell", "execution_policy_bypass", "hidden_window", "user_writable_module")),
        new("credential_theft", "Credential theft from the host (LSASS, SAM or NTDS dumping)", Leaning.Malicious, K("credential_dumping", "browser_credentials")),
        new("persistence_or_evasion", "An attacker establishing persistence or disabling defences", Leaning.Malicious, K("persistence", "defence_evasion", "remote_execution")),
        new("collection", "An attacker collecting data to take out (archives with passwords, copies of shares)", Leaning.Malicious, K("data_staging", "exfil_tool")),
        KnownBad,
        new("legitimate_admin", "Legitimate administration or software deployment", Leaning.Benign,
            K("deployment_tool", "admin_tool_by_admin", "business_hours", "own_host", "service_account", "no_malicious_command")),
        new("legitimate_software", "Legitimate, signed software behaving as designed", Leaning.Benign, K("signed_vendor", "intel_clean", "opens_document")),
        OrgScanner,
    ];

    public static IReadOnlyList<HypothesisTemplate> Network { get; } =
    [
        new("web_attack", "An attack on the web application (injection or exploit attempt)", Leaning.Malicious,
            K("sql_injection", "xss", "path_traversal", "command_injection", "ssrf", "jndi_injection", "template_injection", "deserialization", "exploit_path", "reached_application", "server_error", "error_response", "xxe")),
        new("successful_exploit", "A successful exploit: the application leaked data or ran the attacker's input", Leaning.Malicious, K("exploit_success", "error_leak")),
        new("reconnaissance", "Reconnaissance: an attack tool or scripted client probing the application", Leaning.Malicious, K("attack_tool", "scripted_admin_probe")),
        new("malware_traffic", "Malware or command-and-control traffic", Leaning.Malicious, K("malware_signature", "blocked_callout", "large_outbound", "internal_scan", "untrusted_certificate")),
        KnownBad,
        new("ordinary_traffic", "Ordinary application traffic that resembles an attack", Leaning.Benign,
            K("no_attack_payload", "authenticated_session", "same_site_referer", "internal_source", "policy_signature", "intel_clean", "internal_author", "business_app_query", "load_test", "ci_webhook",
              "search_text", "matched_text_ordinary", "protocol_rule", "automation_source", "verified_crawler", "first_party_script",
              "vendor_low_rating", "waf_below_threshold", "access_policy_block", "file_type_log", "posture_notice", "shared_egress")),
        new("health_check", "A health or uptime check", Leaning.Benign, K("health_check")),
        new("gateway_blocked", "A user's browsing the web gateway blocked before anything reached the device", Leaning.Benign, K("gateway_blocked")),
        new("internet_background", "An untargeted internet probe the control blocked", Leaning.Benign, K("blocked_probe", "internet_scan", "internet_guessing")),
        OrgScanner,
    ];

    public static IReadOnlyList<HypothesisTemplate> Cloud { get; } =
    [
        new("cloud_account_compromise", "A compromised cloud identity (persistence, escalation or hiding tracks)", Leaning.Malicious,
            K("new_credentials", "privilege_change", "logging_disabled", "public_exposure", "unusual_region", "console_login_no_mfa", "root_account",
                "token_outside_cluster", "risky_consent", "hiding_rule", "policy_weakened", "secrets_enumerated", "node_escape", "privileged_workload", "container_shell", "detector_unusual_source", "internet_exposed_admin_port")),
        KnownBad,
        new("authorised_change", "An authorised change by infrastructure automation or an administrator", Leaning.Benign,
            K("automation_principal", "automation_verified", "change_window", "admin_in_hours", "usual_region", "mfa_used", "intel_clean", "self_service_key", "corporate_source", "sso_federated", "vpn_egress",
                "own_network", "own_network_discovery", "root_only_task", "policy_enforced", "filing_rule", "directory_sync", "cluster_component", "engineer_in_hours")),
        new("posture_backlog", "A posture finding: a configuration, vulnerability or data-placement issue to fix, not activity", Leaning.Benign, K("posture_finding")),
        new("product_dismissed", "A finding the product's own workflow already reviewed and dismissed or resolved", Leaning.Benign, K("finding_dismissed")),
        OrgScanner,
    ];

    public static IReadOnlyList<HypothesisTemplate> Email { get; } =
    [
        new("phishing", "Phishing: a message crafted to steal credentials or deliver malware", Leaning.Malicious,
            K("lookalike_sender", "lookalike_link", "reply_to_mismatch", "auth_failed", "risky_attachment", "double_extension", "ip_link", "credential_link", "pressure_subject", "gateway_threat_verdict", "clicked_threat", "payment_diversion", "free_hosting_link")),
        KnownBad,
        new("legitimate_mail", "Legitimate mail: an internal, trusted or bulk sender", Leaning.Benign,
            K("internal_authenticated", "trusted_sender", "auth_pass", "bulk_mail", "no_phishing_indicators", "intel_clean", "links_to_sender_domain", "established_domain", "links_to_org", "verdict_reverted", "phishing_simulation", "low_phish_score")),
    ];

    public static IReadOnlyList<HypothesisTemplate> Generic { get; } =
    [
        new("malicious_activity", "Malicious activity as the rule describes", Leaning.Malicious, K("detector_severity")),
        KnownBad,
        new("benign_trigger", "A benign event that tripped the rule", Leaning.Benign, K("detector_severity", "intel_clean")),
        OrgScanner,
    ];

    public static IReadOnlyList<HypothesisTemplate> For(AlertFamily family) => family switch
    {
        AlertFamily.Endpoint => Endpoint,
        AlertFamily.Network => Network,
        AlertFamily.Cloud => Cloud,
        AlertFamily.Email => Email,
        _ => Generic,
    };
}
