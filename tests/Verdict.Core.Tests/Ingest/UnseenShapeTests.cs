using System.Text;
using Verdict.Alerts;
using Verdict.Context;
using Verdict.Ingest;
using Verdict.Tests.Support;

namespace Verdict.Tests.Ingest;

/// <summary>
/// Products Verdict has no names for (tests/data/vendors/unseen, written from each product's documented shape), read by
/// the generic fallbacks (RuleFallback, EntityFallback), envelopes and JSON:API documents (JsonEnvelope).
/// </summary>
public class UnseenShapeTests
{
    private static readonly EnvironmentContext Context = EnvironmentContext.Default with { TimeZone = TestData.NewYork };

    private static Alert[] Read(string fixture)
    {
        using var stream = File.OpenRead(TestData.Fixture("vendors/unseen/" + fixture));
        var results = JsonAlertReader.Read(stream, fixture, Context).ToArray();
        Assert.All(results, r => Assert.True(r.Success, r.Error?.ToString()));
        return [.. results.Select(r => r.Value!)];
    }

    private static ParseResult<Alert> ReadText(string json) =>
        JsonAlertReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), "t.jsonl", Context).Single();

    private static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    private static void Reads(Alert a, string rule, string? user, string? host, string? ip, string time)
    {
        Assert.Equal(rule, a.Rule);
        Assert.Equal(user, a.User);
        Assert.Equal(host, a.Host);
        Assert.Equal(ip, a.SourceIp);
        Assert.Equal(Utc(time), a.Time);
    }

    [Fact]
    public void A_rule_field_holding_a_placeholder_gives_way_to_the_attack_type_or_the_description()
    {
        // A WAF's "no signature" written as "N/A" in its virus/signature name field names nothing; the attack type does.
        var waf = ReadText("""{"support_id":"77001","virus_name":"N/A","attack_type":"HTTP Parser Attack","ip_client":"203.0.113.9","date_time":"2026-10-03 08:00:00"}""");
        Assert.True(waf.Success, waf.Error?.ToString());
        Assert.Equal("HTTP Parser Attack", waf.Value!.Rule);
        var described = ReadText("""{"id":"e-2","rule_name":"-","description":"Blocked request with malformed header","src_ip":"203.0.113.9","time":"2026-10-03T08:00:00Z"}""");
        Assert.Equal("Blocked request with malformed header", described.Value!.Rule);
        // With nothing else to name it the placeholder still does: the record is read, not dropped.
        var bare = ReadText("""{"id":"e-3","rule_name":"N/A","src_ip":"203.0.113.9","time":"2026-10-03T08:00:00Z"}""");
        Assert.True(bare.Success, bare.Error?.ToString());
        Assert.Equal("N/A", bare.Value!.Rule);
        // A real name is untouched.
        Assert.Equal("SQL-INJ", ReadText("""{"id":"e-4","rule_name":"SQL-INJ","attack_type":"SQL-Injection","time":"2026-10-03T08:00:00Z"}""").Value!.Rule);
    }

    [Fact]
    public void Cef_keys_a_siem_kept_as_field_names_give_the_user_host_and_time()
    {
        // CyberArk PTA's CEF, parsed into fields by a SIEM: suser acted, dhost was reached, rt is epoch milliseconds.
        var a = ReadText("""{"cefVersion":"0","deviceVendor":"CyberArk","deviceProduct":"PTA","deviceEventClassId":"27","name":"Suspected credential theft","severity":"8","suser":"adm-jsmith","duser":"Administrator","shost":"ws-017","dhost":"srv-db01","src":"10.20.1.17","rt":"1795521600000"}""").Value!;

        Reads(a, "Suspected credential theft", "adm-jsmith", "srv-db01", "10.20.1.17", "2026-11-24T12:00:00Z");
    }

    [Fact]
    public void A_cloudtrail_event_delivered_by_eventbridge_is_named_by_its_api_call_not_its_detail_type()
    {
        var a = ReadText("""{"version":"0","id":"6f1c2d3e-0000-4000-8000-000000000001","detail-type":"AWS API Call via CloudTrail","source":"aws.iam","account":"123456789012","time":"2026-11-24T12:00:00Z","region":"us-east-1","detail":{"eventVersion":"1.09","eventSource":"iam.amazonaws.com","eventName":"CreateAccessKey","eventType":"AwsApiCall","sourceIPAddress":"203.0.113.5","userIdentity":{"type":"IAMUser","userName":"dev-ci"}}}""").Value!;

        Assert.Equal("CreateAccessKey", a.Rule);
    }

    [Fact]
    public void A_policy_name_names_an_alert_that_has_no_other_rule_and_sophos_central_gives_its_time_and_person()
    {
        var prisma = ReadText("""{"alertId":"P-48213","policyName":"AWS S3 bucket accessible to the public","severity":"high","resourceName":"payroll-exports","cloudType":"aws","alertTs":1795521600000}""").Value!;
        var sophos = ReadText("""{"id":"0b3e6f9a-1c2d-4e5f-8a7b-9c0d1e2f3a4b","category":"malware","type":"Event::Email::MalwareDetected","description":"Malware detected in an email to jane.doe","severity":"high","raisedAt":"2026-11-24T12:00:00.000Z","person":{"id":"6c1d","name":"jane.doe"},"product":"email"}""").Value!;

        Assert.Equal("AWS S3 bucket accessible to the public", prisma.Rule);
        Assert.Equal(Utc("2026-11-24T12:00:00Z"), sophos.Time);
        Assert.Equal("jane.doe", sophos.User);
    }

    [Fact]
    public void Wazuh_sshd_alert_gives_the_decoded_source_ip_and_target_user() =>
        Reads(Read("wazuh-sshd.json").Single(), "sshd: authentication failed.", "dana", "web-01", "203.0.113.7", "2026-10-03T08:15:30.123Z");

    [Fact]
    public void Graylog_event_notification_is_named_by_its_event_definition_title()
    {
        var a = Read("graylog-event.json").Single();
        Reads(a, "SSH brute force against bastion", "root", null, "198.51.100.9", "2026-10-03T08:20:00Z");
        Assert.Equal("01HBX7Q2V3K9F8M4N6P0R2S4T6", a.Id);
    }

    [Fact]
    public void Sumo_Logic_insight_in_its_data_envelope_is_the_insight_and_its_assignee_is_not_the_user()
    {
        var a = Read("sumo-insight.json").Single();
        // The insight's entity (an "_ip" entity here) is its subject, read as the source address as a Darktrace breaching device is.
        Reads(a, "Initial Access with Execution", null, null, "10.20.4.17", "2026-10-03T08:25:31Z");
        Assert.Equal("2d7c1f7e-5a9b-4c3d-8e2f-1a0b9c8d7e6f", a.Id);
        Assert.Equal(Severity.High, a.DetectorSeverity);
    }

    [Fact]
    public void Trellix_ePO_threat_event_is_named_by_the_threat_on_the_target_host() =>
        Reads(Read("trellix-epo.json").Single(), "JS/Downloader.gen", "jdoe", "ws-0142", "10.1.4.22", "2026-10-03T08:30:12Z");

    [Fact]
    // The breaching device is the subject of the model: its address is read as the source (so known_scanners applies).
    public void Darktrace_model_breach_is_named_by_its_model_and_the_breaching_device_is_the_source() =>
        Reads(Read("darktrace-breach.json").Single(), "Device::Anomalous Connection::Data Sent to Rare Domain", null, "ws-042", "10.12.1.44",
            "2026-10-03T08:30:00Z");

    [Fact]
    public void Umbrella_activity_response_is_one_alert_per_entry_each_at_its_own_line()
    {
        var alerts = Read("umbrella-activity.json");

        Assert.Equal(2, alerts.Length);
        Assert.Equal("Emotet", alerts[0].Rule);
        Assert.Equal("Software/Technology", alerts[1].Rule);
        Assert.Equal([4, 5], alerts.Select(a => a.Source.Line));
        Assert.Equal(["umbrella-activity-4", "umbrella-activity-5"], alerts.Select(a => a.Id));
        Assert.Equal(Utc("2026-10-03T08:45:00Z"), alerts[0].Time);
        Assert.Equal("ws-0142", alerts[0].Host, ignoreCase: true); // a roaming-computer identity is the machine
    }

    [Fact]
    public void JumpCloud_directory_insights_event_gives_the_initiating_user_not_the_browser_device() =>
        Reads(Read("jumpcloud-di.json").Single(), "sso_auth", "jdoe", null, "203.0.113.50", "2026-10-03T08:50:00.123Z");

    [Fact]
    public void Cofense_Triage_JSON_API_report_reads_its_attributes_and_included_category()
    {
        var a = Read("cofense-triage.json").Single();

        // The reporter received the message: the mailbox it reached is the alert's user.
        Reads(a, "Message reported by user (Crimeware)", "jdoe", null, null, "2026-10-03T08:02:40Z");
        Assert.Equal("4821", a.Id);
        Assert.Contains(a.Fields, f => f is { Key: "reporter.email", Value: "jdoe@acme.example" });
        Assert.Contains(a.Fields, f => f is { Key: "jsonapi.type", Value: "reports" });
    }

    [Fact]
    public void Kubernetes_audit_event_is_named_by_its_request() =>
        Reads(Read("k8s-audit.json").Single(), "Kubernetes create pods/exec", "cokafor", null, "185.244.150.31", "2026-10-03T09:05:00Z");

    [Fact]
    public void Graph_list_response_is_one_alert_per_value()
    {
        var alerts = Read("graph-alerts-list.json");

        Assert.Equal(["Suspicious PowerShell download cradle", "Anomalous token usage"], alerts.Select(a => a.Rule));
        Assert.Equal([4, 5], alerts.Select(a => a.Source.Line));
    }

    [Fact]
    public void A_record_of_ids_and_times_only_stays_an_input_error()
    {
        var result = ReadText("""{"alertId":"3f2a","tenantId":"123","eventId":42,"createdAt":"2026-10-03T09:00:00Z","correlationId":"9b2f1c3d-4e5f-6071-8293-a4b5c6d7e8f9"}""");

        Assert.Equal("the record names no alert type and has no description", result.Error!.Reason);
    }

    [Theory]
    // A WAF event that names its rule only by id (Cloudflare's ruleId), with the action, client and path.
    [InlineData("""{"ruleId":"100015","action":"block","clientIP":"91.240.118.20","clientRequestPath":"/wp-login.php"}""", "rule 100015")]
    [InlineData("""{"RuleID":"efb7b8c949ac4650a09736fc376e9aee","Action":"managed_challenge","ClientIP":"91.240.118.21"}""", "rule efb7b8c949ac4650a09736fc376e9aee")]
    // A firewall threat log with only its threat id (bare, in parentheses, or with the threat's name).
    [InlineData("""{"threatid":"40015","src":"91.240.118.22","dst":"203.0.113.10","action":"drop"}""", "threat 40015")]
    [InlineData("""{"threat_id":"(9999)","src":"91.240.118.22","dst":"203.0.113.10"}""", "threat 9999")]
    [InlineData("""{"threatid":"Apache Log4j Remote Code Execution Vulnerability(91991)","src":"91.240.118.22"}""", "Apache Log4j Remote Code Execution Vulnerability(91991)")]
    [InlineData("""{"signature_id":2010935,"src_ip":"91.240.118.23"}""", "signature 2010935")]
    // An ids-and-times record with a rule id is named by that id.
    [InlineData("""{"alertId":"3f2a","ruleId":"R-100","createdAt":"2026-10-03T09:00:00Z"}""", "rule R-100")]
    // A WAF event that names its detections only as a list of signatures or violations (F5 ASM's sig_names, violations).
    [InlineData("""{"support_id":"1800000001","sig_names":"SQL-INJ \"UNION SELECT\" (Parameter),SQL-INJ expressions like \"or 1=1\"","ip_client":"91.240.118.24"}""", "SQL-INJ \"UNION SELECT\" (Parameter),SQL-INJ expressions like \"or 1=1\"")]
    [InlineData("""{"support_id":"1800000002","violations":"Attack signature detected,Illegal meta character in value","ip_client":"91.240.118.25"}""", "Attack signature detected,Illegal meta character in value")]
    [InlineData("""{"sig_names":["Cross Site Scripting (XSS) <script>","XSS script tag end (Parameter)"],"ip_client":"91.240.118.26"}""", "Cross Site Scripting (XSS) <script>, XSS script tag end (Parameter)")]
    // A mail gateway's message record that names only its engines' verdicts (Cisco Secure Email's verdicts object): the engine that flagged it.
    [InlineData("""{"mid":"4410007","sender":"promo@news.example","verdicts":{"spf":"Pass","antispam":"Negative","amp":"Clean","graymail":"Marketing"}}""", "graymail: Marketing")]
    public void A_record_naming_its_detection_only_by_a_code_or_a_signature_list_is_named_by_it(string json, string rule) =>
        Assert.Equal(rule, ReadText(json).Value!.Rule);

    [Fact]
    public void A_cloudflare_graphql_event_in_camel_case_gives_its_path_and_query_as_the_url()
    {
        var a = ReadText("""{"ruleId":"100015","action":"block","clientIP":"91.240.118.20","clientRequestPath":"/wp-login.php","clientRequestQuery":"?a=1"}""").Value!;

        Assert.Equal("/wp-login.php?a=1", Verdict.Analysis.Families.AlertFields.Field(a, CanonicalField.Url));
    }

    [Fact]
    public void A_detection_code_beats_a_records_own_label_and_loses_to_a_named_rule()
    {
        Assert.Equal("rule 100015", ReadText("""{"ruleId":"100015","label":"MALICIOUS","clientIP":"91.240.118.20"}""").Value!.Rule);
        Assert.Equal("SQL injection attempt", ReadText("""{"ruleId":"100015","rule_name":"SQL injection attempt"}""").Value!.Rule);
        Assert.Equal("Blocked bot", ReadText("""{"ruleId":"100015","description":"Blocked bot"}""").Value!.Rule);
    }

    [Fact]
    public void An_alerts_or_events_own_id_or_a_not_applicable_list_names_nothing()
    {
        Assert.False(ReadText("""{"alert_id":"9f1","event_id":"7","detection_id":"ldt:1:2","createdAt":"2026-10-03T09:00:00Z"}""").Success);
        Assert.False(ReadText("""{"support_id":"1800000003","sig_names":"N/A","ip_client":"91.240.118.27"}""").Success);
        Assert.False(ReadText("""{"mid":"4410008","verdicts":{"spf":"Pass","antispam":"Negative","amp":"Clean"}}""").Success); // every engine found nothing
    }

    [Fact]
    public void A_destination_remote_or_server_address_is_never_the_source()
    {
        var a = ReadText("""{"alert":{"title":"Outbound beacon"},"conn":{"dst_ip":"203.0.113.9","destination":{"address":"203.0.113.10"},"remote_ip":"203.0.113.11","server":{"ip":"203.0.113.12"},"host":{"ip":"10.0.0.5"}}}""").Value!;

        Assert.Equal("Outbound beacon", a.Rule);
        Assert.Null(a.SourceIp);
    }

    [Fact]
    public void Workflow_people_are_not_the_user_and_web_host_names_are_not_the_host()
    {
        var a = ReadText("""{"alert":{"title":"Impossible travel"},"assigned_to":{"username":"soc.analyst"},"owner":{"email":"lead@acme.example"},"request":{"headers":{"Host":"shop.example"},"url":{"hostname":"shop.example"}}}""").Value!;

        Assert.Null(a.User);
        Assert.Null(a.Host);
    }

    [Fact]
    public void An_event_class_gives_way_to_the_rule_or_threat_the_record_names()
    {
        var edr = ReadText("""{"id":1,"type":"RuleActivated","ruleName":"Credential dumping via procdump","computerName":"corp\\WS-01"}""").Value!;
        Assert.Equal("Credential dumping via procdump", edr.Rule);
        Assert.Equal("ws-01", edr.Host); // the NetBIOS domain before the machine is dropped
        Assert.Equal("Win32/Agent.XYZ trojan",
            ReadText("""{"event_type":"Threat_Event","threat_name":"Win32/Agent.XYZ trojan","hostname":"ws-01"}""").Value!.Rule);
        // A record whose only name for its detection is the class keeps the class.
        Assert.Equal("Threat_Event", ReadText("""{"event_type":"Threat_Event","hostname":"ws-01"}""").Value!.Rule);
        // A rule that is not an event class is kept beside a threat name.
        Assert.Equal("Block known ransomware", ReadText("""{"rule_name":"Block known ransomware","threat_name":"Win32/Filecoder","hostname":"ws-01"}""").Value!.Rule);
    }

    [Fact]
    public void A_Splunk_notable_names_its_search_not_the_sysmon_config_tag() =>
        Assert.Equal("ESCU - Certutil Decode - Rule", ReadText("""{"search_name":"ESCU - Certutil Decode - Rule","RuleName":"technique_id=T1140,technique_name=Deobfuscate","host":"ws-01","EventCode":"1"}""").Value!.Rule);

    [Fact]
    public void The_users_and_machines_a_detection_lists_are_its_user_and_host_and_a_flag_is_never_a_user()
    {
        var a = ReadText("""{"guid":"d-1","name":"Lateral movement","users":[{"guid":"u1","admin":true,"domainUser":true,"displayName":"corp\\jdoe"}],"machines":[{"guid":"m1","displayName":"WS-0042","connected":true}]}""").Value!;
        Assert.Equal("jdoe", a.User);
        Assert.Equal("WS-0042", a.Host, ignoreCase: true);
        Assert.Null(ReadText("""{"name":"Lateral movement","users":[{"guid":"u1","domainUser":true}]}""").Value!.User);
    }

    [Fact]
    public void A_login_outcome_word_is_never_the_user_but_a_login_name_is()
    {
        // A root console login has no user name; its outcome ("Success") is not who signed in.
        Assert.Null(ReadText("""{"rule_name":"Console login","detail":{"eventName":"ConsoleLogin","responseElements":{"ConsoleLogin":"Success"}}}""").Value!.User);
        // A root caller (userIdentity.type "Root", no user name) is the account's root user.
        Assert.Equal("root", ReadText("""{"rule_name":"Root console login","detail":{"eventName":"ConsoleLogin","userIdentity":{"type":"Root","arn":"arn:aws:iam::111122223333:root"},"responseElements":{"ConsoleLogin":"Success"}}}""").Value!.User);
        // Inside an EventBridge envelope, whose "account" is the AWS account's id, not a user.
        Assert.Equal("root", ReadText("""{"detail-type":"AWS Console Sign In via CloudTrail","account":"111122223333","detail":{"eventName":"ConsoleLogin","userIdentity":{"type":"Root","arn":"arn:aws:iam::111122223333:root"},"responseElements":{"ConsoleLogin":"Success"}}}""").Value!.User);
        Assert.Equal("ops.admin", ReadText("""{"rule_name":"Console login","detail":{"eventName":"ConsoleLogin","userIdentity":{"type":"IAMUser","userName":"ops.admin"},"responseElements":{"ConsoleLogin":"Success"}}}""").Value!.User);
        Assert.Equal("jdoe", ReadText("""{"rule_name":"Console login","detail":{"eventName":"ConsoleLogin","responseElements":{"login":"jdoe"}}}""").Value!.User);
    }

    [Fact]
    public void An_envelope_with_an_eval_label_beside_it_is_read_as_its_record()
    {
        var a = ReadText("""{"alert":{"title":"Impossible travel","user":{"name":"bob"}},"label":"BENIGN"}""").Value!;

        Assert.Equal("Impossible travel", a.Rule);
        Assert.Equal("bob", a.User);
        Assert.Contains(a.Fields, f => f is { Key: "label", Value: "BENIGN" });
    }

    [Fact]
    public void An_empty_collection_holds_no_records()
    {
        var results = JsonAlertReader.Read(new MemoryStream("""{"data":[],"meta":{"total":0}}"""u8.ToArray()), "t.json", Context).ToArray();

        Assert.Empty(results);
    }

    [Fact]
    public void A_detection_with_only_a_nested_rule_object_is_named_by_it_and_its_listed_IAM_user_is_the_user()
    {
        // A Wiz Defend-style detection webhook: the rule is only in detection.ruleMatch.rule.name, the actor an IAM_USER entry.
        var a = ReadText("""{"trigger":{"source":"DETECTIONS","ruleName":"Forward to SIEM"},"detection":{"id":"d-17","severity":"MEDIUM","createdAt":"2026-10-03T09:00:00Z","description":"An access key was created for another user.","ruleMatch":{"rule":{"id":"r-9","name":"IAM access key created for other user"}},"actors":[{"name":"ops-deployer","type":"IAM_USER"}],"triggeringEvents":[{"name":"CreateAccessKey","actorIP":"198.51.100.77"}]}}""").Value!;
        Assert.Equal("IAM access key created for other user", a.Rule);
        Assert.Equal("ops-deployer", a.User);

        // A record with a rule field of its own keeps it: the nested rule object is only a fallback.
        var named = ReadText("""{"alert_id":"x1","rule":"Top-level rule","time":"2026-10-03T09:00:00Z","detail":{"rule":{"name":"nested rule"}}}""").Value!;
        Assert.Equal("Top-level rule", named.Rule);
    }
}
