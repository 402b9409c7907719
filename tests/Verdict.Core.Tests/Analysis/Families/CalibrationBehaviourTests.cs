using System.Text.Json;
using Verdict.Analysis;
using Verdict.Context;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// The calibration a SOC analyst expects: benign evidence with nothing against it closes the alert, unless the detector
/// rated it high and nothing explains it; what a human closes on (a usual city, an approved automation at its own address,
/// a document opened from a spreadsheet, a wiki page about SQL injection) closes, and the attack next to it stays open.
/// </summary>
public sealed class CalibrationBehaviourTests
{
    private static EnvironmentContext Context()
    {
        var egress = new IpRangeSet();
        Assert.True(egress.TryAdd("4.175.22.0/24"));
        var vpn = new IpRangeSet();
        Assert.True(vpn.TryAdd("198.51.100.0/28"));
        return FamilyFixtures.Context() with
        {
            AutomationEgress = egress, VpnEgress = vpn,
            UsualCountries = new HashSet<string>(["US"]),
            UsualCities = new HashSet<string>(["Boston"], StringComparer.OrdinalIgnoreCase),
            BusinessApps = new HashSet<string>(["erp.globex.local"], StringComparer.OrdinalIgnoreCase),
            Domains = new HashSet<string>(["globex.com", "globex.okta.com"], StringComparer.OrdinalIgnoreCase),
        };
    }

    private static Assessment Assess(object input) =>
        FamilyFixtures.Triage([new FamilyFixture("t0", JsonSerializer.Serialize(input), true, "")], Context())[0].Assessment!;

    private static Dictionary<string, object> SignIn(string rule, string severity, string city, string country, string network, string outcome = "success",
        string user = "jane.doe", string ip = "73.44.120.9", string agent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/130.0") => new()
    {
        ["event.id"] = "i", ["@timestamp"] = "2026-11-18T04:12:00Z", ["kibana.alert.rule.name"] = rule, ["kibana.alert.severity"] = severity,
        ["user.name"] = user, ["source.ip"] = ip, ["source.geo.city_name"] = city, ["source.geo.country_iso_code"] = country,
        ["source.as.organization.name"] = network, ["user_agent.original"] = agent, ["event.outcome"] = outcome,
    };

    [Fact]
    public void An_off_hours_sign_in_from_a_usual_city_on_a_home_network_is_closed()
    {
        var a = Assess(SignIn("Login Outside Business Hours", "low", "Boston", "US", "Comcast Cable Communications"));

        Assert.Equal(Classification.Benign, a.Classification);
        Assert.Contains(a.Evidence, e => e.Key == "usual_location");
        Assert.True(a.Confidence >= 0.75, $"confidence {a.Confidence}");
    }

    [Theory]
    [InlineData("Login Outside Business Hours", "Amsterdam", "NL", "Stark Industries Solutions")]
    [InlineData("Unfamiliar Sign-in Properties", "Clifton", "US", "DigitalOcean, LLC")]
    [InlineData("Inbox Rule Forwarding to External Address", "Boston", "US", "Comcast Cable Communications")]
    public void A_sign_in_from_abroad_a_hosting_network_or_with_an_intruders_action_stays_open(string rule, string city, string country, string network)
    {
        var a = Assess(SignIn(rule, "medium", city, country, network));

        Assert.NotEqual(Classification.Benign, a.Classification);
        Assert.DoesNotContain(a.Evidence, e => e.Key == "usual_location");
    }

    [Fact]
    public void A_high_rated_password_spray_is_not_closed_on_a_usual_city_alone()
    {
        var a = Assess(SignIn("Password Spraying Detected", "high", "Boston", "US", "Comcast Cable Communications", outcome: "failure"));

        Assert.Equal(Classification.Suspicious, a.Classification);
    }

    [Fact]
    public void A_script_client_from_abroad_counts_against_the_sign_in()
    {
        var a = Assess(SignIn("Password Spraying Detected", "medium", "Hanoi", "VN", "VNPT Corp", outcome: "failure", agent: "python-requests/2.31.0"));

        Assert.Contains(a.Evidence, e => e.Key == "foreign_country");
        Assert.Contains(a.Evidence, e => e.Key == "scripted_client");
        Assert.NotEqual(Classification.Benign, a.Classification);
    }

    private static Dictionary<string, object> Process(string parent, string image, string commandLine, string rule = "Suspicious MS Office Child Process", bool trusted = true) => new()
    {
        ["event.id"] = "p", ["@timestamp"] = "2026-11-18T15:00:00Z", ["kibana.alert.rule.name"] = rule, ["kibana.alert.severity"] = "medium",
        ["host.name"] = "ws-jane.doe", ["user.name"] = "jane.doe", ["process.name"] = Path.GetFileName(image.Replace('\\', '/')), ["process.executable"] = image,
        ["process.command_line"] = commandLine, ["process.parent.name"] = Path.GetFileName(parent.Replace('\\', '/')), ["process.parent.executable"] = parent,
        ["process.code_signature.trusted"] = trusted,
    };

    [Fact]
    public void A_spreadsheet_opening_a_pdf_through_cmd_is_closed_but_one_running_powershell_is_not()
    {
        const string excel = @"C:\Program Files\Microsoft Office\root\Office16\EXCEL.EXE";
        var opens = Assess(Process(excel, @"C:\Windows\System32\cmd.exe", "cmd.exe /c \"\"C:\\Program Files\\Adobe\\Acrobat DC\\Acrobat\\AcroRd32.exe\" \"C:\\Users\\jane.doe\\Downloads\\Q3 report.pdf\"\""));
        var runs = Assess(Process(excel, @"C:\Windows\System32\cmd.exe", "cmd.exe /c \"\"C:\\Program Files\\Adobe\\Acrobat DC\\Acrobat\\AcroRd32.exe\" \"x.pdf\" & powershell -nop -c iex(gc x.txt)\""));

        Assert.Equal(Classification.Benign, opens.Classification);
        Assert.Contains(opens.Evidence, e => e.Key == "opens_document");
        Assert.NotEqual(Classification.Benign, runs.Classification);
        Assert.DoesNotContain(runs.Evidence, e => e.Key == "opens_document");
    }

    [Fact]
    public void An_unsigned_program_reading_the_browsers_saved_passwords_is_not_closed()
    {
        var a = Assess(Process(@"C:\Windows\explorer.exe", @"C:\Users\jane.doe\AppData\Local\Temp\chrm.exe",
            "chrm.exe --profile \"C:\\Users\\jane.doe\\AppData\\Local\\Google\\Chrome\\User Data\\Default\\Login Data\" --out C:\\Users\\Public\\l.txt", "Browser Credential Store Access", trusted: false));

        Assert.NotEqual(Classification.Benign, a.Classification);
        Assert.Contains(a.Evidence, e => e.Key == "browser_credentials");
        Assert.Contains(a.Evidence, e => e.Key == "unsigned_binary");
        Assert.Contains(a.Evidence, e => e.Key == "user_writable_path");
    }

    [Fact]
    public void Rundll32_running_a_module_from_temp_is_not_closed()
    {
        var a = Assess(Process(@"C:\Windows\System32\msiexec.exe", @"C:\Windows\System32\rundll32.exe",
            @"rundll32.exe C:\Users\jane.doe\AppData\Local\Temp\htmlhelp.dat,DllRegisterServer", "Suspicious Rundll32 Execution"));

        Assert.NotEqual(Classification.Benign, a.Classification);
        Assert.Contains(a.Evidence, e => e.Key == "user_writable_module");
    }

    private static Dictionary<string, object> Web(string host, string ip, string uri, string body, string rule, string method = "POST") => new()
    {
        ["alert_id"] = "w", ["rule_name"] = rule, ["severity"] = "high", ["action"] = "alert", ["sip"] = ip, ["host"] = host, ["method"] = method, ["uri"] = uri,
        ["req_header"] = $"Host: {host}\r\nUser-Agent: Mozilla/5.0 Chrome/130.0\r\nContent-Type: application/json\r\nCookie: APPSESSID=c0a8011f7d2e\r\nReferer: https://{host}/pages/edit\r\n",
        ["req_body"] = body, ["rsp_status"] = 200, ["rsp_body"] = "{\"id\":\"1\"}",
    };

    [Fact]
    public void A_wiki_page_about_sql_injection_written_by_an_internal_user_is_closed_but_not_from_outside()
    {
        const string body = "{\"body\":\"<p>Never build queries by hand: an input such as <code>' UNION SELECT password FROM users--</code> dumps the table.</p>\"}";
        var inside = Assess(Web("wiki.globex.local", "10.1.31.9", "/rest/api/content", body, "SQL Injection - UNION based"));
        var outside = Assess(Web("wiki.globex.local", "45.95.147.18", "/rest/api/content", body, "SQL Injection - UNION based"));
        var inUri = Assess(Web("wiki.globex.local", "10.1.31.9", "/rest/api/content?id=1%27%20UNION%20SELECT%20password%20FROM%20users--", body, "SQL Injection - UNION based"));

        Assert.Equal(Classification.Benign, inside.Classification);
        Assert.Contains(inside.Evidence, e => e.Key == "internal_author");
        Assert.NotEqual(Classification.Benign, outside.Classification);
        Assert.NotEqual(Classification.Benign, inUri.Classification);
    }

    [Fact]
    public void A_business_application_filter_is_closed_but_a_tautology_on_the_same_page_is_not()
    {
        var filter = Assess(Web("erp.globex.local", "10.1.22.17", "/reports/aging?filter=status%3D%27open%27%20OR%20status%3D%27overdue%27", "", "SQL Injection - Boolean based", "GET"));
        var tautology = Assess(Web("erp.globex.local", "10.1.44.23", "/reports/orders?customer_id=1042%20OR%201%3D1--", "", "SQL Injection - Boolean based", "GET"));

        Assert.Equal(Classification.Benign, filter.Classification);
        Assert.NotEqual(Classification.Benign, tautology.Classification);
        Assert.DoesNotContain(tautology.Evidence, e => e.Key == "business_app_query");
    }

    [Theory]
    [InlineData("/booking/notes?text=Flight%20moved%3B%20ping%20me%20when%20you%20land", false)]
    [InlineData("/booking/notes?text=Two%20bags%3B%20cat%20travels%20in%20a%20carrier%20%7C%20vet%20papers%20attached", false)]
    [InlineData("/tools/lookup?host=8.8.8.8%3B%20ping%20-c%203%2010.0.0.1", true)]
    [InlineData("/tools/lookup?host=x%3B%20cat%20/etc/passwd", true)]
    [InlineData("/tools/lookup?host=x%7Cid", true)]
    [InlineData("/tools/lookup?host=x%3B%20echo%20%27pwned%27", true)]
    public void A_command_word_is_an_injection_only_with_a_shell_argument_after_it(string uri, bool injection)
    {
        var a = Assess(Web("www.globex.com", "45.95.147.18", uri, "", "OS Command Injection", "GET"));

        Assert.Equal(injection, a.Evidence.Any(e => e.Key == "command_injection"));
    }

    [Fact]
    public void A_business_app_filter_from_a_browser_gets_the_business_app_reason_where_the_product_records_no_credential_headers_but_a_script_does_not()
    {
        Dictionary<string, object> Waf(string agent) => new()
        {
            ["alert_id"] = "w", ["rule_name"] = "SQL Injection - Boolean based", ["severity"] = "high", ["action"] = "alert", ["sip"] = "10.1.22.18",
            ["host"] = "erp.globex.local", ["method"] = "GET", ["uri"] = "/reports/aging?where=region%20IN%20(%27N%27,%27S%27)%20AND%20due%20%3E%20%272026-01-01%27",
            ["req_header"] = $"Host: erp.globex.local\r\nUser-Agent: {agent}\r\n", ["rsp_status"] = 200,
        };
        var browser = Assess(Waf("Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/130.0"));
        var script = Assess(Waf("python-requests/2.32"));

        Assert.Contains(browser.Evidence, e => e.Key == "business_app_query");
        Assert.Equal(Classification.Benign, browser.Classification);
        Assert.DoesNotContain(script.Evidence, e => e.Key == "business_app_query");
        Assert.NotEqual(Classification.Benign, script.Classification);
    }

    [Theory]
    [InlineData("expr=platform%3D%27pc%27%20AND%20region%20IN%20(%27N%27,%27S%27)%20OR%20build%3E%3D%271.4.2%27", true)]
    // A report's own UNION after a date literal it opened itself is the report's SQL, not a value breaking out of its string.
    [InlineData("expr=due%20%3E%3D%20%272026-10-01%27%20UNION%20SELECT%20region,%200%20FROM%20regions", true)]
    [InlineData("expr=region%20IN%20(%27N%27)%20UNION%20SELECT%20NULL,NULL,card_number%20FROM%20payments", false)]
    public void A_business_application_is_recognised_by_the_host_field_of_an_edge_log_without_headers(string query, bool closed)
    {
        // Cloudflare's firewall event: the site is ClientRequestHost, no request headers are recorded.
        var a = Assess(new Dictionary<string, object>
        {
            ["RayID"] = "8a1b2c3d4e5f6071", ["Kind"] = "firewall", ["Action"] = "log", ["Source"] = "firewallManaged", ["Description"] = "SQLi - AND/OR MySQL Operators",
            ["ClientIP"] = "10.1.22.18", ["ClientRequestHost"] = "erp.globex.local", ["ClientRequestMethod"] = "GET",
            ["ClientRequestURI"] = $"/api/dash/aging?{query}", ["ClientRequestUserAgent"] = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0",
            ["EdgeResponseStatus"] = 200, ["Datetime"] = "2026-11-17T16:22:41Z",
        });

        Assert.Equal(closed, a.Evidence.Any(e => e.Key == "business_app_query"));
        Assert.Equal(closed, a.Classification == Classification.Benign);
    }

    [Theory]
    // Blind injection in a cookie: a subquery inside a condition reading a password one character at a time.
    [InlineData("/reports/aging?page=2", "Cookie: erp_sort=due ORDER BY (CASE WHEN (SELECT SUBSTRING(password,1,1) FROM users WHERE id=1)='a' THEN 1 ELSE 2 END)\r\n")]
    // UNION pulling credential columns with placeholder columns, no tautology and no comment.
    [InlineData("/reports/export?id=-1%20UNION%20SELECT%20username,password_hash,3,4%20FROM%20app_users", "")]
    [InlineData("/reports/export?id=7%20UNION%20ALL%20SELECT%20NULL,NULL,card_number%20FROM%20payments", "")]
    [InlineData("/reports/aging?where=id%3D5%20AND%20ASCII(SUBSTRING((SELECT%20name%20FROM%20customers),1,1))%3E64", "")]
    // A quoted value closed early and a UNION of real columns: the application's own filter never breaks out of its string.
    [InlineData("/reports/export?customer=x%27)%20UNION%20SELECT%20name,card_number%20FROM%20payments", "")]
    public void An_injection_against_a_business_application_from_an_internal_browser_is_not_closed_as_its_filter(string uri, string extraHeaders)
    {
        var a = Assess(new Dictionary<string, object>
        {
            ["alert_id"] = "w", ["rule_name"] = "SQL Injection - Boolean based", ["severity"] = "high", ["action"] = "alert", ["sip"] = "10.1.22.18",
            ["host"] = "erp.globex.local", ["method"] = "GET", ["uri"] = uri,
            ["req_header"] = $"Host: erp.globex.local\r\nUser-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/130.0\r\n{extraHeaders}", ["rsp_status"] = 200,
        });

        Assert.DoesNotContain(a.Evidence, e => e.Key == "business_app_query");
        Assert.NotEqual(Classification.Benign, a.Classification);
    }

    [Fact]
    public void An_xml_external_entity_is_an_attack()
    {
        var a = Assess(Web("api.globex.com", "62.204.41.150", "/api/v1/import", "<?xml version=\"1.0\"?><!DOCTYPE inv [<!ENTITY x SYSTEM \"file:///etc/hostname\">]><inv>&x;</inv>", "XML External Entity"));

        Assert.Contains(a.Evidence, e => e.Key == "xxe");
        Assert.NotEqual(Classification.Benign, a.Classification);
    }

    private static Dictionary<string, object> Trail(string eventName, string ip, object parameters) => new()
    {
        ["alert_id"] = "c", ["rule_name"] = "AWS " + eventName, ["severity"] = "high", ["eventTime"] = "2026-11-18T15:00:00Z", ["eventName"] = eventName,
        ["awsRegion"] = "us-east-1", ["sourceIPAddress"] = ip,
        ["userIdentity"] = new Dictionary<string, object> { ["type"] = "AssumedRole", ["arn"] = "arn:aws:sts::412345678901:assumed-role/svc-terraform/run-1" },
        ["requestParameters"] = parameters,
    };

    [Fact]
    public void Automation_replacing_a_trail_from_its_own_address_is_closed_but_not_from_elsewhere()
    {
        var own = Assess(Trail("StopLogging", "4.175.22.90", new { name = "sandbox-trail" }));
        var elsewhere = Assess(Trail("StopLogging", "3.88.14.201", new { name = "sandbox-trail" }));

        Assert.Equal(Classification.Benign, own.Classification);
        Assert.NotEqual(Classification.Benign, elsewhere.Classification);
    }

    [Fact]
    public void A_failed_console_login_through_the_vpn_is_not_a_login_without_mfa()
    {
        var a = Assess(new Dictionary<string, object>
        {
            ["alert_id"] = "c", ["rule_name"] = "AWS Console Login Without MFA", ["severity"] = "medium", ["eventTime"] = "2026-11-18T15:00:00Z",
            ["eventName"] = "ConsoleLogin", ["sourceIPAddress"] = "198.51.100.4", ["errorCode"] = "Failed authentication",
            ["userIdentity"] = new Dictionary<string, object> { ["type"] = "IAMUser", ["arn"] = "arn:aws:iam::412345678901:user/jane.doe", ["userName"] = "jane.doe" },
            ["additionalEventData"] = new Dictionary<string, object> { ["MFAUsed"] = "No" },
        });

        Assert.DoesNotContain(a.Evidence, e => e.Key == "console_login_no_mfa");
        Assert.Contains(a.Evidence, e => e.Key == "vpn_egress");
        Assert.Equal(Classification.Benign, a.Classification);
    }

    [Fact]
    public void A_detection_named_for_a_failed_console_login_is_not_a_login_without_mfa_but_a_plain_no_mfa_login_still_is()
    {
        Dictionary<string, object> Login(string rule) => new()
        {
            ["alert_id"] = "f", ["rule_name"] = rule, ["severity"] = "low", ["eventTime"] = "2026-11-18T02:00:00Z",
            ["eventName"] = "ConsoleLogin", ["sourceIPAddress"] = "198.51.100.4",
            ["userIdentity"] = new Dictionary<string, object> { ["type"] = "IAMUser", ["arn"] = "arn:aws:iam::412345678901:user/jane.doe", ["userName"] = "jane.doe" },
            ["additionalEventData"] = new Dictionary<string, object> { ["MFAUsed"] = "No" },
        };

        Assert.DoesNotContain(Assess(Login("Failed Console Login")).Evidence, e => e.Key == "console_login_no_mfa");
        Assert.DoesNotContain(Assess(Login("FailedConsoleLogin")).Evidence, e => e.Key == "console_login_no_mfa");
        // A rule about failures followed by a success, or a plain sign-in, is not a failed sign-in: no MFA still counts.
        Assert.Contains(Assess(Login("Failed logins followed by a successful console login")).Evidence, e => e.Key == "console_login_no_mfa");
        Assert.Contains(Assess(Login("Console Login")).Evidence, e => e.Key == "console_login_no_mfa");
    }

    private static Dictionary<string, object> Mail(string sender, string replyTo, string url) => new()
    {
        ["alert_id"] = "m", ["rule_name"] = "User Reported Phishing", ["severity"] = "low", ["sender"] = sender, ["reply_to"] = replyTo,
        ["subject"] = "Your weekly summary", ["urls"] = new[] { url }, ["authentication_results"] = "spf=pass dkim=pass dmarc=pass",
    };

    [Fact]
    public void Replies_to_the_senders_own_registrable_domain_and_the_tenant_provider_are_not_phishing_signs()
    {
        var vendor = Assess(Mail("news@em.vendor-example.com", "noreply@vendor-example.com", "https://www.vendor-example.com/summary"));
        var provider = Assess(Mail("no-reply@okta.com", "no-reply@okta.com", "https://globex.okta.com/enduser/settings"));

        Assert.DoesNotContain(vendor.Evidence, e => e.Key == "reply_to_mismatch");
        Assert.Equal(Classification.Benign, vendor.Classification);
        Assert.DoesNotContain(provider.Evidence, e => e.Key == "lookalike_sender");
        Assert.Equal(Classification.Benign, provider.Classification);
    }

    [Fact]
    public void A_rule_that_names_malware_is_never_closed_for_want_of_a_payload_even_from_an_internal_client()
    {
        Dictionary<string, object> Ids(string signature) => new()
        {
            ["timestamp"] = "2026-11-18T14:12:00Z", ["event_type"] = "alert", ["src_ip"] = "10.41.18.77", ["dest_ip"] = "203.0.113.80",
            ["alert.signature"] = signature, ["alert.severity"] = 3, ["http.url"] = "/jquery-3.3.1.min.js", ["http.http_user_agent"] = "Mozilla/5.0",
        };

        var beacon = Assess(Ids("ET MALWARE Cobalt Strike Beacon Observed (jquery profile)"));
        var tunnel = Assess(Ids("ET DNS Excessive DNS TXT Queries - Possible Tunnel"));

        Assert.NotEqual(Classification.Benign, beacon.Classification);
        Assert.NotEqual(Classification.Benign, tunnel.Classification);
        Assert.Contains(beacon.Evidence, e => e.Key == "rule_names_threat" && e.Strong);
        Assert.Null(Verdict.Analysis.Families.CommonEvidence.RuleNamesThreat("ET POLICY curl User-Agent Outbound"));
    }
}
