using Verdict.Alerts;

namespace Verdict.Analysis.Families.Network;

/// <summary>
/// The site a web request was for and where it came from, whichever way the product reports it: request headers
/// (Host, Referer) or the product's own fields (Cloudflare <c>ClientRequestHost</c> / <c>ClientRefererHost</c>, Suricata
/// EVE <c>http.hostname</c> / <c>http.http_refer</c>, ECS <c>url.domain</c> / <c>http.request.referrer</c>).
/// </summary>
public static class WebSite
{
    public static string? Host(Alert a, string headers) =>
        WebEvidence.Header(headers, "host") ?? a.Raw("ClientRequestHost", "ClientRequestHTTPHost", "http.hostname", "url.domain", "server_name");

    public static string? Referer(Alert a, string headers) =>
        WebEvidence.Header(headers, "referer") ?? a.Raw("ClientRequestReferer", "ClientRefererHost", "http.http_refer", "http.request.referrer", "referrer", "referer");

    /// <summary>True when the referer (a URL, or a bare host as Cloudflare's ClientRefererHost gives it) is the site's own host.</summary>
    public static bool SameSite(string referer, string host)
    {
        var from = Uri.TryCreate(referer, UriKind.Absolute, out var r) && r.Scheme.StartsWith("http", StringComparison.Ordinal) ? r.Host
            : referer.Contains('/', StringComparison.Ordinal) || referer.Contains(' ', StringComparison.Ordinal) ? "" : referer.Trim();
        return from.Length > 0 && from.Equals(host.Split(':')[0].Trim(), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The host a URL names, with a scheme or as proxies and PAN-OS write it ("example.com/path"); null for a bare path.</summary>
    public static string? HostOf(string? url) => url is not null && Uri.TryCreate(url, UriKind.Absolute, out var u) ? u.Host
        : url is not null && !url.StartsWith('/') && url.Contains('.', StringComparison.Ordinal) ? url.Split('/', '?')[0] : null;

    public static string PathOf(string uri)
    {
        var s = Uri.TryCreate(uri, UriKind.Absolute, out var u) && u.Scheme.StartsWith("http", StringComparison.Ordinal) ? u.PathAndQuery : uri;
        var q = s.IndexOf('?', StringComparison.Ordinal);
        return q < 0 ? s : s[..q];
    }

    public static string QueryOf(string uri)
    {
        var q = uri.IndexOf('?', StringComparison.Ordinal);
        return q < 0 ? "" : uri[(q + 1)..];
    }
}
