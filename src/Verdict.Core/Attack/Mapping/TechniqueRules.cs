using System.Text.RegularExpressions;

namespace Verdict.Attack.Mapping;

/// <summary>A piece of command-line knowledge: when the pattern matches, the technique is likely, with this weight (0..1).</summary>
public sealed record TechniqueRule(string TechniqueId, Regex Pattern, double Weight, string Signal);

/// <summary>
/// What a senior analyst recognises in a command line, as patterns over the normalised text of
/// <see cref="CommandLineView"/> (lower case, de-obfuscated, decoded). Grouped by tactic; a program name
/// written <c>{{name}}</c> matches it with or without path and .exe.
/// </summary>
public static partial class TechniqueRules
{
    public static IReadOnlyList<TechniqueRule> All { get; } = Build(
    [
        // Execution: interpreters
        ("T1059.001", @"{{powershell}}|{{pwsh}}|invoke-expression|\biex\b|-executionpolicy\s+bypass|-ep\s+bypass|\.ps1\b|system\.management\.automation", 0.8, "PowerShell"),
        ("T1059.003", @"{{cmd}}\s+/[ckr]\b|\.bat\b|\.cmd\b", 0.55, "Windows command shell"),
        ("T1059.004", @"{{bash}}|{{sh}}\s+-c|{{zsh}}|/bin/(?:ba)?sh\b|/dev/tcp/|\|\s*(?:ba)?sh\b|{{chmod}}\s+\+x", 0.6, "Unix shell"),
        ("T1059.004", @"(?:{{bash}}|{{sh}}|{{zsh}})\s+-i\b|/dev/tcp/.*0>&1|pty\.spawn\(.*/bin/(?:ba)?sh|{{nc}}\s+.*-e\s+/bin/(?:ba)?sh", 0.85, "interactive (reverse) shell"),
        ("T1059.005", @"{{wscript}}|{{cscript}}|\.vbs\b|\.vbe\b|vbscript:", 0.75, "Visual Basic script"),
        ("T1059.007", @"\.js\b.*{{wscript}}|{{wscript}}.*\.js\b|{{cscript}}.*\.js\b|javascript:|\.jse\b|{{node}}\s+-e", 0.7, "JavaScript"),
        ("T1059.006", @"{{python[23]?}}\s+-c|{{python[23]?}}\s+.*\.py\b|import\s+(?:socket|subprocess|pty)|pty\.spawn", 0.75, "Python"),
        ("T1059.002", @"{{osascript}}|applescript", 0.8, "AppleScript"),
        ("T1047", @"{{wmic}}.*(?:process\s+call\s+create|/node:)|invoke-wmimethod|invoke-cimmethod|win32_process.*create|{{wmic}}\b", 0.6, "WMI"),
        ("T1106", @"virtualalloc|createremotethread|createprocess[aw]?\b|ntcreatethreadex", 0.5, "native API"),
        ("T1204.002", @"\\downloads\\.*\.(?:exe|scr|js|hta|lnk|iso)\b", 0.3, "user ran a downloaded file"),
        ("T1569.002", @"{{sc}}\s+(?:\\\\\S+\s+)?(?:start|create)|{{psexec(?:64)?}}|{{paexec}}|{{remcom}}|start-service|new-service", 0.55, "service execution"),
        ("T1053.005", @"{{schtasks}}.*(?:/create|/change|/run)|register-scheduledtask|new-scheduledtask", 0.9, "scheduled task"),
        ("T1053.003", @"{{crontab}}|/etc/cron|/var/spool/cron", 0.85, "cron job"),
        ("T1053.002", @"(?:^|[|;&]\s*|\\)at(?:\.exe)?\s+(?:\\\\\S+\s+)?\d{1,2}:\d{2}(?::\d{2})?\s+(?:/every|/next|/interactive|\S+\.(?:exe|bat|cmd|ps1)|cmd|powershell)|\bat\s+now\s+\+|\|\s*at\s+(?:now|\d)", 0.8, "at job"),
        ("T1053.006", @"systemd-run\s+--on|\.timer\b", 0.7, "systemd timer"),
        ("T1072", @"{{pdqdeploy}}|{{sccm}}|ccmexec", 0.4, "software deployment tool"),
        ("T1609", @"{{kubectl}}\s+exec|{{docker}}\s+exec", 0.6, "container administration command"),
        ("T1610", @"{{docker}}\s+run|{{kubectl}}\s+run", 0.5, "deploy container"),
        ("T1611", @"--privileged|nsenter\s+.*-t\s+1|/proc/1/root|release_agent", 0.6, "escape to host"),

        // Ingress tool transfer and decoding
        ("T1105", @"downloadstring|downloadfile|downloaddata|net\.webclient|invoke-webrequest|\biwr\b|invoke-restmethod|\birm\b|start-bitstransfer|{{certutil}}.*-urlcache|{{certutil}}.*-split.*http|{{bitsadmin}}.*(?:/transfer|/addfile)|{{curl}}\s.*(?:-o\s|--output|-O\b|http)|{{wget}}\s|{{tftp}}\s|{{scp}}\s.*:|{{ftp}}\s|\bhttps?://\S+\.(?:exe|dll|ps1|sh|bin|zip|hta|vbs)\b", 0.75, "downloads a file"),
        ("T1140", @"{{certutil}}.*-decode|frombase64string|base64\s+(?:-d|--decode)|openssl\s+(?:enc\s+)?-d|\[convert\]::frombase64|{{expand}}\s", 0.75, "decodes or unpacks a payload"),
        ("T1027", @"-e(?:nc|ncodedcommand|c)?\s+[a-z0-9+/]{20,}|frombase64string|-join\s*\(|\[char\]\s*\d+|\breverse\b.*-join|gzipstream|deflatestream|xor\b|\^.*\^.*\^", 0.5, "obfuscated command"),
        ("T1027.010", @"-e(?:nc|ncodedcommand|c)?\s+[a-z0-9+/]{20,}|\[char\]\s*\d+.*\[char\]|-join\s*\(|`", 0.4, "command obfuscation"),
        ("T1620", @"reflection\.assembly\]::load|assembly\]::load\(|\[system\.reflection\.assembly\]", 0.7, "reflective code loading"),
        ("T1564.003", @"-w(?:indowstyle)?\s+(?:hidden|h|1)\b|-win\s+hid|windowstyle\s+hidden|/min\b.*{{start}}", 0.6, "hidden window"),

        // Signed binary proxy execution (LOLBins)
        ("T1218.005", @"{{mshta}}|\.hta\b", 0.9, "mshta"),
        ("T1218.011", @"{{rundll32}}", 0.75, "rundll32"),
        ("T1218.010", @"{{regsvr32}}", 0.85, "regsvr32"),
        ("T1218.007", @"{{msiexec}}.*(?:/q|/i|http)", 0.7, "msiexec"),
        ("T1218.004", @"{{installutil}}", 0.9, "InstallUtil"),
        ("T1218.009", @"{{regsvcs}}|{{regasm}}", 0.9, "Regsvcs/Regasm"),
        ("T1218.008", @"{{odbcconf}}", 0.9, "odbcconf"),
        ("T1218.003", @"{{cmstp}}", 0.9, "CMSTP"),
        ("T1218.002", @"{{control}}\s+.*\.cpl\b|\.cpl\b", 0.7, "Control Panel item"),
        ("T1218.001", @"{{hh}}\s|\.chm\b", 0.7, "compiled HTML file"),
        ("T1218.012", @"{{verclsid}}", 0.8, "verclsid"),
        ("T1218.013", @"{{mavinject}}", 0.8, "mavinject"),
        ("T1218.014", @"\.msc\b|{{mmc}}", 0.5, "MMC"),
        ("T1218", @"{{msxsl}}|{{ieexec}}|{{pcwrun}}|{{diskshadow}}\s+/s|{{wuauclt}}.*/runhandlercomserver|{{atbroker}}|{{bash}}\.exe", 0.5, "signed binary proxy execution"),
        ("T1127.001", @"{{msbuild}}", 0.8, "MSBuild"),
        ("T1202", @"{{forfiles}}.*/c|{{pcalua}}\s+-a|{{conhost}}\s+.*(?:cmd|powershell)|{{explorer}}\s+.*\.exe", 0.7, "indirect command execution"),
        ("T1216.001", @"pubprn\.vbs", 0.9, "PubPrn script proxy"),
        ("T1220", @"{{wmic}}.*format:|{{msxsl}}|\.xsl\b", 0.7, "XSL script processing"),
        ("T1197", @"{{bitsadmin}}|start-bitstransfer", 0.7, "BITS job"),

        // Persistence
        ("T1547.001", @"\\currentversion\\run(?:once|services)?\b|\\start menu\\programs\\startup|\\startup\\|shell:startup", 0.9, "Run key or Startup folder"),
        ("T1547.004", @"\\winlogon\\(?:userinit|shell|notify)", 0.9, "Winlogon helper"),
        ("T1547.009", @"\.lnk\b.*(?:createshortcut|wscript\.shell)|createshortcut", 0.5, "shortcut modification"),
        ("T1547.006", @"{{insmod}}|{{modprobe}}|kextload", 0.8, "kernel module"),
        ("T1547.005", @"\\lsa\\security packages", 0.8, "security support provider"),
        ("T1543.003", @"{{sc}}\s+(?:\\\\\S+\s+)?(?:create|config)|new-service|\\system\\currentcontrolset\\services\\", 0.8, "Windows service"),
        ("T1543.002", @"{{systemctl}}\s+(?:enable|daemon-reload|start)|/etc/systemd/system/|\.service\b", 0.75, "systemd service"),
        ("T1543.001", @"/library/launchagents/|~/library/launchagents", 0.85, "launch agent"),
        ("T1543.004", @"{{launchctl}}\s+(?:load|submit|bootstrap)|/library/launchdaemons/", 0.85, "launch daemon"),
        ("T1546.003", @"__eventfilter|commandlineeventconsumer|__filtertoconsumerbinding|root\\subscription", 0.9, "WMI event subscription"),
        ("T1546.008", @"sethc\.exe|utilman\.exe|osk\.exe|narrator\.exe|magnify\.exe|displayswitch\.exe", 0.6, "accessibility feature hijack"),
        ("T1546.012", @"image file execution options.*debugger|\\image file execution options\\", 0.85, "IFEO debugger"),
        ("T1546.015", @"\\inprocserver32|treatas|\\clsid\\.*\\localserver32", 0.6, "COM hijacking"),
        ("T1546.004", @"\.bashrc|\.bash_profile|\.zshrc|/etc/profile|\.profile\b", 0.7, "shell profile"),
        ("T1546.001", @"\\shell\\open\\command|assoc\s+\.|ftype\s", 0.6, "file association"),
        ("T1546.013", @"microsoft\.powershell_profile\.ps1|\$profile", 0.7, "PowerShell profile"),
        ("T1137", @"\\office\\[0-9.]+\\(?:word|excel|outlook)\\|\.dotm\b|xlstart", 0.5, "Office persistence"),
        ("T1136.001", @"{{net1?}}\s+user\s+\S+\s+\S*\s*/add|{{useradd}}|{{adduser}}|new-localuser|dscl\s+.*-create", 0.9, "creates a local account"),
        ("T1136.002", @"{{net1?}}\s+user\s+.*/add\s+/domain|new-aduser", 0.9, "creates a domain account"),
        ("T1098", @"{{net1?}}\s+localgroup\s+administrators\s+\S+\s+/add|add-localgroupmember|add-adgroupmember|{{usermod}}\s+-a?g\s*(?:sudo|wheel|root)|{{net1?}}\s+group\s+.*\s/add", 0.8, "account manipulation"),
        ("T1098.004", @"authorized_keys", 0.85, "SSH authorized keys"),
        ("T1505.003", @"\\inetpub\\wwwroot\\.*\.(?:aspx?|php|jsp)|/var/www/.*\.(?:php|jsp)|webshell", 0.7, "web shell"),
        ("T1574.001", @"\.dll\b.*(?:copy|move)|sideload|search\s*order", 0.3, "DLL hijacking or side-loading"),
        ("T1574.006", @"ld_preload|/etc/ld\.so\.preload", 0.85, "dynamic linker hijacking"),
        ("T1037.001", @"userinitmprlogonscript", 0.9, "logon script"),
        ("T1037.004", @"/etc/rc\.local|/etc/init\.d/", 0.7, "RC scripts"),

        // Privilege escalation
        ("T1548.002", @"{{fodhelper}}|{{eventvwr}}|{{computerdefaults}}|{{sdclt}}|\\ms-settings\\shell\\open|\\mscfile\\shell\\open|-verb\s+runas|{{cmstp}}.*/au", 0.75, "UAC bypass"),
        ("T1548.003", @"{{sudo}}\s|/etc/sudoers|{{visudo}}", 0.5, "sudo"),
        ("T1548.001", @"{{chmod}}\s+(?:u\+s|[2467][0-7]{3})|-perm\s+-[46]000|-perm\s+/[46]000", 0.75, "setuid/setgid"),
        ("T1134", @"runas\s+/|invoke-tokenmanipulation|incognito|tokenvator|sedebugprivilege", 0.6, "token manipulation"),
        ("T1055", @"invoke-shellcode|invoke-reflectivepeinjection|createremotethread|{{mavinject}}.*/injectrunning|process hollowing|writeprocessmemory", 0.7, "process injection"),
        ("T1068", @"exploit|cve-20\d\d-\d+|juicypotato|printspoofer|roguepotato|godpotato|sweetpotato", 0.5, "privilege escalation exploit"),

        // Defense evasion
        ("T1562.001", @"set-mppreference.*-disable|add-mppreference.*-exclusion|disablerealtimemonitoring|disableantispyware|{{sc}}\s+(?:stop|delete|config)\s+(?:windefend|sense|wdboot|wdfilter)|tamperprotection|{{setenforce}}\s+0|systemctl\s+(?:stop|disable)\s+(?:auditd|apparmor|falcon|clamav)|amsiutils|amsiinitfailed|{{taskkill}}.*(?:msmpeng|mbam|avp|csfalcon)", 0.9, "disables or evades security tools"),
        ("T1562.004", @"{{netsh}}.*(?:advfirewall.*(?:state\s+off|add\s+rule|delete\s+rule)|firewall\s+(?:set|add)\s+)|{{iptables}}\s+-(?:f|x|p|a|i)|{{ufw}}\s+(?:disable|allow)|set-netfirewallprofile.*-enabled\s+false|new-netfirewallrule", 0.85, "changes the firewall"),
        ("T1562.002", @"{{auditpol}}\s+/(?:set|clear|remove)", 0.85, "disables Windows event logging"),
        ("T1562.003", @"unset\s+histfile|histfile=/dev/null|histsize=0|set\s+\+o\s+history|histcontrol=ignorespace", 0.85, "impairs command history logging"),
        ("T1562.006", @"etw|eventlog.*(?:stop|disable)|{{logman}}\s+(?:stop|delete)", 0.4, "indicator blocking"),
        ("T1070.001", @"{{wevtutil}}\s+(?:cl|clear-log)|clear-eventlog|remove-eventlog|limit-eventlog|eventlog.*-clear", 0.9, "clears Windows event logs"),
        ("T1070.003", @"history\s+-c|rm\s+.*\.bash_history|>\s*~?/?\.bash_history|clear-history|consolehost_history", 0.85, "clears command history"),
        ("T1070.004", @"{{del}}\s+/[fq]|{{rm}}\s+-r?f|remove-item\s+.*-force|{{sdelete}}|{{shred}}\s", 0.45, "deletes files"),
        ("T1070.006", @"{{touch}}\s+-[acmrt]+\s|\.(?:creationtime|lastwritetime|lastaccesstime)\s*=|timestomp", 0.8, "timestomping"),
        ("T1070.005", @"{{net1?}}\s+use\s+.*/del(?:ete)?", 0.8, "removes network share connection"),
        ("T1564.001", @"{{attrib}}\s+.*\+h|{{chflags}}\s+hidden|setfile\s+-a\s+v", 0.8, "hidden files"),
        ("T1564.004", @":\w+\.(?:exe|dll|ps1|vbs|js|txt)\b.*(?:type|more|wmic|start)|\$data|get-content\s+.*-stream", 0.55, "NTFS alternate data stream"),
        ("T1112", @"{{reg}}\s+(?:add|delete|import)|set-itemproperty|new-itemproperty|remove-itemproperty", 0.6, "modifies the registry"),
        ("T1222.001", @"{{icacls}}|{{cacls}}|{{takeown}}", 0.75, "changes Windows permissions"),
        ("T1222.002", @"{{chmod}}\s|{{chown}}\s|{{chattr}}\s", 0.55, "changes Linux/macOS permissions"),
        ("T1036.005", @"\\(?:temp|public|perflogs|programdata|appdata)\\.*(?:svchost|lsass|csrss|services|explorer|winlogon)\.exe", 0.6, "masquerading as a system binary"),
        ("T1036.007", @"\.(?:docx?|xlsx?|pdf|txt|jpe?g|png|rtf|zip)\.(?:exe|scr|lnk|js|vbs|hta|bat|cmd|com|pif)\b", 0.85, "double file extension"),
        ("T1036.002", @"\u202e", 0.9, "right-to-left override in a file name"),
        ("T1036.005", @"(?<!\\windows\\(?:system32|syswow64|winsxs)(?:\\[^\\\s]+)*)\\(?:svchost|lsass|csrss|smss|services|winlogon|wininit|spoolsv|taskhostw|dllhost|conhost|rundll32|bitsadmin|certutil|tdh|version|dbghelp)\.(?:exe|dll)\b", 0.5, "system binary name outside the system folder"),
        ("T1036.003", @"{{copy}}\s+.*\\(?:cmd|powershell|rundll32|certutil)\.exe\s+\S+\.exe", 0.5, "renamed system utility"),
        ("T1553.004", @"{{certutil}}\s+-addstore|import-certificate|add-trusted-cert|update-ca-certificates", 0.8, "installs a root certificate"),
        ("T1553.005", @"mark-of-the-web|zone\.identifier", 0.6, "subverts Mark-of-the-Web"),
        ("T1497.001", @"win32_computersystem.*model|vmware|virtualbox|vboxservice|sandboxie", 0.3, "virtualisation checks"),
        ("T1480", @"environment\.username.*-eq|\$env:userdomain\s*-ne", 0.3, "execution guardrails"),

        // Credential access
        ("T1003.001", @"sekurlsa|mimikatz|{{procdump(?:64)?}}.*lsass|lsass.*\.dmp|comsvcs(?:\.dll)?.*minidump|minidump.*lsass|out-minidump|{{rundll32}}.*comsvcs|nanodump|pypykatz|lsassy|{{taskmgr}}.*lsass", 0.95, "dumps LSASS memory"),
        ("T1003.002", @"{{reg}}\s+save\s+hklm\\(?:sam|system|security)|\\config\\sam\b|samdump|lsadump::sam", 0.9, "dumps the SAM"),
        ("T1003.003", @"ntds\.dit|{{ntdsutil}}.*(?:ifm|snapshot)|{{vssadmin}}\s+create\s+shadow|diskshadow|shadowcopy.*ntds", 0.9, "dumps NTDS"),
        ("T1003.004", @"lsadump::secrets|\\policy\\secrets", 0.85, "LSA secrets"),
        ("T1003.005", @"lsadump::cache|cachedump|mscash", 0.85, "cached domain credentials"),
        ("T1003.006", @"lsadump::dcsync|dcsync|secretsdump.*-just-dc|drsuapi", 0.9, "DCSync"),
        ("T1003.008", @"/etc/shadow|/etc/gshadow|unshadow", 0.85, "/etc/shadow"),
        ("T1003", @"secretsdump|hashdump|credential dump|{{wce}}\b|gsecdump|pwdump|fgdump", 0.7, "OS credential dumping"),
        ("T1558.003", @"kerberoast|invoke-kerberoast|getuserspns|{{setspn}}\s+-[tq]|{{rubeus}}.*kerberoast|requestspnticket|kerberos::ask", 0.9, "Kerberoasting"),
        ("T1558.004", @"asreproast|getnpusers|{{rubeus}}.*asreproast|dontreqpreauth", 0.9, "AS-REP roasting"),
        ("T1558.001", @"kerberos::golden|golden\s+ticket|/krbtgt:|ticketer\.py", 0.9, "golden ticket"),
        ("T1558.002", @"kerberos::silver|silver\s+ticket", 0.85, "silver ticket"),
        ("T1550.002", @"sekurlsa::pth|pass-the-hash|/ntlm:|-hashes\s+[a-f0-9:]{32,}|invoke-smbexec|invoke-wmiexec|wmiexec\.py|smbexec\.py", 0.85, "pass the hash"),
        ("T1550.003", @"kerberos::ptt|{{rubeus}}.*ptt|pass-the-ticket", 0.85, "pass the ticket"),
        ("T1555.003", @"login data|cookies\.sqlite|logins\.json|key4\.db|\\google\\chrome\\user data|\\mozilla\\firefox\\profiles|sharpchrome|hackbrowserdata", 0.8, "credentials from web browsers"),
        ("T1555.004", @"{{cmdkey}}\s+/list|{{vaultcmd}}|credentialmanager|\\microsoft\\credentials\\|\\microsoft\\vault\\", 0.8, "Windows Credential Manager"),
        ("T1555.001", @"security\s+(?:dump-keychain|find-generic-password|find-internet-password)|login\.keychain", 0.9, "macOS keychain"),
        ("T1555", @"lazagne|credential[s]?\s+from\s+password\s+stores|keepass|\.kdbx\b", 0.7, "credentials from password stores"),
        ("T1552.001", @"{{findstr}}\s+.*(?:password|passwd|pwd|cpassword)|{{grep}}\s+.*-r?i.*(?:password|passwd|secret)|select-string\s+.*password|unattend\.xml|sysprep\.inf|groups\.xml|web\.config", 0.8, "searches files for credentials"),
        ("T1552.002", @"{{reg}}\s+query\s+.*/f\s+password|{{reg}}\s+query\s+.*winlogon|defaultpassword", 0.75, "credentials in the registry"),
        ("T1552.004", @"\.pem\b|\.pfx\b|\.p12\b|id_rsa|\.key\b|crypto::certificates|export-pfxcertificate", 0.6, "private keys"),
        ("T1552.006", @"gpp|cpassword|get-gpppassword", 0.8, "group policy preferences"),
        ("T1552.007", @"kubectl\s+get\s+secrets|/var/run/secrets/kubernetes", 0.7, "container API secrets"),
        ("T1110.003", @"spray|invoke-domainpasswordspray|kerbrute.*passwordspray|--password-spray", 0.85, "password spraying"),
        ("T1110.001", @"{{hydra}}|{{medusa}}|{{ncrack}}|brute\s*force|bruteforce|kerbrute.*bruteuser", 0.8, "password guessing"),
        ("T1110.002", @"{{hashcat}}|{{john}}\b|john\s+--wordlist", 0.85, "password cracking"),
        ("T1056.001", @"keylog|getasynckeystate|setwindowshookex|get-keystrokes", 0.8, "keylogging"),
        ("T1557.001", @"{{responder}}|inveigh|llmnr|nbt-ns", 0.8, "LLMNR/NBT-NS poisoning"),
        ("T1040", @"{{tcpdump}}|{{tshark}}|{{wireshark}}|{{windump}}|pktmon\s+start|netsh\s+trace\s+start", 0.85, "network sniffing"),

        // Discovery
        ("T1087.001", @"{{net1?}}\s+user(?:\s*$|\s+[^/\s]+\s*$)|{{net1?}}\s+user\s*(?:\n|$)|get-localuser|wmic\s+useraccount|/etc/passwd|{{dscl}}\s+.*-list\s+/users|\bgetent\s+passwd|{{lastlog}}|\bid\s*$", 0.7, "local account discovery"),
        ("T1087.002", @"{{net1?}}\s+(?:user|group)\s+.*/do(?:main)?|get-aduser|{{dsquery}}\s+user|{{adfind}}|get-netuser|get-domainuser|{{ldapsearch}}|sharphound|bloodhound", 0.85, "domain account discovery"),
        ("T1069.001", @"{{net1?}}\s+localgroup|get-localgroup(?:member)?|\bgroups\b\s*$|\bgetent\s+group", 0.8, "local groups"),
        ("T1069.002", @"{{net1?}}\s+group\s+.*(?:/do(?:main)?|domain admins|enterprise admins)|get-adgroup(?:member)?|get-netgroup|get-domaingroup|{{dsquery}}\s+group", 0.85, "domain groups"),
        ("T1482", @"{{nltest}}\s+.*(?:/domain_trusts|/trusted_domains|/all_trusts)|get-adtrust|get-netdomaintrust|get-domaintrust|trustdmp|{{dsquery}}\s+.*trusteddomain", 0.9, "domain trusts"),
        ("T1018", @"{{nltest}}\s+.*(?:/dclist|/dsgetdc)|{{net1?}}\s+view|{{ping}}\s+.*-[nc]\s+1\b|{{arp}}\s+-a|get-adcomputer|{{dsquery}}\s+computer|get-netcomputer|\bnslookup\b|for\s+/l\s+%\w+\s+in.*ping", 0.7, "remote system discovery"),
        ("T1016", @"{{ipconfig}}|{{ifconfig}}|\bip\s+(?:a|addr|route)\b|{{route}}\s+print|{{netsh}}\s+interface\s+(?:show|ip\s+show)|{{arp}}\s+-a|{{nbtstat}}|get-netipconfiguration|get-netadapter|/etc/resolv\.conf|ifconfig\.me|ipinfo\.io|api\.ipify|icanhazip|checkip", 0.75, "network configuration discovery"),
        ("T1016.001", @"{{ping}}\s+(?:-n\s+1\s+)?(?:8\.8\.8\.8|1\.1\.1\.1|google\.com)|test-netconnection|curl\s+.*(?:google|ifconfig\.me)", 0.5, "internet connection discovery"),
        ("T1049", @"{{netstat}}|get-nettcpconnection|{{net1?}}\s+(?:session|use)\s*$|{{ss}}\s+-|{{lsof}}\s+-i|{{qwinsta}}|query\s+session", 0.8, "network connections"),
        ("T1033", @"{{whoami}}|{{quser}}|query\s+user|\$env:username|%username%|{{who}}\s*$|\bw\s*$|{{logname}}|{{users}}\s*$", 0.8, "system owner/user discovery"),
        ("T1082", @"{{systeminfo}}|{{hostname}}|{{uname}}|win32_operatingsystem|get-computerinfo|{{ver}}\s*$|/etc/(?:os|lsb)-release|{{sw_vers}}|{{system_profiler}}|wmic\s+(?:os|computersystem|qfe)|{{lscpu}}|{{hostnamectl}}", 0.75, "system information"),
        ("T1083", @"{{dir}}\s+/[sb]|{{tree}}\s+/f|get-childitem\s+.*-recurse|\bgci\b.*-r|{{ls}}\s+-[a-z]*r|{{find}}\s+/\s|{{find}}\s+.*-name|{{locate}}\s", 0.6, "file and directory discovery"),
        ("T1057", @"{{tasklist}}|get-process|\bps\s+(?:aux|-ef|-e)\b|{{ps}}\s*$|win32_process|{{pslist}}", 0.8, "process discovery"),
        ("T1007", @"{{sc}}\s+(?:query|qc)|get-service|{{tasklist}}\s+/svc|{{systemctl}}\s+(?:list-units|status)|{{service}}\s+--status-all|{{net1?}}\s+start\s*$|wmic\s+service", 0.75, "service discovery"),
        ("T1012", @"{{reg}}\s+query|get-itemproperty\s+.*hk(?:lm|cu)|get-childitem\s+.*hk(?:lm|cu):", 0.7, "registry query"),
        ("T1135", @"{{net1?}}\s+(?:view|share)|get-smbshare|invoke-sharefinder|get-netshare|find-domainshare|{{smbclient}}\s+-l", 0.75, "network share discovery"),
        ("T1046", @"{{nmap}}|{{masscan}}|{{zmap}}|{{rustscan}}|portscan|invoke-portscan|test-netconnection\s+.*-port|{{nc}}\s+.*-z|advanced_ip_scanner|{{netscan}}", 0.85, "network service scanning"),
        ("T1518.001", @"get-mpcomputerstatus|securitycenter2|antivirusproduct|{{tasklist}}.*(?:msmpeng|avp|mcshield)|fltmc|{{sc}}\s+query\s+windefend|get-wmiobject\s+.*antivirus", 0.8, "security software discovery"),
        ("T1518", @"uninstall\\|win32_product|get-package|{{dpkg}}\s+-l|{{rpm}}\s+-qa|wmic\s+product", 0.65, "software discovery"),
        ("T1201", @"{{net1?}}\s+accounts|get-addefaultdomainpasswordpolicy|/etc/pam\.d/common-password|chage\s+-l|pwpolicy", 0.9, "password policy discovery"),
        ("T1124", @"{{net1?}}\s+time|{{w32tm}}\s+/(?:tz|query)|get-date|{{timedatectl}}|{{date}}\s*$", 0.6, "system time discovery"),
        ("T1120", @"win32_(?:usbhub|diskdrive|pnpentity)|get-pnpdevice|{{fsutil}}\s+fsinfo|{{lsusb}}", 0.6, "peripheral devices"),
        ("T1614.001", @"get-winsystemlocale|get-culture|keyboard\s*layout|\blocale\b|lang=", 0.4, "system language"),
        ("T1615", @"{{gpresult}}|get-gpo|get-domaingpo|get-netgpo", 0.85, "group policy discovery"),
        ("T1010", @"mainwindowtitle|get-process\s+.*windowtitle", 0.7, "application windows"),
        ("T1217", @"bookmarks|places\.sqlite|\\history\b.*chrome", 0.6, "browser information"),
        ("T1526", @"aws\s+(?:ec2\s+describe|s3\s+ls|iam\s+list)|az\s+(?:vm|resource)\s+list|gcloud\s+.*list", 0.6, "cloud service discovery"),
        ("T1619", @"aws\s+s3\s+ls|s3api\s+list-buckets|az\s+storage\s+(?:container|blob)\s+list", 0.7, "cloud storage discovery"),
        ("T1580", @"aws\s+ec2\s+describe-instances|az\s+vm\s+list", 0.7, "cloud infrastructure discovery"),
        ("T1613", @"{{docker}}\s+(?:ps|images|inspect)|{{kubectl}}\s+get\s+(?:pods|nodes)", 0.6, "container discovery"),

        // Lateral movement
        ("T1021.001", @"{{mstsc}}|terminal server client|rdp|{{tscon}}|fdenytsconnections", 0.7, "Remote Desktop"),
        ("T1021.002", @"\\\\[^\s\\]+\\(?:admin|c|ipc)\$|{{net1?}}\s+use\s+\\\\|new-psdrive\s+.*\\\\|{{psexec}}|smbexec|{{smbclient}}\s+//", 0.8, "SMB/admin shares"),
        ("T1021.003", @"mmc20\.application|shellwindows|shellbrowserwindow|dcomexec", 0.85, "DCOM"),
        ("T1021.004", @"{{ssh}}\s+\S+@|{{ssh}}\s+-[a-z]*\s|{{sshpass}}|{{plink}}", 0.7, "SSH"),
        ("T1021.006", @"{{winrs}}|enter-pssession|invoke-command\s+.*-computername|new-pssession|{{wsmprovhost}}|evil-winrm|winrm\s+(?:quickconfig|invoke)", 0.85, "WinRM"),
        ("T1570", @"{{copy}}\s+.*\\\\[^\s\\]+\\|{{xcopy}}\s+.*\\\\|{{robocopy}}\s+.*\\\\|{{scp}}\s+\S+\s+\S+@|copy-item\s+.*-tosession", 0.6, "lateral tool transfer"),
        ("T1563.002", @"{{tscon}}\s+\d+", 0.85, "RDP hijacking"),

        // Collection, C2, exfiltration
        ("T1560.001", @"{7z}\s+a\b|{7za}|{{rar}}\s+a\b|{{winrar}}|{{zip}}\s+-r|{{tar}}\s+-?c[a-z]*f|compress-archive|{{makecab}}|{{gzip}}\s", 0.8, "archives data"),
        ("T1005", @"\\documents\\.*\*\.(?:docx?|xlsx?|pdf)|get-childitem\s+.*-include\s+\*\.(?:doc|xls|pdf)", 0.5, "data from local system"),
        ("T1039", @"\\\\[^\s\\]+\\[^\s\\$]+\\.*(?:copy|robocopy|xcopy)", 0.4, "data from network shares"),
        ("T1074.001", @"\\(?:temp|perflogs|programdata)\\.*\.(?:zip|rar|7z)\b", 0.4, "local data staging"),
        ("T1113", @"screenshot|screencapture|copyfromscreen|{{scrot}}|import\s+-window\s+root", 0.85, "screen capture"),
        ("T1115", @"get-clipboard|{{pbpaste}}|{{xclip}}|{{xsel}}|clipboard", 0.75, "clipboard data"),
        ("T1123", @"soundrecorder|{{arecord}}|audio\s+capture", 0.7, "audio capture"),
        ("T1114.001", @"\.pst\b|\.ost\b|outlook\.application", 0.6, "local email collection"),
        ("T1119", @"foreach.*copy-item|robocopy\s+.*/mir", 0.3, "automated collection"),
        ("T1071.001", @"useragent|user-agent|invoke-webrequest\s+.*-method\s+post|http\.request", 0.3, "web protocols"),
        ("T1071.004", @"{{nslookup}}\s+-q(?:uerytype)?=txt|resolve-dnsname\s+.*-type\s+txt|{{dig}}\s+.*txt", 0.6, "DNS C2"),
        ("T1095", @"{{nc}}\s+.*-e\s|{{ncat}}|{{netcat}}|{{socat}}|/dev/tcp/|net\.sockets\.tcpclient", 0.75, "non-application layer protocol"),
        ("T1572", @"{{ssh}}\s+.*-[lrd]\s|{{plink}}\s+.*-[lr]\s|{{chisel}}|{{ngrok}}|{{frpc}}|{{iodine}}|dnscat", 0.8, "protocol tunneling"),
        ("T1090.001", @"{{netsh}}\s+interface\s+portproxy|socks|{{proxychains}}", 0.7, "internal proxy"),
        ("T1090.003", @"\btor\b|\.onion\b|torproject", 0.7, "multi-hop proxy (Tor)"),
        ("T1219.002", @"anydesk|teamviewer|screenconnect|connectwise|{{atera}}|splashtop|logmein|rustdesk|{{ammyy}}|{{netsupport}}", 0.8, "remote access software"),
        ("T1102", @"pastebin\.com|raw\.githubusercontent|gist\.github|discord(?:app)?\.com/api/webhooks|api\.telegram\.org", 0.55, "web service"),
        ("T1568.002", @"dga|domain generation", 0.5, "domain generation"),
        ("T1048.003", @"{{ftp}}\s|{{curl}}\s+.*(?:-t\s|--upload-file|ftp://)|{{tftp}}\s+.*put", 0.55, "exfiltration over unencrypted protocol"),
        ("T1048", @"{{curl}}\s+.*(?:-f\s|--form|-d\s+@|--data-binary\s+@)|invoke-webrequest\s+.*-infile|{{scp}}\s+\S+\s+\S+@\S+:|{{nc}}\s+.*<", 0.6, "exfiltration over alternative protocol"),
        ("T1567.002", @"{{rclone}}|{{megacmd}}|mega\.nz|dropbox|drive\.google|{{azcopy}}|s3\s+cp\s+.*s3://", 0.8, "exfiltration to cloud storage"),
        ("T1041", @"exfil|upload.*(?:c2|beacon)", 0.5, "exfiltration over C2 channel"),
        ("T1020", @"scheduled\s+upload|robocopy\s+.*/mon", 0.3, "automated exfiltration"),

        // Impact
        ("T1490", @"{{vssadmin}}\s+(?:delete|resize)\s+shadow|shadowcopy\s+delete|win32_shadowcopy.*delete|{{wbadmin}}\s+delete|{{bcdedit}}\s+.*(?:recoveryenabled\s+no|bootstatuspolicy\s+ignoreallfailures)|delete\s+catalog", 0.95, "inhibits system recovery"),
        ("T1486", @"\.encrypted\b|\.locked\b|ransom|readme.*\.txt.*encrypt|{{cipher}}\s+/e|{{openssl}}\s+enc\s+-aes|{{gpg}}\s+.*--symmetric", 0.7, "encrypts data"),
        ("T1485", @"{{sdelete}}|{{cipher}}\s+/w|{{shred}}\s|dd\s+if=/dev/(?:zero|urandom)\s+of=/dev/|{{format}}\s+[a-z]:", 0.75, "destroys data"),
        ("T1489", @"{{net1?}}\s+stop|{{sc}}\s+stop|stop-service|{{taskkill}}\s+.*/(?:f|im)|{{systemctl}}\s+stop|{{kill}}\s+-9|{{pkill}}", 0.6, "stops services"),
        ("T1529", @"{{shutdown}}\s+/[rsp]|{{shutdown}}\s+-[rh]|restart-computer|stop-computer|{{reboot}}|{{halt}}|{{poweroff}}", 0.8, "system shutdown/reboot"),
        ("T1531", @"{{net1?}}\s+user\s+\S+\s+\S+\s*$|set-adaccountpassword|{{passwd}}\s|disable-adaccount|{{net1?}}\s+user\s+.*/active:no|remove-aduser", 0.55, "account access removal"),
        ("T1491.001", @"wallpaper|systemparametersinfo|\\control panel\\desktop", 0.6, "internal defacement"),
        ("T1496", @"xmrig|minerd|cryptonight|stratum\+tcp|nicehash|monero", 0.9, "resource hijacking (mining)"),
        ("T1499", @"hping3|slowloris|--flood", 0.6, "endpoint denial of service"),

        // Identity alerts (sign-in anomalies): rule names and descriptions rather than command lines
        ("T1110.001", @"brute[\s_-]?force|failed[\s_-]+log(?:in|on)s?|password[\s_-]+guess|multiple[\s_-]+failed", 0.6, "repeated failed sign-ins"),
        ("T1110.003", @"password[\s_-]+spray|spray(?:ing)?[\s_-]+attack", 0.8, "password spraying"),
        ("T1078", @"impossible[\s_-]+travel|new[\s_-]+country|unfamiliar[\s_-]+(?:location|sign-?in)|atypical[\s_-]+travel|login[\s_-]+after[\s_-]+failures|bad[\s_-]+ip[\s_-]+login|anonymous[\s_-]+ip|off[\s_-]+hours[\s_-]+login|volume[\s_-]+spike|suspicious[\s_-]+(?:sign-?in|login)", 0.55, "sign-in with valid credentials from an unusual place or time"),
        ("T1621", @"mfa[\s_-]+(?:fatigue|bombing|spam|push)|push[\s_-]+notification[\s_-]+spam", 0.85, "MFA request generation"),

        // Initial access and phishing artefacts
        ("T1566.001", @"\\content\.outlook\\|\\outlook\\.*\.(?:docm|xlsm|zip|iso|lnk)|winword.*\.docm", 0.5, "spearphishing attachment"),
        ("T1566.002", @"safelinks|\\inetcache\\.*\.(?:hta|js|exe)", 0.4, "spearphishing link"),
        ("T1190", @"/etc/passwd|union\s+select|\.\./\.\./|\$\{jndi:|cmd\.exe\?|/cgi-bin/", 0.5, "exploit public-facing application"),
        ("T1133", @"vpn|citrix|pulse\s*secure|globalprotect", 0.3, "external remote services"),
        ("T1078", @"valid account|runas\s+/user|logon\s+type\s+10", 0.3, "valid accounts"),
        ("T1091", @"[d-z]:\\autorun\.inf", 0.7, "removable media"),
    ]);

    private static List<TechniqueRule> Build((string Id, string Pattern, double Weight, string Signal)[] table) =>
        [.. table.Select(r => new TechniqueRule(r.Id, new Regex(Expand(r.Pattern), RegexOptions.CultureInvariant | RegexOptions.Multiline | RegexOptions.Compiled), r.Weight, r.Signal))];

    /// <summary>{{name}} is a program: at a word start, optionally behind a path, optionally with .exe, followed by a word end.</summary>
    private static string Expand(string pattern) =>
        ProgramToken().Replace(pattern, m => $@"(?<=^|[\s""'\\/|&;(=])(?:{m.Groups[1].Value})(?:\.exe)?(?=[\s""'|&;)]|$)");

    [GeneratedRegex(@"\{\{([^}]+)\}\}")]
    private static partial Regex ProgramToken();
}
