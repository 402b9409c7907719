using System.Text.RegularExpressions;

namespace Verdict.Analysis.Families.Endpoint;

/// <summary>The patterns endpoint evidence looks for, over lower-case, de-obfuscated command text. Compiled once.</summary>
internal static partial class EndpointPatterns
{
    public static readonly HashSet<string> Office = ["winword", "excel", "powerpnt", "outlook", "msaccess", "onenote", "mspub", "visio", "acrord32", "acrobat"];
    public static readonly HashSet<string> ScriptHosts = ["wscript", "cscript", "mshta"];
    public static readonly HashSet<string> Shells = ["powershell", "pwsh", "cmd", "wscript", "cscript", "mshta", "rundll32", "regsvr32", "bash", "sh"];
    public static readonly HashSet<string> DeploymentParents = ["ccmexec", "ccmsetup", "tsmanager", "intunemanagementextension", "microsoft.management.services.intunewindowsagent", "agentexecutor", "tanium", "taniumclient", "ltsvc", "kaseya", "agentmon", "ansible", "cloud-init", "chef-client", "puppet", "salt-minion", "jamf", "pdqdeployrunner", "pdqinventory", "bigfix", "besclient", "ninjarmmagent", "gpscript"];
    /// <summary>A deployment agent, by its program name; numbered runner instances ("PDQDeployRunner-1") count as the agent.</summary>
    public static bool IsDeploymentParent(string? parent) => parent is not null
        && (DeploymentParents.Contains(parent) || (Instance().Match(parent) is { Success: true } m && DeploymentParents.Contains(m.Groups[1].Value)));

    [GeneratedRegex(@"^(.+?)-\d{1,2}$")]
    private static partial Regex Instance();

    public static readonly HashSet<string> AdminTools = ["powershell", "pwsh", "cmd", "psexec", "psexec64", "psexesvc", "wmic", "reg", "sc", "schtasks", "net", "net1", "mmc", "dsquery", "nltest", "gpupdate", "gpresult", "ipconfig", "netsh", "robocopy", "wevtutil", "msiexec", "winrs", "dism", "sfc", "ssh", "sudo", "certutil", "procdump", "procdump64"];

    [GeneratedRegex(@"(?:^|\s)[-/](?:e|ec|en|enc|enco|encod|encode|encoded|encodedc|encodedcommand)\s+\S{16,}")]
    public static partial Regex Encoded();

    [GeneratedRegex(@"[-/](?:ep|exec|executionpolicy)\s+(?:bypass|unrestricted)|set-executionpolicy\s+(?:bypass|unrestricted)")]
    public static partial Regex PolicyBypass();

    [GeneratedRegex(@"[-/]w(?:indowstyle|in|i)?\s+(?:hidden|1)\b|[-/]nop(?:rofile)?\b|[-/]noni(?:nteractive)?\b")]
    public static partial Regex Hidden();

    [GeneratedRegex(@"`[a-z]|\^[a-z]|\[char\]\s*\d|-join\s*\(|\[string\]::join|-replace\s*'|\.invoke\(|-bxor|\$env:comspec\[|\[convert\]::frombase64string|iex\s*\(\s*\[|\-split\s*'")]
    public static partial Regex Obfuscation();

    [GeneratedRegex(@"downloadstring|downloadfile|downloaddata|net\.webclient|invoke-webrequest|\biwr\s|invoke-restmethod|\birm\s|start-bitstransfer|bitsadmin\s+/transfer|certutil.{0,40}-urlcache|msxml2\.xmlhttp|winhttp\.winhttprequest|(?:curl|wget)\s+(?:-[a-z]+\s+)*['""]?https?://|\bwget\s+-q?o-")]
    public static partial Regex Download();

    [GeneratedRegex(@"\biex\b|invoke-expression|\|\s*(?:ba)?sh\b|\|\s*python|start-process|\.exe\b.{0,20}&|rundll32|regsvr32|&\s*\(")]
    public static partial Regex Execute();

    [GeneratedRegex(@"certutil.{0,40}-(?:decode|urlcache)|mshta(?:\.exe)?['""]?\s+['""]?(?:https?:|javascript:|vbscript:)|rundll32.{0,80}(?:javascript:|https?:|shell32\.dll,\s*control_rundll\s+(?!c:\\windows\\system32\\|(?:desk|appwiz|ncpa|main|mmsys|sysdm|timedate|intl|inetcpl|powercfg|firewall|hdwwiz|joy|bthprops|wscui|irprops|telephon|tabletpc|access)\.cpl\b)|url\.dll|advpack\.dll)|regsvr32.{0,60}/i:\s*https?|scrobj\.dll|\bmsbuild\.exe?\s+\S*\.(?:xml|csproj|proj)|installutil.{0,40}/u|wmic(?:\.exe)?['""]?\s+.{0,60}process\s+call\s+create|forfiles.{0,60}/c|\bodbcconf\b.{0,30}/a|cmstp.{0,20}/s|msiexec.{0,30}/q.{0,30}https?://|bitsadmin\s+/(?:transfer|create)|esentutl.{0,40}/y|\bpcalua\b|\bmavinject\b|\bxwizard\b|desktopimgdownldr")]
    public static partial Regex Lolbin();

    [GeneratedRegex(@"mimikatz|sekurlsa|lsadump::|kerberos::|privilege::debug|invoke-mimikatz|pypykatz|nanodump|lsass(?:\.exe|\.dmp)?\b.{0,120}(?:minidump|-ma\b|dump)|(?:procdump|minidump|comsvcs).{0,120}lsass|\s-m[ap]\s+(?:-\w+\s+)*lsass\b|comsvcs(?:\.dll)?[, ]+#?24|comsvcs(?:\.dll)?[, ]+minidump|reg(?:\.exe)?\s+save\s+hklm\\(?:sam|security|system)\b|ntdsutil.{0,60}(?:ifm|create\s+full)|ntds\.dit|\\config\\sam\b|vssadmin.{0,30}create\s+shadow|out-minidump|dumpert|lazagne|/etc/shadow|\bsecurity\s+dump-keychain\b|chainbreaker")]
    public static partial Regex CredentialDumping();

    [GeneratedRegex(@"(?:reg(?:\.exe)?\s+add|new-itemproperty|set-itemproperty|regwrite|setvalue).{0,160}\\currentversion\\(?:run|runonce|runservices|policies\\explorer\\run)\b|\\winlogon\\(?:userinit|shell)|schtasks(?:\.exe)?\s+/create|new-scheduledtask|register-scheduledtask|\bsc(?:\.exe)?\s+(?:\\\\\S+\s+)?(?:create|config)\b|new-service\b|\\start menu\\programs\\startup|__eventfilter|commandlineeventconsumer|\bcrontab\b|/etc/cron|systemctl\s+enable|authorized_keys|\\image file execution options\\")]
    public static partial Regex Persistence();

    /// <summary>A program directly in the Windows folder ("C:\Windows\x.exe", "%SystemRoot%\x.exe", "\Device\HarddiskVolume3\Windows\x.exe"), not in a subfolder.</summary>
    [GeneratedRegex(@"^(?:(?:[a-z]:|\\device\\harddiskvolume\d+)\\windows|%systemroot%|%windir%|\\systemroot)\\[^\\/]+\.exe$", RegexOptions.IgnoreCase)]
    public static partial Regex WindowsRootProgram();

    [GeneratedRegex(@"\\appdata\\|\\temp\\|\\tmp\\|\\downloads\\|\\users\\public\\|\\programdata\\(?!microsoft\\windows defender)|\\windows\\temp\\|\\\$recycle\.bin\\|^/tmp/|\s/tmp/|/dev/shm/|/var/tmp/")]
    public static partial Regex UserWritable();

    [GeneratedRegex(@"set-mppreference.{0,60}-disable|add-mppreference.{0,40}-exclusion|wevtutil(?:\.exe)?[""']?\s+(?:cl|clear-log)\b|clear-eventlog|vssadmin.{0,20}delete\s+shadows|wmic\s+shadowcopy\s+delete|bcdedit.{0,40}recoveryenabled\s+no|wbadmin\s+delete|netsh\s+advfirewall\s+set\s+\w+\s+state\s+off|fsutil\s+usn\s+deletejournal|sc\s+(?:stop|delete)\s+(?:windefend|sense|mssense)|auditpol\s+/clear")]
    public static partial Regex DefenceEvasion();

    [GeneratedRegex(@"bash\s+-i\s+>&\s*/dev/tcp|(?:ba)?sh\s+-i\b.{0,40}/dev/(?:tcp|udp)/|/dev/(?:tcp|udp)/\S+\s*(?:0>&1|0<&\d|<&\s*\d|>&\s*\d)|\bnc(?:at)?\s+(?:-\w+\s+)*-e\s|socket\.socket\(.{0,80}(?:subprocess|pty\.spawn|dup2)|system\.net\.sockets\.tcpclient|mkfifo\s+/tmp/")]
    public static partial Regex ReverseShell();

    /// <summary>A miner's command line: a mining-pool URL (stratum+tcp/ssl/tls), XMRig or cpuminer by name, or XMRig's own options.</summary>
    [GeneratedRegex(@"stratum\+(?:tcp|ssl|tls)://\S+|\b(?:xmrig|minerd|cpuminer)\b|--donate-level\b|--coin[= ]monero\b")]
    public static partial Regex Miner();

    [GeneratedRegex(@"\\\\[a-z0-9_.-]+\\(?:admin|c|ipc)\$|psexec(?:64)?(?:\.exe)?\s+\\\\|wmic\s+/node:|invoke-command\s+.{0,40}-computername|enter-pssession|winrs\s+-r:")]
    public static partial Regex Lateral();

    /// <summary>Collection before exfiltration: an archive made with a password (7-Zip/RAR -p/-hp, zip -P/-e) or from a network share.</summary>
    [GeneratedRegex(@"\b(?:7z|7za|7zr|rar|winrar)(?:\.exe)?[""']?\s+a\b.{0,120}\s-h?p\S*|\bzip(?:\.exe)?\s+(?:-\w+\s+)*-(?:p\s|e\b|-encrypt)|\b(?:7z|7za|rar|winrar)(?:\.exe)?[""']?\s+a\b.{0,200}\\\\[a-z0-9_.-]+\\[^\s\\]+|compress-archive.{0,80}\\\\[a-z0-9_.-]+\\")]
    public static partial Regex DataStaging();

    /// <summary>Credential stores packed into an archive (SSH keys, cloud and container credentials, a CI runner's
    /// registration token, .netrc, git credentials, a keychain): collected to be carried off.</summary>
    [GeneratedRegex(@"\b(?:tar|zip|7z|7za|rar|gzip|compress-archive)(?:\.exe)?\b.{0,240}(?:[/\\]\.ssh\b|\bid_(?:rsa|ed25519|ecdsa|dsa)\b|\.aws[/\\]credentials|\.kube[/\\]config|\.docker[/\\]config\.json|\.git-credentials|\.netrc\b|\.gnupg\b|\.vault-token|gitlab-runner[/\\]config\.toml|keychains[/\\])")]
    public static partial Regex SecretsArchive();
}
