using System.Text.Json;
using Verdict.Analysis;
using Verdict.Context;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// GCP Cloud Audit Logs, Security Command Center and Defender for Cloud alerts in their native shapes, read as cloud
/// alerts: each benign reason (the product's own "blocked"/"no login succeeded", the EICAR test file, approved travel,
/// automation from its own egress, a listed administrator) closes its case and the attack riding it stays open.
/// </summary>
public sealed class CloudVendorAlertTests
{
    private const string Runner = "4.175.22.10";
    private const string Vpn = "203.0.113.5";
    private const string Foreign = "102.89.34.117";

    private static EnvironmentContext Context()
    {
        IpRangeSet Set(string cidr)
        {
            var s = new IpRangeSet();
            Assert.True(s.TryAdd(cidr));
            return s;
        }
        return FamilyFixtures.Context() with
        {
            AutomationEgress = Set("4.175.22.0/24"), VpnEgress = Set("203.0.113.0/28"),
            CloudRegions = new HashSet<string>(["australia-southeast1", "australiaeast"], StringComparer.OrdinalIgnoreCase),
            ApprovedTravel = [new("jo.bloggs", new HashSet<string>(["NZ"]), new(2026, 11, 16), new(2026, 11, 20), "Workshop in Auckland")],
        };
    }

    private static Assessment Assess(object input) =>
        FamilyFixtures.Triage([new FamilyFixture("c0", JsonSerializer.Serialize(input), true, "")], Context())[0].Assessment!;

    private static object Audit(string method, string who, string ip, string resource) => new
    {
        rule = method, // what the onboarding mapping (protoPayload.methodName: rule) gives
        insertId = "a1", logName = "projects/p1/logs/cloudaudit.googleapis.com%2Factivity", timestamp = "2026-11-18T03:30:51Z",
        protoPayload = new
        {
            serviceName = "iam.googleapis.com", methodName = method, resourceName = resource,
            authenticationInfo = new { principalEmail = who }, requestMetadata = new { callerIp = ip },
            resourceLocation = new { currentLocations = new[] { "australia-southeast1" } },
        },
        severity = "NOTICE",
    };

    private static object Defender(string type, string name, object extended, string severity = "Low") => new
    {
        id = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Security/locations/australiaeast/alerts/a1", type = "Microsoft.Security/Locations/alerts",
        properties = new
        {
            alertType = type, alertDisplayName = name, severity, timeGeneratedUtc = "2026-11-18T10:00:00Z", status = "Active",
            compromisedEntity = "Microsoft.Compute/virtualMachines/vm-1", productName = "Microsoft Defender for Cloud", extendedProperties = extended,
        },
    };

    [Fact]
    public void A_gcp_service_account_key_minted_by_an_ordinary_user_from_abroad_stays_open()
    {
        var key = Assess(Audit("google.iam.admin.v1.CreateServiceAccountKey", "fatima.ali@globex.com", Foreign, "projects/-/serviceAccounts/deployer@p1.iam.gserviceaccount.com"));
        Assert.Contains(key.Evidence, e => e.Key == "new_credentials");
        Assert.NotEqual(Classification.Benign, key.Classification);
    }

    [Fact]
    public void A_gcp_automation_service_account_is_trusted_from_its_runners_and_suspect_from_elsewhere()
    {
        var ci = Assess(Audit("SetIamPolicy", "svc-terraform@p1.iam.gserviceaccount.com", Runner, "projects/p1"));
        Assert.Contains(ci.Evidence, e => e.Key == "automation_verified");
        Assert.Equal(Classification.Benign, ci.Classification);

        var stolen = Assess(Audit("SetIamPolicy", "svc-terraform@p1.iam.gserviceaccount.com", Foreign, "projects/p1"));
        Assert.Contains(stolen.Evidence, e => e.Key == "automation_unusual_source" && e.Strong);
        Assert.NotEqual(Classification.Benign, stolen.Classification);
    }

    [Fact]
    public void On_premises_automation_leaving_through_the_organisations_own_egress_is_not_an_unusual_source()
    {
        object Snapshot(string ip) => new
        {
            rule = "Create or Update Snapshot", // the onboarding mapping's operationName.localizedValue
            authorization = new { action = "Microsoft.Compute/snapshots/write" }, caller = "svc-backup@globex.com", eventTimestamp = "2026-11-18T23:30:02Z",
            operationName = new { value = "Microsoft.Compute/snapshots/write", localizedValue = "Create or Update Snapshot" },
            httpRequest = new { clientIpAddress = ip, method = "PUT" }, subscriptionId = "s1", level = "Informational",
        };
        var own = Assess(Snapshot(Vpn));
        Assert.DoesNotContain(own.Evidence, e => e.Key == "automation_unusual_source");
        Assert.Equal(Classification.Benign, own.Classification);

        var elsewhere = Assess(Snapshot(Foreign));
        Assert.Contains(elsewhere.Evidence, e => e.Key == "automation_unusual_source" && e.Strong);
        Assert.NotEqual(Classification.Benign, elsewhere.Classification);
    }

    /// <summary>A Defender for Cloud alert as Sentinel stores it: a SecurityAlert row, ExtendedProperties and Entities as JSON strings.</summary>
    private static object SecurityAlert(string type, string name, Dictionary<string, string> extended, string ip, string account,
        string severity = "Medium", string product = "Azure Security Center", string? description = null) => new
    {
        TimeGenerated = "2026-11-18T10:00:00Z", DisplayName = name, AlertName = name, AlertSeverity = severity, AlertType = type,
        Description = description ?? $"{account} did something on vm-1.", ProviderName = product, ProductName = product, VendorName = "Microsoft",
        SystemAlertId = "0b1c2d3e-0000-4000-8000-000000000001", CompromisedEntity = "vm-1", Status = "New", Type = "SecurityAlert",
        ResourceId = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm-1",
        ExtendedProperties = JsonSerializer.Serialize(extended),
        Entities = JsonSerializer.Serialize(new object[] { new Dictionary<string, string> { ["$id"] = "2", ["Address"] = ip, ["Type"] = "ip" },
            new Dictionary<string, string> { ["$id"] = "3", ["Name"] = account, ["Type"] = "account" } }),
    };

    [Fact]
    public void A_defender_for_cloud_securityalert_row_is_a_cloud_alert_trusted_from_the_runners_and_suspect_from_elsewhere()
    {
        object RunCommand(string ip) => SecurityAlert("ARM_AnomalousServiceOperation.Execution",
            "Suspicious invocation of a high-risk 'Execution' operation by a service principal detected",
            new Dictionary<string, string> { ["Client IP Address"] = ip, ["Principal"] = "svc-terraform" }, ip, "svc-terraform");
        var ci = Assess(RunCommand(Runner));
        Assert.Contains(ci.Evidence, e => e.Key == "automation_verified");
        Assert.Equal(Classification.Benign, ci.Classification);

        var stolen = Assess(RunCommand(Foreign));
        Assert.Contains(stolen.Evidence, e => e.Key == "automation_unusual_source" && e.Strong);
        Assert.NotEqual(Classification.Benign, stolen.Classification);
    }

    [Fact]
    public void A_location_stated_only_in_the_description_closes_on_approved_travel_only()
    {
        // The SecurityAlert row gives the place only in its description; the account and address are entities.
        object Geo(string place) => SecurityAlert("Storage.Blob_GeoAnomaly", "Access from an unusual location to a storage account",
            new Dictionary<string, string> { ["Client IP Address"] = "121.98.44.210", ["Principal"] = "jo.bloggs@globex.com" }, "121.98.44.210", "jo.bloggs@globex.com",
            severity: "Low", description: $"The storage account stboard was accessed from an unusual location ({place}) using a SAS token.");
        var trip = Assess(Geo("Auckland, NZ"));
        Assert.Contains(trip.Evidence, e => e.Key == "approved_travel");
        Assert.Equal(Classification.Benign, trip.Classification);

        var other = Assess(Geo("Lagos, NG"));
        Assert.DoesNotContain(other.Evidence, e => e.Key == "approved_travel");
        Assert.NotEqual(Classification.Benign, other.Classification);
    }

    [Fact]
    public void A_securityalert_rows_extended_properties_are_read_only_when_defender_for_cloud_raised_it()
    {
        Dictionary<string, string> Logins(string n) => new() { ["Attacker IP"] = "45.135.232.77", ["Successful logins"] = n };
        var failed = Assess(SecurityAlert("VM_SshBruteForceFailed", "Failed SSH brute force attack", Logins("0"), "45.135.232.77", "root"));
        Assert.Contains(failed.Evidence, e => e.Key == "brute_force_failed");
        Assert.Equal(Classification.Benign, failed.Classification);

        var success = Assess(SecurityAlert("VM_SshBruteForce", "SSH brute force attack", Logins("3"), "45.135.232.77", "root"));
        Assert.Contains(success.Evidence, e => e.Key == "brute_force_succeeded" && e.Strong);
        Assert.NotEqual(Classification.Benign, success.Classification);

        // Another product's SecurityAlert row (a Sentinel analytics rule) is not read by Defender for Cloud's documented fields.
        var other = Assess(SecurityAlert("VM_SshBruteForceFailed", "Failed SSH brute force attack", Logins("0"), "45.135.232.77", "root", product: "Azure Sentinel"));
        Assert.DoesNotContain(other.Evidence, e => e.Key == "brute_force_failed");
    }

    [Fact]
    public void A_brute_force_where_no_login_succeeded_closes_but_one_that_got_in_does_not()
    {
        var failed = Assess(Defender("VM_SshBruteForceFailed", "Failed SSH brute force attack", new Dictionary<string, string> { ["Attacker IP"] = "45.135.232.77", ["Successful logins"] = "0" }, "Medium"));
        Assert.Contains(failed.Evidence, e => e.Key == "brute_force_failed");
        Assert.Equal(Classification.Benign, failed.Classification);

        var success = Assess(Defender("VM_SshBruteForce", "SSH brute force attack", new Dictionary<string, string> { ["Attacker IP"] = "45.135.232.77", ["Successful logins"] = "3" }, "Medium"));
        Assert.Contains(success.Evidence, e => e.Key == "brute_force_succeeded" && e.Strong);
        Assert.NotEqual(Classification.Benign, success.Classification);
    }

    [Fact]
    public void Denied_traffic_and_a_quarantined_eicar_close_but_a_miner_with_no_action_stays_open()
    {
        var denied = Assess(Defender("Network_TrafficFromUnrecommendedIP", "Traffic detected from IP addresses recommended for blocking",
            new Dictionary<string, string> { ["Source IPs"] = "45.135.232.77", ["Action"] = "Denied (NSG)" }));
        Assert.Contains(denied.Evidence, e => e.Key == "vendor_blocked");
        Assert.Equal(Classification.Benign, denied.Classification);

        var eicar = Assess(Defender("VM_AmMalwareDetectedAndAction", "Antimalware Action Taken",
            new Dictionary<string, string> { ["Threat Name"] = "Virus:DOS/EICAR_Test_File", ["Action Taken"] = "Quarantine" }));
        Assert.Contains(eicar.Evidence, e => e.Key == "eicar_test_file");
        Assert.Equal(Classification.Benign, eicar.Classification);

        var miner = Assess(Defender("VM_CurrencyMining", "Digital currency mining related behavior detected",
            new Dictionary<string, string> { ["Process"] = "/tmp/.x/xmrig", ["Account"] = "tomcat" }, "High"));
        Assert.DoesNotContain(miner.Evidence, e => e.Key == "vendor_blocked");
        Assert.Contains(miner.Evidence, e => e.Key == "defender_compromise" && e.Strong);
        Assert.NotEqual(Classification.Benign, miner.Classification);
    }

    [Fact]
    public void A_location_anomaly_on_approved_travel_closes_but_the_same_user_from_another_country_does_not()
    {
        object Geo(string location) => Defender("Storage.Blob_GeoAnomaly", "Access from an unusual location to a storage account",
            new Dictionary<string, string> { ["Client IP address"] = "121.98.44.210", ["Client location"] = location, ["Principal"] = "jo.bloggs@globex.com" });
        var trip = Assess(Geo("Auckland, New Zealand"));
        Assert.Contains(trip.Evidence, e => e.Key == "approved_travel");
        Assert.Equal(Classification.Benign, trip.Classification);

        var other = Assess(Geo("Lagos, Nigeria"));
        Assert.DoesNotContain(other.Evidence, e => e.Key == "approved_travel");
        Assert.NotEqual(Classification.Benign, other.Classification);
    }

    [Fact]
    public void A_storage_alerts_location_is_the_callers_place_not_a_region_and_closes_on_approved_travel_only()
    {
        // Storage alerts give "Location": "City, CC" and the account among the entities, not a "Principal".
        object Storage(string location) => new
        {
            id = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Security/locations/australiaeast/alerts/a2", type = "Microsoft.Security/Locations/alerts",
            properties = new
            {
                alertType = "Storage.Blob_GeoAnomaly", alertDisplayName = "Access from an unusual location to a storage account", severity = "Low",
                timeGeneratedUtc = "2026-11-18T10:00:00Z", status = "Active", compromisedEntity = "stmarketing", productName = "Microsoft Defender for Cloud",
                extendedProperties = new Dictionary<string, string> { ["Authentication Type"] = "AAD", ["Location"] = location },
                entities = new object[] { new { type = "ip", address = "121.98.44.210" }, new { type = "account", name = "jo.bloggs", upnSuffix = "globex.com" } },
            },
        };
        var trip = Assess(Storage("Auckland, NZ"));
        Assert.DoesNotContain(trip.Evidence, e => e.Key == "unusual_region");
        Assert.Contains(trip.Evidence, e => e.Key == "approved_travel");
        Assert.Equal(Classification.Benign, trip.Classification);

        var other = Assess(Storage("Lagos, NG"));
        Assert.DoesNotContain(other.Evidence, e => e.Key is "approved_travel" or "unusual_region");
        Assert.NotEqual(Classification.Benign, other.Classification);
    }

    [Fact]
    public void A_bare_city_location_is_the_callers_place_not_a_region_and_closes_on_approved_travel_only()
    {
        // Resource Manager's location anomaly gives "Location": "Auckland" (no country): a place, not a cloud region.
        object Arm(string location) => new
        {
            id = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Security/locations/australiaeast/alerts/a3", type = "Microsoft.Security/Locations/alerts",
            properties = new
            {
                alertType = "ARM_UnusualLocation", alertDisplayName = "Access from an unusual location", severity = "Low",
                timeGeneratedUtc = "2026-11-18T10:00:00Z", status = "Active", compromisedEntity = "sub-prod", productName = "Microsoft Defender for Cloud",
                extendedProperties = new Dictionary<string, string> { ["Caller IP"] = "121.98.44.210", ["Location"] = location },
                entities = new object[] { new { type = "ip", address = "121.98.44.210" }, new { type = "account", name = "jo.bloggs", upnSuffix = "globex.com" } },
            },
        };
        var trip = Assess(Arm("Auckland"));
        Assert.DoesNotContain(trip.Evidence, e => e.Key == "unusual_region");
        Assert.Contains(trip.Evidence, e => e.Key == "approved_travel");
        Assert.Equal(Classification.Benign, trip.Classification);

        var other = Assess(Arm("Lagos"));
        Assert.DoesNotContain(other.Evidence, e => e.Key is "approved_travel" or "unusual_region");
        Assert.NotEqual(Classification.Benign, other.Classification);

        // A real region in the same field is still read as one.
        Assert.Contains(Assess(Arm("brazilsouth")).Evidence, e => e.Key == "unusual_region");
    }

    [Fact]
    public void A_high_rated_mass_secret_read_from_the_corporate_vpn_stays_open()
    {
        // Where it came from (the organisation's VPN egress) says nothing about why a user read a vault's secrets in bulk.
        var vault = Assess(Defender("KV_ListGetAnomaly", "Unusual user-application pair accessed a key vault",
            new Dictionary<string, string> { ["User"] = "jo.bloggs@globex.com", ["Client IP"] = Vpn, ["Operations"] = "SecretList, SecretGet x90" }, severity: "High"));
        Assert.Contains(vault.Evidence, e => e.Key == "vpn_egress");
        Assert.NotEqual(Classification.Benign, vault.Classification);
    }

    [Fact]
    public void The_products_own_test_alert_closes_but_an_alert_about_a_test_machine_does_not()
    {
        var test = Assess(Defender("VM_EICAR", "Microsoft Defender for Cloud test alert (not a threat)",
            new Dictionary<string, string> { ["Note"] = "test" }, severity: "High"));
        Assert.Contains(test.Evidence, e => e.Key == "vendor_test_alert");
        Assert.Equal(Classification.Benign, test.Classification);

        Assert.Contains(Assess(Defender("VM_SuspiciousCommand", "[Sample alert] Suspicious command line", new Dictionary<string, string>(), severity: "High")).Evidence,
            e => e.Key == "vendor_test_alert");

        // "test" in the name of what was attacked is not the product saying the alert is a test.
        var server = Assess(Defender("VM_SuspiciousCommand", "Suspicious command line on the test server",
            new Dictionary<string, string> { ["Note"] = "test" }, severity: "High"));
        Assert.DoesNotContain(server.Evidence, e => e.Key == "vendor_test_alert");
        Assert.NotEqual(Classification.Benign, server.Classification);
    }
}
