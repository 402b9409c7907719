using System.Text.RegularExpressions;

namespace Verdict.Analysis.Families.Network;

/// <summary>Attack, tool and leak patterns over decoded, lower-case request and response text. Compiled once.</summary>
internal static partial class WebPatterns
{
    /// <summary>Attack classes, each a key, a plain name and a pattern.</summary>
    public static readonly (string Key, string Name, Regex Pattern, double Weight)[] Attacks =
    [
        ("sql_injection", "SQL injection", SqlWords(), 2.2),
        ("sql_injection", "SQL injection", SqlSyntax(), 2.2),
        ("xss", "cross-site scripting", Xss(), 2.0),
        ("path_traversal", "path traversal / local file inclusion", Traversal(), 2.2),
        ("command_injection", "OS command injection", CommandInjection(), 2.4),
        ("jndi_injection", "JNDI lookup (Log4Shell)", Jndi(), 2.8),
        ("template_injection", "template/expression injection (SSTI, OGNL, SpEL)", Template(), 2.5),
        ("deserialization", "a serialized-object payload (deserialization attack)", Deserialization(), 2.5),
        ("ssrf", "server-side request forgery (a URL to internal or cloud-metadata addresses)", Ssrf(), 2.2),
        ("xxe", "an XML external entity (XXE) reading a file or URL", Xxe(), 2.2),
        ("exploit_path", "a known exploit or sensitive path", ExploitPath(), 1.6),
        ("overflow_payload", "an overflow payload (encoded machine code, a NOP sled or one character repeated hundreds of times)", Overflow(), 2.2),
    ];

    /// <summary>What a buffer-overflow exploit sends: %u-encoded or \x-escaped machine code, a NOP sled, a long run of one character.</summary>
    [GeneratedRegex(@"(?:%u(?:9090|0c0c|0d0d|4141|eb\w\w|ff\w\w)){2,}|(?:\\x[0-9a-f]{2}){12,}|(?:%90){8,}|[\u9090\u0c0c\u4141]{2,}|\u0090{8,}|([a-z0-9%])\1{255,}")]
    private static partial Regex Overflow();

    [GeneratedRegex(@"union(?:\s+all|\s+distinct)?\s+select\b|sleep\s*\(|benchmark\s*\(|pg_sleep\s*\(|dbms_pipe\.receive_message|waitfor\s+delay\s+'|information_schema\.|sysobjects|syscolumns|xp_cmdshell|extractvalue\s*\(|updatexml\s*\(|load_file\s*\(|into\s+(?:out|dump)file\b|@@version|order\s+by\s+\d+\s*(?:--|#)|char\(\d+\)\s*(?:\+|\|\|)|convert\(int,|cast\(.{1,40}\bas\s+(?:int|numeric)\)|case\s+when\s*\(?\s*\d+\s*=\s*\d+|\(\s*select\s+(?:.{1,80}\bfrom\b|case|if|sleep|count|\d)")]
    private static partial Regex SqlWords();

    [GeneratedRegex(@"['""`)]\s*(?:or|and|\|\||&&)\s+['""(]?\w*['""]?\s*(?:=|<|>|like\b)\s*['""(]?\w*|['""]\s*(?:or|and)\s+(?:true|false|not)\b|['""]\s*;?\s*(?:--|#)(?:\s|$|&)|=[\w.-]*['""](?:&|$|\s)| (?:or|and)\s+\d+\s*=\s*\d+\b|;\s*(?:(?:drop|truncate)\s+(?:table|database)\b|insert\s+into\b|update\s+\w+\s+set\b|delete\s+from\b|exec(?:ute)?\s+\w|shutdown\b|declare\s+@)")]
    private static partial Regex SqlSyntax();

    [GeneratedRegex(@"<\s*script\b|javascript\s*:|vbscript\s*:|<[^>]+\bon(?:error|load|mouseover|focus|click|begin|toggle|animationstart)\s*=|<\s*(?:svg|iframe|object|embed|img|body|details|math)\b[^>]*(?:on\w+\s*=|src\s*=\s*['""]?(?:javascript|data):)|document\.(?:cookie|domain|location)|\balert\s*\(|\bprompt\s*\(|string\.fromcharcode|<\s*iframe\b")]
    private static partial Regex Xss();

    // A null byte is the inclusion trick only where it cuts a file name or a parameter's value short ("page.php%00",
    // "?file=x%00.jpg"); a bare one in a path ("/%00") is a malformed request probing the parser, no file read.
    [GeneratedRegex(@"(?:\.\.[/\\]){2,}|\.\.[/\\].{0,60}(?:etc/(?:passwd|shadow|hosts)|win\.ini|boot\.ini|web\.config|\.ssh/)|(?:^|[=/])(?:/|file://)etc/(?:passwd|shadow)\b|c:\\windows\\(?:win\.ini|system32)|(?:php|zip|phar|expect|data)://|(?:\.\w{1,8}|=[^&\s\x00]*\w)(?:%00|\x00)|(?:%00|\x00)\.\w{1,5}\b|/proc/self/(?:environ|cmdline)")]
    private static partial Regex Traversal();

    /// <summary>A shell separator then a command. The commands that are also English words or abbreviations (cat, id, ping,
    /// echo, ls, rm, sh, nc) do not count when a sentence goes on after them (a plain word, then a space or comma): "; cat
    /// /etc/passwd" and "|id" are commands, "; cat in cabin" and "; ping me when you land" are sentences.</summary>
    [GeneratedRegex(@"(?:[;|`]|&&|\|\||\$\(|\n)\s*(?:(?:whoami|uname|wget|curl|ncat|bash|powershell|cmd(?:\.exe)?|nslookup|chmod|python\d?|perl)\b|(?:cat|id|ping|echo|ls|rm|sh|nc)\b(?![ \t]+[a-z]+[ \t,]))|\$\((?:[^)]*)\)|`\s*(?:id|whoami|uname|cat|curl|wget|ls|nc)\b[^`]{0,40}`|/bin/(?:ba)?sh\b|\bcmd(?:\.exe)?\s+/c\b|\$\{ifs\}")]
    private static partial Regex CommandInjection();

    [GeneratedRegex(@"\$\{\s*jndi\s*:|jndi:(?:ldaps?|rmi|dns|iiop|corba|nds|nis)://")]
    private static partial Regex Jndi();

    /// <summary>A JNDI lookup that names a server to fetch from: without one the string is inert text.</summary>
    [GeneratedRegex(@"jndi\s*:\s*[a-z]+\s*:\s*//")]
    public static partial Regex JndiAddress();

    [GeneratedRegex(@"<!entity\s+%?\s*\w+\s+(?:system|public)\b|<!doctype[^>]{0,80}\[\s*<!entity")]
    private static partial Regex Xxe();

    /// <summary>Injection syntax no application's own filter or report sends: tautologies, a comment cutting off the rest of the query,
    /// time delays, stacked destructive statements, and the idioms of extracting data through someone else's query: a subquery
    /// inside a condition or a string function (blind injection, one character at a time), a UNION of numbered or NULL
    /// placeholder columns (counting the columns) or straight after a quote that closes a value never opened (a parameter's
    /// value breaking out of its string; a BI query's UNION follows a quoted literal it opened), credential columns, error-based and file functions (a BI tool's real SQL,
    /// UNION, catalog queries and all, is not this).</summary>
    [GeneratedRegex(@"\b(\d+)\s*=\s*\1\b|'(\w*)'\s*=\s*'\2'|(?:'|\b\d+)\s*(?:--|#)|sleep\s*\(|benchmark\s*\(|waitfor\s+delay|@@version|xp_cmdshell|;\s*(?:drop|truncate|shutdown|declare|exec)\b"
        + @"|\b(?:case\s+when|if|substr(?:ing)?|ascii|mid)\s*\(+\s*select\b|\bselect\b[^;]{0,120}?\b(?:password|passwd|pwd|password_?hash|pass_?hash|pwd_?hash)\b"
        + @"|union\s+(?:all\s+)?select\s+(?:null|\d+)\s*,|(?<=[=&?""][^'""&=\r\n]{0,80})'\s*\)*\s*union\s+(?:all\s+)?select\b"
        + @"|group_concat\s*\(|load_file\s*\(|into\s+(?:out|dump)file|extractvalue\s*\(|updatexml\s*\(")]
    public static partial Regex InjectionSyntax();

    [GeneratedRegex(@"\{\{.{0,80}(?:\d+\s*\*\s*\d+|__class__|__globals__|__mro__|__subclasses__|config|self\.|request\.application|lipsum|cycler|joiner).{0,80}\}\}|\$\{\s*\d+\s*\*\s*\d+\s*\}|#\{\s*\d+\s*\*\s*\d+\s*\}|<%=\s*\d+\s*\*\s*\d+|%\{.{0,200}(?:#_memberaccess|@java\.lang|ognl|#context)|\bt\(java\.lang\.(?:runtime|processbuilder|system)\)|class\.module\.classloader|#set\s*\(\s*\$|freemarker\.template\.utility\.execute|\$\{.{0,40}(?:runtime|getruntime|processbuilder)")]
    private static partial Regex Template();

    [GeneratedRegex(@"ro0ab|aced0005|\bo:\d+:""[a-z_\\]+""|!!python/object|__reduce__|ysoserial|java\.lang\.runtime|""?\$type""?\s*:\s*""system\.|typeobject|objectdataprovider|system\.windows\.data|org\.apache\.commons\.collections|c3vzdgvt|<java\s+version=.{0,60}<object\s+class=")]
    private static partial Regex Deserialization();

    [GeneratedRegex(@"/\.env(?:\.\w+)?(?:$|\?)|/\.git/(?:config|head|index)|/\.aws/credentials|/wp-config\.php|/phpmyadmin|/phpunit/.{0,60}eval-stdin\.php|/actuator/(?:env|heapdump|gateway|jolokia)|/cgi-bin/.{0,40}(?:\.sh|bash|luci)|/manager/html|/solr/admin|/boaform|/hnap1|/mgmt/tm/util/bash|/remote/fgt_lang|/dana-na/|/\+cscoe\+/|/autodiscover/autodiscover\.json.{0,80}powershell|/owa/auth/x\.js|/vpns/|/jmx-console|/invoker/jmxinvokerservlet|/console/css/%252e|/wls-wsat/|/_ignition/execute-solution|/api/v1/totp/user-backup-code|/setup\.cgi|/shell\?|/xmlrpc\.php|/etc/passwd|/server-status|/web-inf/|/moveitisapi/|/guestaccess\.aspx|/uploads?/.{0,80}\.(?:php\d?|phtml|phar|jspx?|aspx?|ashx)(?:$|\?|\s)")]
    private static partial Regex ExploitPath();

    [GeneratedRegex(@"[=:""']\s*(?:https?|gopher|dict|file|ftp|ldap)://(?:169\.254\.169\.254|metadata\.google\.internal|metadata\.azure|100\.100\.100\.200|127\.\d|localhost\b|0\.0\.0\.0|\[::1?\]|0x7f|2130706433)|=\s*gopher://|=\s*dict://")]
    private static partial Regex Ssrf();

    [GeneratedRegex(@"sqlmap|nikto|nuclei|masscan|zgrab|nmap|acunetix|wpscan|dirbuster|gobuster|ffuf|feroxbuster|hydra|wfuzz|commix|jaeles|openvas|nessus|qualys|netsparker|appscan|burp|owasp[ _-]?zap|\bzap/|havij|w3af|xray|fuzz|l9explore|interactsh|censysinspect|expanse")]
    public static partial Regex ScannerAgent();

    [GeneratedRegex(@"^(?:curl|wget|python-requests|python-urllib|go-http-client|libwww-perl|java/|okhttp|aiohttp|httpclient|powershell|winhttp)")]
    public static partial Regex ScriptedClient();

    [GeneratedRegex(@"/(?:admin|administrator|wp-admin|wp-login\.php|login|manager|console|phpmyadmin|actuator|\.env|\.git|config|backup|api/admin)\b")]
    public static partial Regex AdminPath();

    [GeneratedRegex(@"^/?(?:health|healthz|healthcheck|ready|readyz|live|livez|status|ping|metrics|heartbeat|_health|server-health)(?:$|[/?])")]
    public static partial Regex HealthPath();

    [GeneratedRegex(@"kube-probe|elb-healthchecker|googlehc|pingdom|uptimerobot|statuscake|site24x7|consul health|nagios|zabbix|datadog synthetics|newrelicpinger|azure traffic manager|alwayson")]
    public static partial Regex HealthAgent();

    [GeneratedRegex(@"root:[x*!]?:0:0:|\[boot loader\]|\[fonts\]|uid=\d+\([\w-]+\)\s+gid=\d+|-----begin (?:rsa |ec |openssh )?private key|aws_secret_access_key|secretaccesskey|accesskeyid[\\""':=\s]{1,8}(?:asia|akia)|(?:db_password|app_key|secret_key)\s*=|<title>index of /|phpinfo\(\)|\bmysql_fetch|you have an error in your sql syntax|unclosed quotation mark|quoted string not properly terminated|\bora-\d{5}\b|sqlstate\[|pg_query\(\)|syntax error at or near|sqlite3?\.operationalerror|microsoft ole db provider for sql server|odbc sql server driver")]
    public static partial Regex Leak();

    /// <summary>Server-side code that runs commands, sent in a request (a web shell being uploaded or written): JSP
    /// scriptlets calling Runtime.exec or ProcessBuilder, PHP calling system/exec/passthru/shell_exec/popen/proc_open or
    /// eval of request input, ASP.NET starting a process. Matched on the lower-cased decoded request.</summary>
    [GeneratedRegex(@"<%.{0,300}?(?:runtime\.getruntime\(\)\.exec|new\s+processbuilder|process\.start\()|<\?(?:php|=).{0,300}?\b(?:system|exec|passthru|shell_exec|popen|proc_open|pcntl_exec)\s*\(|<\?(?:php|=).{0,300}?\b(?:eval|assert)\s*\(\s*\$_(?:get|post|request|cookie)", RegexOptions.Singleline)]
    public static partial Regex WebShellCode();

    [GeneratedRegex(@"traceback \(most recent call last\)|exception in thread|at java\.|at org\.springframework|system\.[a-z.]+exception|stack trace:|fatal error:.{0,80} on line \d+|warning:.{0,80} on line \d+")]
    public static partial Regex StackTrace();

    [GeneratedRegex(@"(?:^|;\s*)(?:[\w.-]*(?:sess|sid|auth|token|jwt)[\w.-]*|\.aspnetcore\.\w+|remember_\w+)=[^;\s]{8,}")]
    public static partial Regex SessionCookie();

    [GeneratedRegex(@"(?:^|[?&])(?:sort|order|orderby|order_by|sortby|sort_by|dir|direction|filter|fields|q|query|search|select|columns|view|mode|type)=")]
    public static partial Regex AppParameter();

    [GeneratedRegex(@"\b(?:select|union|insert|update|delete|drop|where|from|order|desc|asc|like|and|or|join|having|group)\b")]
    public static partial Regex SqlWord();
}
