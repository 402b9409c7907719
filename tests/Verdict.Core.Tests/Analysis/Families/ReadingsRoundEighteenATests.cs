using System.Text;
using Verdict.Analysis.Families;
using Verdict.Context;
using Verdict.Ingest;
using Verdict.Tests.Support;

namespace Verdict.Tests.Analysis.Families;

/// <summary>
/// Products' records in the shapes their real sample events have (tests/data/families/readings18a-products.jsonl, made-up
/// values): Defender for Endpoint alerts from Microsoft Graph security alerts_v2 with their evidence list, Bitdefender
/// GravityZone push events, AWS CloudTrail records of assumed roles, and Wazuh alerts carrying Windows events. Each
/// product's host, process, parent, command line, user and action are read from its own fields, each benign case closes
/// for the reason those readings give, and each attack stays open.
/// </summary>
public sealed class ReadingsRoundEighteenATests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> Reason = new()
    {
        ["r18a-mde-b1"] = "deployment_tool", ["r18a-mde-b2"] = "blocked_unwanted", ["r18a-bd-b1"] = "av_test_file", ["r18a-ct-b1"] = "automation_principal", ["r18a-wz-b1"] = "scanner",
    };

    [Fact]
    public void Each_benign_alert_closes_for_its_reason_and_each_attack_stays_open()
    {
        var fixtures = FamilyFixtures.Load("readings18a-products");
        Assert.Empty(FamilyFixtures.Misdecided(fixtures, FamilyFixtures.Triage(fixtures, FamilyFixtures.Context()), output, Reason, idsRead: false));
    }

    [Fact]
    public void Each_product_names_its_host_process_parent_user_and_action()
    {
        var fixtures = FamilyFixtures.Load("readings18a-products");
        var outcomes = FamilyFixtures.Triage(fixtures, FamilyFixtures.Context());
        var alerts = FamilyFixtures.AlertsById(fixtures, outcomes);

        // Graph alerts_v2: the process evidence's image and parent image files (folder and name), its account when no user
        // evidence names one (the device lists nobody logged on), the device evidence's DNS name.
        var mde = alerts["r18a-mde-a1"];
        Assert.Equal(("C:\\Windows\\System32\\rundll32.exe", "C:\\Windows\\System32\\cmd.exe"), (mde.Process, mde.ParentProcess));
        Assert.Equal(("m.ortiz", "gx-ws-0377.globex.com"), (mde.User, mde.Host));
        Assert.Equal("C:\\Windows\\CCM\\CcmExec.exe", alerts["r18a-mde-b1"].ParentProcess);
        // The file evidence's own decision is read past the device evidence's "none".
        Assert.Equal("prevented", alerts["r18a-mde-b2"].Raw("remediation_status"));
        Assert.DoesNotContain(alerts["r18a-mde-a1"].Fields, f => f.Key == "remediation_status");
        // An antivirus alert's detected file (its file evidence) is the process.
        Assert.Equal("C:\\Users\\s.moreau\\Downloads\\FreeVideoConverterSetup.exe", alerts["r18a-mde-b2"].Process);
        // GravityZone: malware_name is the rule, final_status the action; an incident's main_action and parent_process_path.
        Assert.Equal(("Trojan.PSW.Agent.NSQ", "ignored"), (alerts["r18a-bd-a2"].Rule, alerts["r18a-bd-a2"].Field(CanonicalField.Result)));
        var incident = alerts["r18a-bd-a1"];
        Assert.Equal(("ATC.Malicious", "c:\\windows\\system32\\cmd.exe", "no action"), (incident.Rule, incident.ParentProcess, incident.Field(CanonicalField.Result)));
        // CloudTrail: eventName is the rule; an assumed role's session names the person, not the role; an instance's session
        // (named after the instance) leaves the role.
        Assert.Equal(("PutBucketPolicy", "svc-terraform"), (alerts["r18a-ct-b1"].Rule, alerts["r18a-ct-b1"].User));
        Assert.Equal(("StopLogging", "d.novak"), (alerts["r18a-ct-a1"].Rule, alerts["r18a-ct-a1"].User));
        Assert.Equal("globex-web-ec2-role", alerts["r18a-ct-a2"].User);
        // Wazuh: the event channel's escaped backslashes read single again.
        var sysmon = alerts["r18a-wz-a1"];
        Assert.Equal("C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe", sysmon.Process);
        Assert.Equal("C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE", sysmon.ParentProcess);
        Assert.Equal(("svc-nessus", "10.50.0.10", "failure"), (alerts["r18a-wz-b1"].User, alerts["r18a-wz-b1"].SourceIp, alerts["r18a-wz-b1"].Field(CanonicalField.Result)));
        Assert.Equal("success", alerts["r18a-wz-a2"].Field(CanonicalField.Result));
        Assert.Null(sysmon.Field(CanonicalField.Result)); // a Sysmon event names no outcome
        Assert.Equal(("administrator", "91.240.118.29", "gx-dc-01"), (alerts["r18a-wz-a2"].User, alerts["r18a-wz-a2"].SourceIp, alerts["r18a-wz-a2"].Host));
    }

    [Fact]
    public void A_user_evidence_names_the_user_before_the_process_account()
    {
        var record = """
            {"id":"g1","title":"Suspicious process","serviceSource":"microsoftDefenderForEndpoint","detectionSource":"edr","status":"new","evidence":[
             {"@odata.type":"#microsoft.graph.security.processEvidence","processCommandLine":"whoami /all","imageFile":{"fileName":"whoami.exe","filePath":null},
              "userAccount":{"accountName":"SYSTEM","domainName":"NT AUTHORITY"}},
             {"@odata.type":"#microsoft.graph.security.userEvidence","userAccount":{"accountName":"k.ito","domainName":"GLOBEX","userPrincipalName":"k.ito@globex.com"}}]}
            """.ReplaceLineEndings("");
        var alert = JsonAlertReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(record)), "g.json", EnvironmentContext.Default).Single().Value!;

        Assert.Equal(("k.ito", "whoami.exe"), (alert.User, alert.Process));
    }

    [Theory]
    [InlineData("""{"eventName":"ListBuckets","userIdentity":{"type":"IAMUser","userName":"deploy-bot","arn":"arn:aws:iam::210987654321:user/deploy-bot"}}""", "deploy-bot")]
    [InlineData("""{"eventName":"ListBuckets","userIdentity":{"type":"AssumedRole","arn":"arn:aws:sts::210987654321:assumed-role/Ops/a.lee@globex.com"}}""", "a.lee")]
    public void A_CloudTrail_caller_is_the_IAM_user_or_the_role_session(string record, string user)
    {
        var alert = JsonAlertReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(record)), "ct.json", EnvironmentContext.Default).Single().Value!;

        Assert.Equal(("ListBuckets", user), (alert.Rule, alert.User));
    }

    [Fact]
    public void A_GravityZone_anti_exploit_event_names_the_exploited_process_its_parent_and_the_action()
    {
        var record = """
            {"product_installed":"BEST","computer_name":"GX-WS-0520","computer_ip":"10.20.5.20","detection_action":"kill","detection_threatName":"Exploit.PDF.Generic.3021",
             "detection_exploitTechnique":"Shellcode/Generic","detection_path":"C:\\Program Files\\Adobe\\Acrobat DC\\Acrobat\\Acrobat.exe",
             "detection_parentPath":"C:\\Windows\\explorer.exe","detection_username":"GLOBEX\\n.berg","detection_time":"2026-11-22T12:01:30.000Z","module":"antiexploit"}
            """.ReplaceLineEndings("");
        var alert = JsonAlertReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(record)), "bd.json", EnvironmentContext.Default).Single().Value!;

        Assert.Equal(("C:\\Program Files\\Adobe\\Acrobat DC\\Acrobat\\Acrobat.exe", "C:\\Windows\\explorer.exe"), (alert.Process, alert.ParentProcess));
        Assert.Equal(("Exploit.PDF.Generic.3021", "kill", "n.berg"), (alert.Rule, alert.Field(CanonicalField.Result), alert.User));
    }

    [Fact]
    public void A_Wazuh_group_change_names_the_administrator_who_made_it_not_the_group()
    {
        var record = """
            {"rule":{"level":12,"description":"Administrators Group Changed","id":"60154"},"agent":{"name":"GX-DC-01"},"data":{"win":{
             "system":{"providerName":"Microsoft-Windows-Security-Auditing","eventID":"4732","channel":"Security","computer":"GX-DC-01.globex.com"},
             "eventdata":{"memberSid":"S-1-5-21-1111111111-2222222222-3333333333-1502","targetUserName":"Administrators","targetDomainName":"Builtin",
              "targetSid":"S-1-5-32-544","subjectUserSid":"S-1-5-21-1111111111-2222222222-3333333333-1104","subjectUserName":"it.admin","subjectDomainName":"GLOBEX"}}}}
            """.ReplaceLineEndings("");
        var alert = JsonAlertReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(record)), "w.json", EnvironmentContext.Default).Single().Value!;

        Assert.Equal(("Administrators Group Changed", "it.admin"), (alert.Rule, alert.User));
    }

    [Fact]
    public void Single_backslashes_of_a_Wazuh_event_are_left_alone()
    {
        var record = """{"rule":{"level":3,"description":"Share accessed"},"agent":{"name":"fs-01"},"data":{"win":{"system":{"eventID":"5140"},"eventdata":{"shareName":"\\\\*\\IPC$","subjectUserName":"j.doe"}}}}""";
        var alert = JsonAlertReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(record)), "w.json", EnvironmentContext.Default).Single().Value!;

        Assert.Equal("\\\\*\\IPC$", alert.Raw("data.win.eventdata.shareName"));
    }
}
