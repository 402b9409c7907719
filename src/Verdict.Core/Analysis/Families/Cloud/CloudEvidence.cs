using System.Text.RegularExpressions;

namespace Verdict.Analysis.Families.Cloud;

/// <summary>
/// Evidence from a cloud control-plane event (CloudTrail or Azure Activity shaped): new credentials, privilege grants,
/// logging switched off, public exposure, root use, console logins without MFA, unusual regions; on the benign side,
/// infrastructure automation named in the context file or user directory, maintenance windows, usual regions.
/// </summary>
public static partial class CloudEvidence
{
    private const string Src = "cloud event";

    public static void Add(FamilyCase c, List<Evidence> evidence)
    {
        var a = c.Alert;
        var op = a.Raw("eventname", "operationname", "operationname.value", "operationnamevalue", "operation", "api", "apicall", "methodname")
            ?? CloudActor.Path(a, "evt.name") ?? CloudActor.Path(a, "ct.name") ?? a.Rule; // Datadog's and Falco's names for the API call
        var actor = CloudActor.Read(a);
        var all = string.Join(" ", a.Fields.Select(f => f.Value)).ToLowerInvariant();
        var opLower = op.ToLowerInvariant();
        var principal = actor.Arn ?? a.Raw("useridentity.arn", "useridentity.username", "caller", "principal", "principalname", "principalemail", "identity.claims.name", "actor") ?? a.User ?? "";
        var failed = a.Raw("errorcode", "error_code", "errormessage") is not null
            || (a.Raw("activitystatus", "activitystatus.value", "activitystatusvalue", "resultstatus") ?? "").Equals("failed", StringComparison.OrdinalIgnoreCase)
            || FailedSignInRule().IsMatch(a.Rule); // the detection itself is named for a failed sign-in ("Failed Console Login"), with no success after it

        var self = SelfService(a, principal);
        // The person behind an SSO session counts as the actor: a listed administrator's permission-set session.
        var adminActor = c.IsPrivileged || c.Context.IsPrivileged(actor.Person);
        var who = actor.Person ?? c.Who;
        var finding = GuardDutyEvidence.IsFinding(a) || PostureFindings.IsAsff(a) || PostureFindings.IsWiz(a) || CloudProducts.IsOcsfCloudFinding(a); // a finding's region is the resource's
        if (AccessKey().IsMatch(opLower))
            evidence.Add(new("new_credentials", self
                ? $"{op}: {Target(a)} created new long-lived credentials for their own user"
                : $"{op}: new long-lived credentials were created for {Target(a) ?? "an identity"}{(adminActor ? $", which is part of {who}'s administrator role" : "")}",
                Leaning.Malicious, self || adminActor ? 0.8 : 1.5, Src));
        if (KeysListed().IsMatch(opLower))
            evidence.Add(new("keys_listed", $"{op}: the resource's access keys were read{(c.IsPrivileged ? $", which is part of {c.Who}'s administrator role" : "")}", Leaning.Malicious, c.IsPrivileged ? 0.5 : 1.2, Src));
        if (PrivilegeChange().IsMatch(opLower))
        {
            var admin = AdminRole().Match(all);
            evidence.Add(new("privilege_change", admin.Success
                ? $"{op} grants administrative rights ('{CommonEvidence.Clip(admin.Value, 60)}')"
                : $"{op} changes permissions{(c.IsPrivileged ? $", which is part of {c.Who}'s administrator role" : "")}", Leaning.Malicious, admin.Success ? 2.5 : c.IsPrivileged ? 0.5 : 1.0, Src));
        }
        if (LoggingOff().IsMatch(opLower))
            evidence.Add(new("logging_disabled", $"{op}: audit logging or threat detection was switched off or deleted, which attackers do to hide", Leaning.Malicious, 2.8, Src));
        if ((PublicExposure().IsMatch(all) || AnyonePrincipal(a)) && Exposing().IsMatch(opLower))
            evidence.Add(new("public_exposure", $"{op} makes a resource public", Leaning.Malicious, 1.5, Src));
        var mfa = a.Flag("additionaleventdata.mfaused", "mfaused", "mfa", "mfaauthenticated", "sessioncontext.attributes.mfaauthenticated")
            ?? CloudReasons.MfaUsedInText(a.Raw("additionaleventdata"));
        if (opLower.Contains("consolelogin", StringComparison.Ordinal) || opLower.Contains("sign-in", StringComparison.Ordinal))
        {
            if (failed)
            {
                // A failed password never reaches the MFA step: "MFA not used" says nothing then.
            }
            else if (mfa == false && SsoRole().IsMatch(principal))
                evidence.Add(new("sso_federated", "A sign-in through the organisation's single sign-on (an SSO permission-set role): MFA is enforced by the identity provider, which CloudTrail does not record", Leaning.Benign, 1.0, Src));
            else if (mfa == false)
                evidence.Add(new("console_login_no_mfa", "Console sign-in without MFA", Leaning.Malicious, 1.0, Src));
            else if (mfa == true)
                evidence.Add(new("mfa_used", "The sign-in used MFA", Leaning.Benign, 0.5, Src));
        }
        // Root attributed to an AWS service acting for the account (GuardDuty's callerType "AWS Service") is no one using root.
        var root = (actor.Type ?? a.Raw("useridentity.type", "identitytype") ?? "").Equals("root", StringComparison.OrdinalIgnoreCase) || principal.EndsWith(":root", StringComparison.Ordinal);
        if (root && actor.AwsService is null)
            evidence.Add(new("root_account", "The account's root user was used: it should be locked away, not used day to day", Leaning.Malicious, 1.5, Src));
        // Prisma Cloud's resourceRegion is where an audit event's call went; a posture finding's region is only the resource's.
        // A place ("City, CC", "Singapore": Defender for Cloud's extendedProperties.Location) is where the caller was, not a cloud region.
        // A GCP audit record names only the zone in resource.labels.zone ("europe-north1-b").
        if ((a.Raw("awsregion", "region", "location", "resourcelocation") ?? (finding || PostureFindings.IsPosture(a) ? null : a.Raw("resourceRegion"))
                ?? CloudActor.Path(a, "resource.labels.zone")) is { } region
            && !IsPlace(region) && c.Context.CloudRegions.Count > 0)
        {
            var usual = UsedRegion(c.Context.CloudRegions, region);
            // A GuardDuty finding's region is where the resource is, not a choice the caller made: only an unused one says anything.
            if (usual && !finding)
                evidence.Add(new("usual_region", $"Region {region} is one the organisation uses", Leaning.Benign, 0.3, "context file"));
            else if (usual) { }
            else if (CloudReasons.GlobalService(a, region))
                evidence.Add(new("global_service", $"Region {region}: the call went to a global AWS service (IAM, STS, CloudFront, Route 53, Organizations, sign-in...), which AWS always records in us-east-1", Leaning.Context, 0, Src));
            else if (!region.Equals("global", StringComparison.OrdinalIgnoreCase))
                evidence.Add(new("unusual_region", $"Region {region} is not one the organisation uses ({string.Join(", ", c.Context.CloudRegions.Take(4))})", Leaning.Malicious, 1.2, "context file"));
        }
        if (PassesRole().IsMatch(opLower) && a.Raw("requestparameters.role", "requestparameters.rolearn", "requestparameters.iaminstanceprofile.arn", "requestparameters.iaminstanceprofile.name") is { } role
            && PrivilegedRoleName().Match(role) is { Success: true } pr)
            evidence.Add(new("privileged_role_passed", $"{op} hands the privileged role '{CommonEvidence.Clip(role, 80)}' ('{pr.Value}') to new compute: code in it runs with those rights (a classic escalation and backdoor)", Leaning.Malicious, 2.0, Src));
        if (Exposing().IsMatch(opLower) && SharedAccount(a, OwnAccount(principal)) is { } other && CloudReasons.BackupCopy(actor))
            evidence.Add(new("backup_copy", $"AWS Backup shared the copy with account {other}: its cross-account copy only works between accounts of the same AWS Organization", Leaning.Benign, 1.5, Src));
        else if (Exposing().IsMatch(opLower) && SharedAccount(a, OwnAccount(principal)) is { } other2)
            evidence.Add(new("shared_outside_account", $"{op} shares the resource with account {other2}, not the organisation's own account: a common way to exfiltrate disks and images", Leaning.Malicious, 1.5, Src));
        if (failed)
            evidence.Add(new("call_failed", "The call failed (an error code is recorded): the change did not happen", Leaning.Context, 0, Src));

        CloudReasons.Add(c, actor, opLower, evidence);
        CloudCallerPlace.Add(c, actor, opLower, evidence);
        GuardDutyEvidence.Add(c, evidence);
        DefenderForCloud.Add(c, evidence);
        BruteForceOutcome.Add(c, evidence);
        PostureFindings.Add(c, evidence);
        FindingDisposition.Add(c, evidence);
        EntraAudit.Add(c, evidence);
        KubernetesAudit.Add(c, evidence);
        InstanceCredentials.Add(c, actor, evidence);
        OperatorReasons.Add(c, actor, evidence);
        WorkloadAnomalies.Add(c, evidence);
        WorkloadProcess.Add(c, evidence);
        ComputeAbuse.Add(c, opLower, evidence);
        if (root && actor.AwsService is null)
            CloudRootUse.Add(c, CallerIp(a), mfa, failed, evidence);
        // A workload scan (side-scanning, an image scan) that found only the EICAR test file: a test of the scanner, as on an endpoint.
        if (Endpoint.EndpointOutcome.TestFileOnly(a.Rule) is { } test)
        {
            Endpoint.EndpointOutcome.DiscountTestFile(evidence, test);
            evidence.Add(new("av_test_file", $"The finding is the EICAR test file ('{test}'), the industry's harmless string for checking that malware scanning works", Leaning.Benign, 2.0, "cloud finding"));
        }
        // The product marks the alert as its own test or sample (Defender for Cloud's "test alert (not a threat)" and
        // "[Sample alert]" names, GuardDuty's sample findings): generated to check the pipeline, not seen happening.
        // The product's own high or critical rating: held open unless something explains the activity (HypothesisScorer.HeldOpen).
        if (a.DetectorSeverity is Verdict.Alerts.Severity.High or Verdict.Alerts.Severity.Critical)
            evidence.Add(new("rated_high", $"the product rated the alert {Verdict.Alerts.SeverityText.Word(a.DetectorSeverity.Value)}: where it came from, who ran it or when does not explain a rating that high away, only an explanation of the activity closes it",
                Leaning.Context, 0, "alert"));
        // An account or privilege change outside business hours: held open unless something explains the change itself
        // (a maintenance window, the organisation's automation), not only who made it and from where (HypothesisScorer.HeldOpen).
        if (CommonEvidence.AccountChange().IsMatch(a.Rule) && a is { Time: not null, TimePrecision: Verdict.Alerts.TimePrecision.Exact } && !c.InBusinessHours)
            evidence.Add(new("off_hours_account_change", "an account or privilege change made outside business hours: who made it and from where does not explain it, only a change record or the organisation's automation does",
                Leaning.Context, 0, "alert"));
        var sample = VendorTest().Match(a.Rule);
        if (sample.Success || (CloudActor.Path(a, "additionalInfo.sample") ?? "").Equals("true", StringComparison.OrdinalIgnoreCase))
            evidence.Add(new("vendor_test_alert", $"The product marks this as its own test or sample alert{(sample.Success ? $" ('{CommonEvidence.Clip(sample.Value, 60)}')" : "")}: generated to check that alerts arrive, not activity it saw", Leaning.Benign, 2.0, "alert"));
        Benign(c, evidence, principal, actor, self && AccessKey().IsMatch(opLower));
    }

    /// <summary>A rule that is only a failed sign-in ("Failed Console Login", "FailedConsoleLogin"): nothing after the sign-in words, so "failed logins then a success" is not one.</summary>
    [GeneratedRegex(@"(?i)^\s*failed\s*(console\s*|portal\s*|web\s*)?(log-?in|logon|sign-?in)s?\s*$")]
    private static partial Regex FailedSignInRule();

    [GeneratedRegex(@"(?i)^\[sample( alert)?\]|\btest alert \(not a threat\)|\bsample (alert|finding)\b")]
    private static partial Regex VendorTest();

    /// <summary>
    /// The region is listed, or it is a zone of a listed region: AWS availability zones add a letter ("eu-central-1a"),
    /// GCP zones a dash and a letter ("europe-north1-b"). Nothing else counts ("eu-central-2" is not "eu-central-1").
    /// </summary>
    public static bool UsedRegion(IReadOnlySet<string> regions, string region) =>
        regions.Contains(region) || (ZoneOfRegion().Match(region) is { Success: true } m && regions.Contains(m.Groups[1].Value));

    [GeneratedRegex(@"^([a-z]+(?:-[a-z]+)+-?\d+)-?[a-z]$", RegexOptions.IgnoreCase)]
    private static partial Regex ZoneOfRegion();

    /// <summary>A city or country ("Singapore", "Paris, FR"), not a cloud region ("ap-southeast-2", "australiaeast").</summary>
    private static bool IsPlace(string location) =>
        location.Contains(',', StringComparison.Ordinal) || Verdict.Logs.Geo.Resolve(location, null, null).Country is not null || Verdict.Logs.Geo.CountryCode(location) is not null;

    /// <summary>The caller acts on its own IAM user (rotating its own key), by the user name in the ARN and the request.</summary>
    private static bool SelfService(Verdict.Alerts.Alert a, string principal) =>
        Target(a) is { } target && principal.Contains(":user/", StringComparison.Ordinal)
        && principal.Split('/')[^1].Equals(target, StringComparison.OrdinalIgnoreCase);

    private static void Benign(FamilyCase c, List<Evidence> evidence, string principal, CloudActor actor, bool ownKey)
    {
        var name = Automation(c, principal, actor);
        var ip = CallerIp(c.Alert);
        // An address the context file lists as the organisation's egress is its public face even inside a reserved range
        // (carrier-grade NAT 100.64.0.0/10, documentation ranges in examples): the file says so.
        var publicIp = ip is not null && System.Net.IPAddress.TryParse(ip, out _)
            && (!FamilyCase.IsInternal(ip) || c.Context.AutomationEgress.Contains(ip) || c.Context.VpnEgress.Contains(ip));
        // The organisation's own VPN/NAT egress is not attacker infrastructure: on-premises automation (backup, sync) leaves
        // through it; nor is its scanner's range, from which the scanner's cloud connector reads the account.
        var ownEgress = publicIp && (c.Context.VpnEgress.Contains(ip) || c.Context.KnownScanners.Contains(ip));
        if (name is not null && publicIp && !ownEgress && !c.Context.AutomationEgress.IsEmpty && !c.Context.AutomationEgress.Contains(ip))
            evidence.Add(new("automation_unusual_source", $"{name} is infrastructure automation, but the call came from {ip}, outside the addresses automation runs from (context file automation_egress): its credentials may be stolen", Leaning.Malicious, 2.0, "context file", Strong: true));
        else if (name is not null)
        {
            // Verified by its address, automation that creates, destroys and reconfigures resources is doing its job:
            // infrastructure-as-code replaces trails, detectors, flow logs and policies routinely, so such changes weigh half.
            var verified = publicIp && !c.Context.AutomationEgress.IsEmpty;
            evidence.Add(new(verified ? "automation_verified" : "automation_principal", $"{name} is infrastructure automation (a service account in the context file or user directory){(verified ? $", calling from its usual address {ip}" : "")}", Leaning.Benign, verified ? 3.0 : 2.5, "context file"));
            if (verified) HalveRoutineChanges(evidence, "routine for infrastructure-as-code from its own address");
        }
        if (name is null && publicIp && c.Context.AutomationEgress.Contains(ip))
        {
            evidence.Add(new("automation_egress", $"The call came from {ip}, the organisation's automation runners (context file automation_egress): a pipeline made it", Leaning.Benign, 2.0, "context file"));
            HalveRoutineChanges(evidence, "routine for infrastructure-as-code from the automation runners");
        }
        if (ownKey && name is null && ((ip is not null && FamilyCase.IsInternal(ip)) || c.InBusinessHours))
            evidence.Add(new("self_service_key", $"{c.Who} created a key for their own user{(c.InBusinessHours ? " in business hours" : "")}{(ip is not null && FamilyCase.IsInternal(ip) ? " from the corporate network" : "")}: the routine key rotation", Leaning.Benign, 1.0, Src));
        // In a GuardDuty network finding the remote address may be the victim, not the caller.
        var caller = !GuardDutyEvidence.IsFinding(c.Alert) || CloudActor.Path(c.Alert, "action.actionType") is "AWS_API_CALL";
        if (caller && ip is not null && System.Net.IPAddress.TryParse(ip, out var address) && IsPrivate(address))
            evidence.Add(new("corporate_source", $"The call came from the corporate network ({ip})", Leaning.Benign, 0.5, "alert"));
        if (c.Alert.Time is { } t && c.Context.MaintenanceAt(t) is { } window)
            evidence.Add(new("change_window", $"During the change window '{window.Description}'", Leaning.Benign, name is null ? 0.7 : 1.0, "context file"));
        if ((c.IsPrivileged || c.Context.IsPrivileged(actor.Person)) && name is null && c.InBusinessHours)
            evidence.Add(new("admin_in_hours", $"{actor.Person ?? c.Who} is a cloud administrator working in business hours", Leaning.Benign, 1.0, "context file"));
    }

    /// <summary>The caller's address: the alert's source, CloudTrail's and Azure's caller fields, or the one address the description names.</summary>
    private static string? CallerIp(Verdict.Alerts.Alert a) =>
        a.SourceIp ?? a.Raw("sourceipaddress", "callerip", "callipaddress", "clientipaddress") ?? OnlyAddressIn(a.Description);

    /// <summary>
    /// The one IPv4 address a detection's own description names ("terraform-ci from 203.0.113.9 performed 148 IAM write
    /// calls"), when no field carries the caller's address; null when it names none or several.
    /// </summary>
    private static string? OnlyAddressIn(string? description)
    {
        if (description is null) return null;
        var found = CommonEvidence.Ipv4InText().Matches(description).Select(m => m.Value).Distinct().ToList();
        return found.Count == 1 && System.Net.IPAddress.TryParse(found[0], out _) ? found[0] : null;
    }


    /// <summary>The principal's name when it is a listed service account: by user, or by the role or user name at the end of an ARN.</summary>
    private static string? Automation(FamilyCase c, string principal, CloudActor actor)
    {
        // An ARN's every path segment: "assumed-role/terraform-ci/session-1" names the role terraform-ci.
        var candidates = new[] { c.Alert.User, principal }.Concat(principal.Split(':')[^1].Split('/'))
            .Append(principal.Split('@')[0]).Concat(actor.Names(c.Alert)) // a GCP service account's e-mail: its account id before '@'
            .Concat(AppNameParts(EntraAudit.App(c.Alert))); // an Entra app named after its service account: "Terraform Cloud (terraform-ci)"
        foreach (var who in candidates)
        {
            if (string.IsNullOrWhiteSpace(who)) continue;
            var u = who.ToLowerInvariant();
            if (c.Context.IsServiceAccount(u)) return who;
            if (c.Enrichment.Inventory.FindUser(u) is { } d && AutomationTitle().IsMatch($"{d.Title} {d.Department}")) return who;
        }
        return null;
    }

    private static string[] AppNameParts(string? app) =>
        app?.Split([' ', '(', ')', '[', ']', ','], StringSplitOptions.RemoveEmptyEntries) ?? [];

    /// <summary>Halves the changes infrastructure-as-code makes routinely (grants, trails and diagnostic settings replaced, keys, exposure).</summary>
    private static void HalveRoutineChanges(List<Evidence> evidence, string why)
    {
        for (var i = 0; i < evidence.Count; i++)
        {
            if (evidence[i] is { Source: Src, Supports: Leaning.Malicious } e && e.Key is "privilege_change" or "logging_disabled" or "new_credentials" or "public_exposure")
                evidence[i] = e with { Weight = e.Weight / 2, Description = $"{e.Description} (halved: {why})" };
        }
    }

    /// <summary>The account id in an ARN (arn:aws:iam::123456789012:user/x), or "" when none.</summary>
    private static string OwnAccount(string arn) => arn.Split(':') is { Length: > 4 } p ? p[4] : "";

    /// <summary>An account id a share grants access to (createVolumePermission, launchPermission...), other than the caller's own.</summary>
    private static string? SharedAccount(Verdict.Alerts.Alert a, string own)
    {
        foreach (var (key, value) in a.Fields)
        {
            if (SharedWith().IsMatch(key.ToLowerInvariant()) && AccountId().Match(value) is { Success: true } m && m.Value != own) return m.Value;
        }
        return null;
    }

    /// <summary>A policy statement whose principal is everyone ("Principal": "*" or {"AWS": "*"}), as flattened from the request.</summary>
    private static bool AnyonePrincipal(Verdict.Alerts.Alert a) => a.Fields.Any(f => f.Value.Trim() == "*"
        && (f.Key.EndsWith(".principal", StringComparison.OrdinalIgnoreCase) || f.Key.EndsWith(".principal.aws", StringComparison.OrdinalIgnoreCase)));

    private static bool IsPrivate(System.Net.IPAddress ip) => ip.GetAddressBytes() is { Length: 4 } b
        && (b[0] == 10 || (b[0] == 172 && b[1] is >= 16 and < 32) || (b[0] == 192 && b[1] == 168));

    private static string? Target(Verdict.Alerts.Alert a) => CloudActor.Path(a, "requestParameters.userName") ?? a.Raw("requestparameters.username", "targetuser", "target", "resource", "resourceid");

    [GeneratedRegex(@"createaccesskey|createserviceaccountkey|createloginprofile|updateloginprofile|createservicespecificcredential|serviceprincipals/credentials|add service principal credentials|certificates and secrets|generateaccesstoken")]
    private static partial Regex AccessKey();

    [GeneratedRegex(@"listkeys/action|listaccountsas/action")]
    private static partial Regex KeysListed();

    [GeneratedRegex(@"attach(?:user|role|group)policy|put(?:user|role|group)policy|addusertogroup|createpolicyversion|setdefaultpolicyversion|updateassumerolepolicy|roleassignments/write|add member to role|add member to group|add app role assignment|elevateaccess|setiampolicy")]
    private static partial Regex PrivilegeChange();

    [GeneratedRegex(@"administratoraccess|iamfullaccess|poweruseraccess|""action""\s*:\s*""\*""|\bowner\b|user access administrator|global administrator|privileged role administrator|roles/owner|roles/editor")]
    private static partial Regex AdminRole();

    [GeneratedRegex(@"stoplogging|deletetrail|updatetrail|puteventselectors|deleteflowlogs|deletedetector|updatedetector|disablesecurityhub|stopconfigurationrecorder|deleteconfigurationrecorder|deletedeliverychannel|diagnosticsettings/delete|deleteloggroup|disableorganizationadminaccount|sinks\.delete|deletesink")]
    private static partial Regex LoggingOff();

    [GeneratedRegex(@"""principal""\s*:\s*(?:""\*""|\{\s*""aws""\s*:\s*""\*"")|allusers|public-read|authenticatedusers|""group""\s*:\s*""all""|0\.0\.0\.0/0|""sourceaddressprefix""\s*:\s*""(?:\*|internet|any)""")]
    private static partial Regex PublicExposure();

    [GeneratedRegex(@"putbucketpolicy|putbucketacl|putobjectacl|modifysnapshotattribute|modifyimageattribute|authorizesecuritygroupingress|deletepublicaccessblock|setiampolicy|setiampermissions|securityrules/write")]
    private static partial Regex Exposing();

    [GeneratedRegex(@"createvolumepermission|launchpermission|sharedwith|accountids")]
    private static partial Regex SharedWith();

    [GeneratedRegex(@"\b\d{12}\b")]
    private static partial Regex AccountId();

    [GeneratedRegex(@"createfunction|updatefunctionconfiguration|runinstances|associateiaminstanceprofile|createstack|createjob|createnotebookinstance|passrole")]
    private static partial Regex PassesRole();

    [GeneratedRegex(@"(?i)admin|break-?glass|owner|poweruser|fullaccess|organizationaccountaccessrole")]
    private static partial Regex PrivilegedRoleName();

    [GeneratedRegex(@"(?i)assumed-role/AWSReservedSSO_|/aws-reserved/sso\.amazonaws\.com/")]
    private static partial Regex SsoRole();

    [GeneratedRegex(@"(?i)automation|service account|pipeline|terraform|ci/cd|devops bot")]
    private static partial Regex AutomationTitle();
}
